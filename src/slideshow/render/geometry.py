"""Where things go on a slide, as plain numbers, so layout rules are testable without a screen.

Every size is a fraction of the output height: a caption that is readable across a room on a 4K TV is
then just as readable on a laptop, and an export at 1920x1080 matches the full-screen view.
"""

from __future__ import annotations

from dataclasses import dataclass

from slideshow.deck.model import Fit


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height


def fit_box(image_width: int, image_height: int, area: Box, fit: Fit) -> Box:
    """The picture's box inside ``area``: whole picture (contain) or area filled and overflowing (cover).

    The result is centred and keeps the picture's aspect ratio, so a picture of the wrong size (for a
    moment, after a resize) is scaled, never stretched.
    """
    if image_width <= 0 or image_height <= 0 or area.width <= 0 or area.height <= 0:
        return Box(area.x, area.y, 0.0, 0.0)
    scale_w = area.width / image_width
    scale_h = area.height / image_height
    scale = min(scale_w, scale_h) if fit is Fit.CONTAIN else max(scale_w, scale_h)
    width = image_width * scale
    height = image_height * scale
    return Box(area.x + (area.width - width) / 2, area.y + (area.height - height) / 2, width, height)


@dataclass(frozen=True)
class Metrics:
    """Pixel sizes for one output height."""

    margin: float
    caption_px: int
    meta_px: int
    title_px: int
    big_title_px: int
    summary_px: int
    number_px: int
    band_padding: float
    line_gap: float
    progress_px: int
    min_caption_px: int
    max_band_fraction: float = 0.42

    @classmethod
    def for_area(cls, area: Box, text_scale: float = 1.0) -> Metrics:
        """Sizes for a slide: they follow the shorter side, so a portrait screen's text is as large as
        the same monitor's turned on its side, not a third larger."""
        return cls.for_height(min(area.height, area.width), text_scale)

    @classmethod
    def for_height(cls, height: float, text_scale: float = 1.0) -> Metrics:
        """``text_scale`` is the presenter's caption size (+/-) on top of the screen-height rule."""
        h = max(height, 1.0)
        t = h * text_scale
        return cls(
            margin=round(h * 0.045),
            caption_px=max(8, round(t * 0.034)),
            meta_px=max(7, round(t * 0.024)),
            title_px=max(9, round(h * 0.046)),
            big_title_px=max(12, round(h * 0.068)),
            summary_px=max(8, round(h * 0.036)),
            number_px=max(7, round(h * 0.021)),
            band_padding=round(h * 0.028),
            line_gap=round(h * 0.012),
            progress_px=max(2, round(h * 0.004)),
            min_caption_px=max(7, round(h * 0.022)),
        )


def text_column(area: Box, metrics: Metrics, *, centred: bool = False) -> Box:
    """The column text is set in: the full width less margins, capped (by ``area``'s height) so lines
    stay readable."""
    max_width = area.height * 1.75  # about 90 characters at caption size
    width = max(min(area.width - 2 * metrics.margin, max_width), 1.0)
    x = area.x + (area.width - width) / 2 if centred else area.x + metrics.margin
    return Box(x, area.y, width, area.height)
