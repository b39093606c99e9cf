"""Where a photo and its caption go on a screen, as plain numbers: the rules a picture desk follows.

A caption must never hide the subject of a photo. So in ``auto`` the caption goes into the room the
fitted photo leaves: a column beside a portrait photo on a wide screen, a band below a landscape photo
on a 4:3 screen. The photo may give up a little of its size for that (down to :data:`MIN_PHOTO_SCALE`
of its fitted size), and the caption may shrink towards its legibility floor; of the layouts that fit,
the one keeping photo and text largest wins. Only when none fits does the caption lie over the photo,
on a scrim just as tall as its text and never more than a third of the photo's height.

The caption's height at a width and a size comes from a ``measure`` function, so these rules are tested
with plain numbers and painted with Qt's real text layout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from slideshow.deck.model import CaptionPosition, Fit
from slideshow.render.geometry import Box, Metrics, fit_box, text_column

MIN_PHOTO_SCALE = 0.88
"""A photo gives up at most 12 % of its fitted width and height (23 % of its area) to keep its caption
off it; more would make the photo the smaller partner on its own slide."""

OVERLAY_SHARE = 1 / 3
"""An overlaid caption's scrim never covers more than this share of the photo's height."""

SIDE_COLUMN_EMS = (13.0, 20.0)
"""A side column holds 13 to 20 caption-size ems: about 26 to 40 characters a line."""

SIDE_COLUMN_SHARE = 0.4
"""... and never more than this share of the screen's width."""

TEXT_STEPS = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)
"""Sizes tried, relative to the presenter's caption size, down to the legibility floor."""

ROOM_TEXT_STEPS = (1.0, 0.9, 0.8)
"""Beside or below the photo a caption shrinks only this far: smaller, it belongs over the photo."""

Measure = Callable[[float, float], float]
"""(column width, text scale) -> height of the caption block set at that width and scale."""


class Placement(Enum):
    """Where the caption went: no text, over the photo, in a band below it, in a column beside it."""

    NONE = "none"
    OVERLAY = "overlay"
    BELOW = "below"
    SIDE = "side"


@dataclass(frozen=True)
class SlideLayout:
    placement: Placement
    photo: Box  # where the picture is drawn; with ``cover`` it may reach past the screen
    text: Box | None = None  # the caption block: its column and the height it takes
    text_scale: float = 1.0  # the caption's size relative to the presenter's choice
    scrim: Box | None = None  # overlay only: the dark strip under the text, inside the photo
    clip: Box | None = None  # the part of the screen the picture may paint (below, with ``cover``)


def text_floor(metrics: Metrics) -> float:
    """The smallest text scale still legible: the caption at ``metrics.min_caption_px``, unless the
    presenter chose smaller text anyway."""
    return min(1.0, metrics.min_caption_px / max(metrics.caption_px, 1))


def text_steps(metrics: Metrics) -> list[float]:
    floor = text_floor(metrics)
    return [t for t in TEXT_STEPS if t > floor] + [floor]


def place_caption(
    area: Box,
    picture: tuple[int, int] | None,
    fit: Fit,
    position: CaptionPosition,
    metrics: Metrics,
    measure: Measure,
    *,
    rtl: bool = False,
    has_text: bool = True,
) -> SlideLayout:
    """The layout of one photo slide; ``picture`` is its pixel size, None while it is missing."""
    if picture is None or picture[0] <= 0 or picture[1] <= 0:
        return _missing_picture(area, metrics, measure, has_text and position is not CaptionPosition.HIDDEN)
    natural = fit_box(picture[0], picture[1], area, fit)
    if not has_text or position is CaptionPosition.HIDDEN:
        return SlideLayout(Placement.NONE, natural)
    if position is CaptionPosition.OVERLAY:
        return overlay(area, natural, metrics, measure)
    if position is CaptionPosition.BELOW:
        return _forced_below(area, picture, fit, metrics, measure)
    if fit is Fit.COVER:
        return overlay(area, natural, metrics, measure)  # a covered screen leaves no room by definition
    off_the_photo = _OffThePhoto(area, picture, natural, metrics, measure)
    best: tuple[float, SlideLayout] | None = None
    for scale in ROOM_TEXT_STEPS:
        for candidate in (off_the_photo.below(scale), off_the_photo.beside(scale, rtl)):
            if candidate is None:
                continue
            kept = candidate[0]
            if kept < MIN_PHOTO_SCALE:
                continue
            score = kept * kept * scale  # photo area times text size
            if best is None or score > best[0] + 1e-9:
                best = (score, candidate[1])
    return best[1] if best is not None else overlay(area, natural, metrics, measure)


def overlay(area: Box, photo: Box, metrics: Metrics, measure: Measure) -> SlideLayout:
    """The caption over the bottom of the visible photo: the scrim stays inside the photo, so no seam
    runs through the text where a letterbox bar would begin."""
    visible = intersection(photo, area)
    column = _overlay_column(area, visible, metrics)
    pad = metrics.band_padding
    limit = visible.height * OVERLAY_SHARE - 2 * pad
    scale, height = _largest_fitting(metrics, measure, column.width, limit)
    height = max(height, 0.0)
    scrim = Box(visible.x, visible.bottom - height - 2 * pad, visible.width, height + 2 * pad)
    text = Box(column.x, scrim.y + pad, column.width, height)
    return SlideLayout(Placement.OVERLAY, photo, text, scale, scrim)


def _overlay_column(area: Box, visible: Box, metrics: Metrics) -> Box:
    column = text_column(area, metrics)
    left = max(column.x, visible.x + metrics.margin)
    right = min(column.right, visible.right - metrics.margin)
    if right - left < visible.width * 0.5:  # a narrow photo: its own width less margins
        left, right = visible.x + metrics.margin * 0.5, visible.right - metrics.margin * 0.5
    return Box(left, visible.y, max(right - left, 1.0), visible.height)


@dataclass(frozen=True)
class _OffThePhoto:
    """The layouts that keep a caption off its photo, each at a text scale; with each, how much of its
    fitted size the photo keeps (the caller weighs that against the text's size)."""

    area: Box
    picture: tuple[int, int]
    natural: Box  # the photo fitted to the whole area
    metrics: Metrics
    measure: Measure

    def below(self, scale: float) -> tuple[float, SlideLayout] | None:
        """Photo and caption as one group, centred on the screen: the photo moves up and, if it must,
        shrinks a little."""
        area, metrics = self.area, self.metrics
        column = text_column(area, metrics)
        height = self.measure(column.width, scale)
        gap, bottom = metrics.band_padding * 0.8, metrics.margin * 0.8
        room = Box(area.x, area.y, area.width, area.height - height - gap - bottom)
        if room.height <= 0:
            return None
        photo = _no_larger(fit_box(self.picture[0], self.picture[1], room, Fit.CONTAIN), self.natural)
        group = photo.height + gap + height
        top = area.y + max((area.height - bottom - group) / 2, 0.0)
        if top + group > area.bottom - bottom:
            top = area.bottom - bottom - group
        photo = Box(photo.x, top, photo.width, photo.height)
        text = Box(column.x, photo.bottom + gap, column.width, height)
        return photo.height / self.natural.height, SlideLayout(Placement.BELOW, photo, text, scale)

    def beside(self, scale: float, rtl: bool) -> tuple[float, SlideLayout] | None:
        """A column beside the photo (left of it for right-to-left text), the pair centred on the screen."""
        area, natural = self.area, self.natural
        margin = gutter = self.metrics.margin
        em = self.metrics.caption_px * scale
        widest = min(SIDE_COLUMN_EMS[1] * em, area.width * SIDE_COLUMN_SHARE)
        narrowest = SIDE_COLUMN_EMS[0] * em
        if narrowest > widest:
            return None
        room = area.width - natural.width - gutter - 2 * margin
        width = min(max(room, narrowest), widest)
        photo_room = Box(area.x, area.y, area.width - width - gutter - margin, area.height)
        photo = _no_larger(fit_box(self.picture[0], self.picture[1], photo_room, Fit.CONTAIN), natural)
        height = self.measure(width, scale)
        if height > area.height - 2 * margin:
            return None
        group = photo.width + gutter + width
        left = area.x + max((area.width - group) / 2, 0.0)
        left = min(left, area.right - margin - group)
        if rtl:
            text_x, photo_x = left, left + width + gutter
        else:
            photo_x, text_x = left, left + photo.width + gutter
        photo = Box(photo_x, photo.y, photo.width, photo.height)
        text_bottom = min(photo.bottom, area.bottom - margin)
        text = Box(text_x, text_bottom - height, width, height)
        return photo.height / natural.height, SlideLayout(Placement.SIDE, photo, text, scale)


def _forced_below(
    area: Box, picture: tuple[int, int], fit: Fit, metrics: Metrics, measure: Measure
) -> SlideLayout:
    """``below`` whatever it costs the photo; the band takes at most half the screen."""
    column = text_column(area, metrics)
    gap, bottom = metrics.band_padding * 0.8, metrics.margin * 0.8
    scale, height = _largest_fitting(metrics, measure, column.width, area.height * 0.5 - gap - bottom)
    room = Box(area.x, area.y, area.width, area.height - height - gap - bottom)
    photo = fit_box(picture[0], picture[1], room, fit)
    if fit is Fit.CONTAIN:
        photo = Box(photo.x, room.bottom - photo.height, photo.width, photo.height)
        text = Box(column.x, photo.bottom + gap, column.width, height)
        clip = None
    else:
        text = Box(column.x, room.bottom + gap, column.width, height)
        clip = room
    return SlideLayout(Placement.BELOW, photo, text, scale, clip=clip)


def _missing_picture(area: Box, metrics: Metrics, measure: Measure, with_text: bool) -> SlideLayout:
    """No picture (yet): the placeholder takes the screen above the caption band."""
    if not with_text:
        return SlideLayout(Placement.NONE, area)
    column = text_column(area, metrics)
    gap, bottom = metrics.band_padding * 0.8, metrics.margin * 0.8
    scale, height = _largest_fitting(metrics, measure, column.width, area.height * 0.45)
    text = Box(column.x, area.bottom - bottom - height, column.width, height)
    photo = Box(area.x, area.y, area.width, text.y - gap - area.y)
    return SlideLayout(Placement.BELOW, photo, text, scale)


def _largest_fitting(metrics: Metrics, measure: Measure, width: float, limit: float) -> tuple[float, float]:
    """The largest text step whose block fits ``limit`` and its height; else the floor, cut to ``limit``."""
    for step in text_steps(metrics):
        needed = measure(width, step)
        if needed <= limit:
            return step, needed
    return text_floor(metrics), limit


def _no_larger(box: Box, natural: Box) -> Box:
    """``box`` at most as large as the photo fitted to the whole screen, centred where ``box`` was."""
    if box.width <= natural.width:
        return box
    return Box(box.x + (box.width - natural.width) / 2, box.y, natural.width, natural.height)


def intersection(a: Box, b: Box) -> Box:
    """The part of ``a`` inside ``b`` (empty, not negative, when they do not meet)."""
    left, top = max(a.x, b.x), max(a.y, b.y)
    right, bottom = min(a.right, b.right), min(a.bottom, b.bottom)
    return Box(left, top, max(right - left, 0.0), max(bottom - top, 0.0))
