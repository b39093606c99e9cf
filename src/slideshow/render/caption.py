"""A photo's caption block: title, caption, the place/date/credit line and the slide number, set with
Qt's text layout at any width and size, so the layout rules can measure it before it is painted.

The slide number sits on the baseline of the meta line's last line, or on a line of its own: never
between two lines of text. A meta line too long for the column puts place, date and credit one a line
rather than breaking a piece in the middle.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QTextLayout

from slideshow.deck.model import Slide
from slideshow.render.fonts import font
from slideshow.render.geometry import Box, Metrics
from slideshow.render.text import (
    format_date,
    joined_pieces,
    layout_text,
    slide_language,
)

ACCENT = QColor("#f2c14e")
CAPTION_COLOUR = QColor("#ffffff")
META_COLOUR = QColor("#e6e6e6")
MUTED_COLOUR = QColor("#a9b0b8")
ELLIPSIS = "…"


@dataclass(frozen=True)
class TextPart:
    """One laid-out piece of text, where it goes and in which colour."""

    layout: QTextLayout
    position: QPointF
    colour: QColor

    def ink(self) -> list[QRectF]:
        """The rectangles its lines' glyphs take on the screen, for overlap checks."""
        rects = []
        for i in range(self.layout.lineCount()):
            line = self.layout.lineAt(i)
            if line.textLength() > 0:
                rects.append(line.naturalTextRect().translated(self.position))
        return rects


def meta_pieces(slide: Slide, deck_locale: str) -> list[tuple[str, QColor | None]]:
    """Place, date stamp (in the slide's language, in the accent colour) and credit, those the slide has."""
    pieces: list[tuple[str, QColor | None]] = []
    if slide.place:
        pieces.append((slide.place, None))
    if slide.date:
        pieces.append((format_date(slide.date, slide_language(slide, deck_locale)), ACCENT))
    if slide.credit:
        pieces.append((slide.credit, MUTED_COLOUR))
    return pieces


class CaptionBlock:
    """The caption of one photo slide; measured at many widths and sizes, then painted once."""

    def __init__(
        self, slide: Slide, number_text: str, deck_locale: str, metrics: Metrics, *, rtl: bool
    ) -> None:
        self._slide = slide
        self._number_text = number_text
        self._pieces = meta_pieces(slide, deck_locale)
        self._metrics = metrics
        self._rtl = rtl
        self._align = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        self._heights: dict[tuple[float, float], float] = {}

    def measure(self, width: float, scale: float) -> float:
        """The block's height at ``width`` and text ``scale`` (the layout rules ask more than once)."""
        key = (round(width, 1), round(scale, 4))
        if key not in self._heights:
            self._heights[key] = self._lay(width, scale, None)[1]
        return self._heights[key]

    def parts(self, box: Box, scale: float) -> list[TextPart]:
        """The block set in ``box``; a caption taller than the box is cut at a line with "…"."""
        parts, _ = self._lay(box.width, scale, box.height)
        return [TextPart(p.layout, p.position + QPointF(box.x, box.y), p.colour) for p in parts]

    # --- laying out ---

    def _px(self, base: int, scale: float, floor: float) -> int:
        return max(round(max(base * scale, floor)), 1)

    def _lay(self, width: float, scale: float, max_height: float | None) -> tuple[list[TextPart], float]:
        metrics, slide = self._metrics, self._slide
        caption_px = self._px(metrics.caption_px, scale, 1)
        title_font = font(round(caption_px * 1.25), bold=True)
        caption_font = font(caption_px)
        gap = metrics.line_gap * min(scale, 1.0)
        meta, meta_height = self._meta_row(width, scale)
        blocks: list[tuple[QTextLayout, float, QColor]] = []
        if slide.title:
            layout, height = layout_text(slide.title, title_font, width, self._align, self._rtl)
            blocks.append((layout, height, ACCENT if slide.caption else CAPTION_COLOUR))
        caption_at = len(blocks)
        if slide.caption:
            layout, height = layout_text(slide.caption, caption_font, width, self._align, self._rtl)
            blocks.append((layout, height, CAPTION_COLOUR))
        total = sum(h for _, h, _ in blocks) + gap * len(blocks) + meta_height
        if max_height is not None and total > max_height + 0.5 and slide.caption:
            room = max_height - (total - blocks[caption_at][1])
            layout, height = self._cut(slide.caption, caption_font, width, room)
            blocks[caption_at] = (layout, height, CAPTION_COLOUR)
            total = sum(h for _, h, _ in blocks) + gap * len(blocks) + meta_height
        parts: list[TextPart] = []
        y = 0.0
        for layout, height, colour in blocks:
            parts.append(TextPart(layout, QPointF(0.0, y), colour))
            y += height + gap
        parts.extend(TextPart(p.layout, p.position + QPointF(0.0, y), p.colour) for p in meta)
        return parts, total

    def _cut(self, text: str, text_font: QFont, width: float, room: float) -> tuple[QTextLayout, float]:
        """As many whole lines as fit in ``room`` (at least one), the last one ending in "…"."""
        layout, height = layout_text(text, text_font, width, self._align, self._rtl)
        lines = 0
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            if line.y() + line.height() > room + 0.5 and lines > 0:
                break
            lines = i + 1
        if lines >= layout.lineCount():
            return layout, height
        end = layout.lineAt(lines - 1).textStart() + layout.lineAt(lines - 1).textLength()
        cut = text[: _code_points(text, end)].rstrip()
        while cut:
            trial, trial_height = layout_text(cut + ELLIPSIS, text_font, width, self._align, self._rtl)
            if trial.lineCount() <= lines:
                return trial, trial_height
            cut = cut[: cut.rfind(" ")] if " " in cut else cut[:-1]
        return layout_text(ELLIPSIS, text_font, width, self._align, self._rtl)

    def _meta_row(self, width: float, scale: float) -> tuple[list[TextPart], float]:
        """Place · date · credit and the slide number, laid out from the top of the row."""
        metrics = self._metrics
        meta_font = font(self._px(metrics.meta_px, scale, metrics.min_caption_px * 0.8))
        number_font = font(metrics.number_px)
        number_metrics = QFontMetricsF(number_font)
        number_width = number_metrics.horizontalAdvance(self._number_text) + 1
        number_layout, number_height = layout_text(
            self._number_text, number_font, number_width + 1, Qt.AlignmentFlag.AlignLeft
        )
        space = QFontMetricsF(meta_font).height()
        number_x = 0.0 if self._rtl else width - number_width
        if not self._pieces:
            return [TextPart(number_layout, QPointF(number_x, 0.0), MUTED_COLOUR)], number_height
        text, ranges = joined_pieces(self._pieces)
        one_line = QFontMetricsF(meta_font).horizontalAdvance(text) + 2
        beside = width - number_width - space
        if one_line <= beside:
            layout, height = layout_text(text, meta_font, beside, self._align, self._rtl, ranges)
            meta_x = number_width + space if self._rtl else 0.0
            parts = [TextPart(layout, QPointF(meta_x, 0.0), META_COLOUR)]
            line = layout.lineAt(0)
        else:
            text, ranges = joined_pieces(self._pieces, stacked=True)
            layout, height = layout_text(text, meta_font, width, self._align, self._rtl, ranges)
            parts = [TextPart(layout, QPointF(0.0, 0.0), META_COLOUR)]
            line = layout.lineAt(layout.lineCount() - 1)
            if line.naturalTextWidth() + space + number_width > width:
                number_y = height + metrics.line_gap * 0.5
                parts.append(TextPart(number_layout, QPointF(number_x, number_y), MUTED_COLOUR))
                return parts, number_y + number_height
        baseline = line.y() + line.ascent()
        number_y = baseline - number_layout.lineAt(0).ascent()
        parts.append(TextPart(number_layout, QPointF(number_x, number_y), MUTED_COLOUR))
        return parts, max(height, number_y + number_height)


def _code_points(text: str, utf16_units: int) -> int:
    """How many of ``text``'s code points make up its first ``utf16_units`` UTF-16 units."""
    units = 0
    for index, char in enumerate(text):
        if units >= utf16_units:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)
