"""Where a photo goes in the box the screen offers: output size and the source rectangle to scale.

Plain arithmetic, shared by the Pillow and the Qt decoders so both give the same picture, and kept free
of Pillow and Qt so either can use it without importing the other.
"""

from __future__ import annotations

from dataclasses import dataclass

from slideshow.deck.model import Fit

__all__ = ["Region", "Target", "plan", "plan_crop", "plan_stored", "stored_crop"]

#: (left, top, right, bottom) in source pixels, fractional.
Region = tuple[float, float, float, float]


@dataclass(frozen=True)
class Target:
    """Where a decoded picture goes: a box of ``width`` x ``height`` device pixels, how the photo fits
    it, the colour under transparent pixels, and ``crop`` (fractions of the upright photo) for a zoomed
    part. One value, so every decoder reads the same request."""

    width: int
    height: int
    fit: Fit = Fit.CONTAIN
    background: tuple[int, int, int] = (0, 0, 0)
    crop: Region | None = None


def plan(src_w: int, src_h: int, box_w: int, box_h: int, fit: Fit) -> tuple[tuple[int, int], Region]:
    """Output size and the source rectangle to scale into it (centred crop for COVER).

    CONTAIN scales small photos *up* as well as big ones down: a slideshow on a projector should fill
    the screen, and the painter then only has to centre the picture.
    """
    if fit is Fit.COVER:
        scale = max(box_w / src_w, box_h / src_h)
        crop_w, crop_h = min(src_w, box_w / scale), min(src_h, box_h / scale)
        x0, y0 = (src_w - crop_w) / 2, (src_h - crop_h) / 2
        return (box_w, box_h), (x0, y0, x0 + crop_w, y0 + crop_h)
    scale = min(box_w / src_w, box_h / src_h)
    out = (min(box_w, max(1, int(src_w * scale + 0.5))), min(box_h, max(1, int(src_h * scale + 0.5))))
    return out, (0.0, 0.0, float(src_w), float(src_h))


def plan_stored(
    src_w: int, src_h: int, turned: bool, width: int, height: int, fit: Fit
) -> tuple[tuple[int, int], Region]:
    """:func:`plan` for pixels stored a quarter-turn from upright (EXIF orientations 5-8) when
    ``turned``: the box is turned back, so scaling happens before the exact, cheap rotation."""
    box_w, box_h = (height, width) if turned else (width, height)
    return plan(src_w, src_h, box_w, box_h, fit)


def stored_crop(crop: Region, orientation: int, src_w: int, src_h: int) -> Region:
    """``crop`` (fractions of the upright photo) as source pixels of the stored one, for EXIF
    ``orientation`` 1-8, so a zoomed region is decoded from the file and turned afterwards."""
    u0, v0, u1, v1 = crop
    corners = [_stored_point(u, v, orientation) for u, v in ((u0, v0), (u1, v1))]
    xs, ys = sorted(c[0] for c in corners), sorted(c[1] for c in corners)
    return (xs[0] * src_w, ys[0] * src_h, xs[1] * src_w, ys[1] * src_h)


def _stored_point(u: float, v: float, orientation: int) -> tuple[float, float]:
    """Where upright point (u, v) (fractions) sits in the stored pixels."""
    if orientation == 2:
        return 1 - u, v
    if orientation == 3:
        return 1 - u, 1 - v
    if orientation == 4:
        return u, 1 - v
    if orientation == 5:
        return v, u
    if orientation == 6:
        return v, 1 - u
    if orientation == 7:
        return 1 - v, 1 - u
    if orientation == 8:
        return 1 - v, u
    return u, v


def plan_crop(
    src_w: int, src_h: int, orientation: int, crop: Region | None, width: int, height: int, fit: Fit
) -> tuple[tuple[int, int], Region]:
    """:func:`plan_stored`, or with ``crop`` (fractions of the upright photo) that part of it scaled to
    fit the box (a zoomed region): the output size and the stored source rectangle."""
    turned = orientation >= 5
    if crop is None:
        return plan_stored(src_w, src_h, turned, width, height, fit)
    region = stored_crop(crop, orientation, src_w, src_h)
    crop_w, crop_h = max(region[2] - region[0], 1e-6), max(region[3] - region[1], 1e-6)
    box_w, box_h = (height, width) if turned else (width, height)
    scale = min(box_w / crop_w, box_h / crop_h)
    out = (min(box_w, max(1, int(crop_w * scale + 0.5))), min(box_h, max(1, int(crop_h * scale + 0.5))))
    return out, region
