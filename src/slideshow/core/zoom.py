"""Zoom to detail on a photo: which part of the photo the screen shows, at what scale, as plain numbers.

A briefer points at a village on a map: Z shows it at 100 % (one photo pixel per screen pixel), the wheel
with Ctrl goes up to 400 %, dragging and Shift + arrows pan. Everything here is arithmetic on the photo's
upright size and the view's size in device pixels, so it is tested without a screen; the window only
feeds it the pointer and paints :meth:`ZoomView.region` into :meth:`ZoomView.dest`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from slideshow.deck.model import Fit

__all__ = ["MAX_SCALE", "PAN_STEP", "Region", "ZoomView", "contain"]

#: The closest zoom: four screen pixels per photo pixel.
MAX_SCALE = 4.0

#: Shift + arrow pans by this share of the view.
PAN_STEP = 0.2

#: (left, top, right, bottom) as fractions of the upright photo, 0..1.
Region = tuple[float, float, float, float]

_Point = tuple[float, float]


def contain(aspect: float, width: float, height: float) -> tuple[float, float, float, float]:
    """(x, y, w, h): a box of ``aspect`` (width / height) as large as fits ``width`` x ``height``,
    centred. The painter uses it to place a region of the photo on any screen or export."""
    if aspect <= 0 or width <= 0 or height <= 0:
        return (0.0, 0.0, 0.0, 0.0)
    w = min(width, height * aspect)
    h = w / aspect
    return ((width - w) / 2, (height - h) / 2, w, h)


@dataclass(frozen=True)
class ZoomView:
    """The photo (``photo`` upright pixels) seen in a view of ``box`` device pixels at ``scale`` device
    pixels per photo pixel, with photo point ``centre`` in the middle of the view (where the photo is
    larger than the view; a smaller side is centred)."""

    photo: tuple[int, int]
    box: tuple[float, float]
    fit: Fit
    scale: float
    centre: _Point

    @classmethod
    def fitted(cls, photo: tuple[int, int], box: tuple[float, float], fit: Fit = Fit.CONTAIN) -> ZoomView:
        """The view of an unzoomed slide: the whole photo (contain) or the screen filled (cover)."""
        width, height = max(1, photo[0]), max(1, photo[1])
        scale = _fit_scale((width, height), box, fit)
        return cls((width, height), box, fit, scale, (width / 2, height / 2))

    @property
    def fit_scale(self) -> float:
        return _fit_scale(self.photo, self.box, self.fit)

    @property
    def is_fitted(self) -> bool:
        return self.scale <= self.fit_scale * 1.0001

    @property
    def max_scale(self) -> float:
        """400 %, or the fitted scale for a photo too small to reach it."""
        return max(MAX_SCALE, self.fit_scale)

    # --- what a gesture does ---------------------------------------------------------------------------

    def toggled(self, pointer: _Point | None) -> ZoomView:
        """Z: back to fit when zoomed; else 100 %, centred on the photo point under ``pointer`` (view
        device pixels) when it is over the photo, else on the photo's centre. A photo no larger than the
        screen, already at 100 % or more when fitted, goes to twice its fitted size instead."""
        if not self.is_fitted:
            return ZoomView.fitted(self.photo, self.box, self.fit)
        target = self.photo_point(pointer) if pointer is not None else None
        centre = target or (self.photo[0] / 2, self.photo[1] / 2)
        fit = self.fit_scale
        one_to_one = 1.0 if fit < 1.0 else min(2 * fit, self.max_scale)
        if one_to_one == 1.0:  # whole photo pixels on whole screen pixels: 1:1 is exact, not resampled
            (x, y), (width, height) = centre, self.box
            centre = (round(x - width / 2) + width / 2, round(y - height / 2) + height / 2)
        return self._clamped(replace(self, scale=one_to_one, centre=centre))

    def zoomed(self, factor: float, anchor: _Point | None = None) -> ZoomView:
        """Scale by ``factor`` (between fit and 400 %), keeping the photo point under ``anchor`` (view
        device pixels; the view's centre if None) where it is."""
        scale = min(max(self.scale * factor, self.fit_scale), self.max_scale)
        if scale <= self.fit_scale * 1.0001:
            return ZoomView.fitted(self.photo, self.box, self.fit)
        ax, ay = anchor if anchor is not None else (self.box[0] / 2, self.box[1] / 2)
        px, py = self._unclamped_photo_point((ax, ay))
        centre = (px - (ax - self.box[0] / 2) / scale, py - (ay - self.box[1] / 2) / scale)
        return self._clamped(replace(self, scale=scale, centre=centre))

    def panned(self, dx: float, dy: float) -> ZoomView:
        """The view moved by ``dx``, ``dy`` device pixels (the photo moves the other way); none when
        fitted, where a drag is a click."""
        if self.is_fitted:
            return self
        centre = (self.centre[0] + dx / self.scale, self.centre[1] + dy / self.scale)
        return self._clamped(replace(self, centre=centre))

    def stepped(self, right: int, down: int) -> ZoomView:
        """Shift + arrow: a fifth of the view that way."""
        return self.panned(right * PAN_STEP * self.box[0], down * PAN_STEP * self.box[1])

    # --- what the screen shows -------------------------------------------------------------------------

    def region(self) -> Region:
        """The part of the photo on screen, as fractions of the photo."""
        half_w, half_h = self.box[0] / 2 / self.scale, self.box[1] / 2 / self.scale
        width, height = self.photo
        x0, x1 = max(0.0, self.centre[0] - half_w), min(float(width), self.centre[0] + half_w)
        y0, y1 = max(0.0, self.centre[1] - half_h), min(float(height), self.centre[1] + half_h)
        return (x0 / width, y0 / height, x1 / width, y1 / height)

    def region_pixels(self) -> tuple[int, int]:
        """The region's size in photo pixels."""
        x0, y0, x1, y1 = self.region()
        return max(1, round((x1 - x0) * self.photo[0])), max(1, round((y1 - y0) * self.photo[1]))

    def dest(self) -> tuple[float, float, float, float]:
        """(x, y, w, h) in view device pixels where :meth:`region` is drawn."""
        x0, y0, x1, y1 = self.region()
        w, h = (x1 - x0) * self.photo[0] * self.scale, (y1 - y0) * self.photo[1] * self.scale
        return ((self.box[0] - w) / 2, (self.box[1] - h) / 2, w, h)

    def photo_point(self, point: _Point) -> _Point | None:
        """The photo pixel under ``point`` (view device pixels), or None when it is beside the photo."""
        x, y, w, h = self.dest()
        if not (x <= point[0] <= x + w and y <= point[1] <= y + h):
            return None
        return self._unclamped_photo_point(point)

    def _unclamped_photo_point(self, point: _Point) -> _Point:
        return (
            self.centre[0] + (point[0] - self.box[0] / 2) / self.scale,
            self.centre[1] + (point[1] - self.box[1] / 2) / self.scale,
        )

    def _clamped(self, view: ZoomView) -> ZoomView:
        """The centre moved so the photo never leaves a gap at an edge it could fill."""
        centre = tuple(
            _clamp_axis(view.centre[axis], view.photo[axis], view.box[axis] / view.scale) for axis in (0, 1)
        )
        return replace(view, centre=(centre[0], centre[1]))


def _fit_scale(photo: tuple[int, int], box: tuple[float, float], fit: Fit) -> float:
    scale_w, scale_h = box[0] / max(1, photo[0]), box[1] / max(1, photo[1])
    return max(scale_w, scale_h) if fit is Fit.COVER else min(scale_w, scale_h)


def _clamp_axis(centre: float, size: int, seen: float) -> float:
    if seen >= size:
        return size / 2
    return min(max(centre, seen / 2), size - seen / 2)
