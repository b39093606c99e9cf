"""The one painting function: the window's paintEvent and every exporter call ``paint_slide``.

What an export writes is therefore exactly what the audience sees, and tests can check the full-screen look
by painting into a QImage offscreen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QLinearGradient,
    QPainter,
    QPixmap,
    QTextLayout,
)

from slideshow.core.player import Blank
from slideshow.deck.model import Deck, Fit, Slide
from slideshow.render.fonts import font
from slideshow.render.geometry import Box, Metrics, fit_box, text_column
from slideshow.render.text import coloured_range, format_date, is_right_to_left, layout_text

ACCENT = QColor("#f2c14e")
CAPTION_COLOUR = QColor("#ffffff")
META_COLOUR = QColor("#e6e6e6")
MUTED_COLOUR = QColor("#a9b0b8")
PROBLEM_COLOUR = QColor("#ff8a80")
BANNER_COLOUR = QColor(170, 30, 30, 235)
SEPARATOR = "  ·  "


@dataclass(frozen=True)
class SlideView:
    """Everything needed to draw one frame of one slide."""

    slide: Slide
    number: int
    count: int
    locale: str = "en-GB"
    fit: Fit = Fit.CONTAIN
    picture: QImage | QPixmap | None = None
    problem: str | None = None  # why the picture is missing; drawn as a placeholder
    blank: Blank = Blank.NONE
    progress: float | None = None  # autoplay: share of the slide's time gone, 0..1
    notice: str | None = None  # short message over the slide: "Go to 12", "No slide 20"
    banner: str | None = None  # a problem the presenter must know about (a broken edit of the deck)
    caption_scale: float = 1.0  # the presenter's caption size, on top of the screen-height rule

    @classmethod
    def of(cls, deck: Deck, index: int, **rest: Any) -> SlideView:
        """Slide ``index`` of ``deck`` with its number, the deck's length, locale and fit."""
        settings = deck.settings
        return cls(deck.slides[index], index + 1, len(deck.slides), settings.locale, settings.fit, **rest)


def paint_slide(painter: QPainter, rect: QRectF, view: SlideView) -> None:
    """Draws ``view`` filling ``rect``; sizes follow ``rect``'s height."""
    area = Box(rect.x(), rect.y(), rect.width(), rect.height())
    metrics = Metrics.for_height(area.height, view.caption_scale)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    painter.setClipRect(rect)
    if view.blank is not Blank.NONE:
        painter.fillRect(rect, QColor("#ffffff") if view.blank is Blank.WHITE else QColor("#000000"))
    elif view.slide.is_text_slide:
        _paint_text_slide(painter, area, metrics, view)
    else:
        _paint_photo_slide(painter, area, metrics, view)
    if view.progress is not None and view.blank is Blank.NONE:
        _paint_progress(painter, area, metrics, view.progress)
    if view.notice:
        _paint_notice(painter, area, metrics, view.notice)
    if view.banner:
        _paint_banner(painter, area, metrics, view.banner)
    painter.restore()


# --- photo slides --------------------------------------------------------------------------------------


def _paint_photo_slide(painter: QPainter, area: Box, metrics: Metrics, view: SlideView) -> None:
    painter.fillRect(_qrect(area), QColor("#000000"))
    band = _caption_band(area, metrics, view)
    if view.picture is not None and not view.picture.isNull():
        target = fit_box(view.picture.width(), view.picture.height(), area, view.fit)
        target_rect = _qrect(target)
        source = QRectF(0, 0, view.picture.width(), view.picture.height())
        if isinstance(view.picture, QPixmap):
            painter.drawPixmap(target_rect, view.picture, source)
        else:
            painter.drawImage(target_rect, view.picture, source)
    elif view.problem is not None:
        _paint_placeholder(painter, Box(area.x, area.y, area.width, band.top - area.y), metrics, view)
    band.paint(painter)


def _paint_placeholder(painter: QPainter, area: Box, metrics: Metrics, view: SlideView) -> None:
    """A missing or broken picture names the file and the reason, so the presenter can fix it later."""
    painter.fillRect(_qrect(area), QColor("#1c1f24"))
    frame_h = area.height * 0.22
    frame = Box(
        area.x + (area.width - frame_h * 1.4) / 2, area.y + area.height * 0.18, frame_h * 1.4, frame_h
    )
    pen_colour = QColor(MUTED_COLOUR)
    painter.setPen(pen_colour)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(_qrect(frame), frame_h * 0.08, frame_h * 0.08)
    painter.drawLine(QPointF(frame.x, frame.bottom), QPointF(frame.right, frame.y))
    column = text_column(area, metrics, centred=True)
    y = frame.bottom + metrics.band_padding
    name = view.slide.image_ref or (view.slide.image.name if view.slide.image else "")
    for text, px, colour, bold in (
        ("Picture not available", metrics.title_px, CAPTION_COLOUR, True),
        (name, metrics.meta_px, META_COLOUR, False),
        (view.problem or "", metrics.meta_px, PROBLEM_COLOUR, False),
    ):
        layout, height = layout_text(text, font(px, bold=bold), column.width, Qt.AlignmentFlag.AlignHCenter)
        painter.setPen(colour)
        layout.draw(painter, QPointF(column.x, y))
        y += height + metrics.line_gap


class _Band:
    """The lower-third caption band, laid out once and then painted."""

    def __init__(self, top: float, area: Box, parts: list[tuple[QTextLayout, QPointF, QColor]]) -> None:
        self.top = top
        self._area = area
        self._parts = parts

    def paint(self, painter: QPainter) -> None:
        if not self._parts:
            return
        area = self._area
        gradient = QLinearGradient(0, self.top, 0, area.bottom)
        gradient.setColorAt(0.0, QColor(0, 0, 0, 150))
        gradient.setColorAt(0.35, QColor(0, 0, 0, 200))
        gradient.setColorAt(1.0, QColor(0, 0, 0, 215))
        painter.fillRect(QRectF(area.x, self.top, area.width, area.bottom - self.top), gradient)
        for layout, position, colour in self._parts:
            painter.setPen(colour)
            layout.draw(painter, position)


def _caption_band(area: Box, metrics: Metrics, view: SlideView) -> _Band:
    """Lays out title, caption and the meta line (place, date stamp, credit, slide number)."""
    slide = view.slide
    column = text_column(area, metrics)
    rtl = is_right_to_left(slide.caption or slide.title or "")
    align = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
    number_text = f"{view.number} / {view.count}"
    number_font = font(metrics.number_px)
    number_width = QFontMetricsF(number_font).horizontalAdvance(number_text)
    meta_width = max(column.width - number_width - metrics.margin * 0.5, 1.0)
    meta, meta_height = _meta_layout(slide, view.locale, font(metrics.meta_px), meta_width, align, rtl)

    caption_px = metrics.caption_px
    max_height = area.height * metrics.max_band_fraction
    while True:
        blocks = []
        if slide.title:
            blocks.append(
                layout_text(slide.title, font(round(caption_px * 1.25), bold=True), column.width, align, rtl)
            )
        if slide.caption:
            blocks.append(layout_text(slide.caption, font(caption_px), column.width, align, rtl))
        text_height = sum(h for _, h in blocks) + metrics.line_gap * len(blocks)
        total = text_height + meta_height + 2 * metrics.band_padding
        if total <= max_height or caption_px <= metrics.min_caption_px:
            break
        caption_px -= 1

    top = area.bottom - total
    parts: list[tuple[QTextLayout, QPointF, QColor]] = []
    y = top + metrics.band_padding
    for index, (layout, height) in enumerate(blocks):
        colour = CAPTION_COLOUR if index == len(blocks) - 1 or not slide.title else ACCENT
        parts.append((layout, QPointF(column.x, y), colour))
        y += height + metrics.line_gap
    meta_x = column.right - meta_width if rtl else column.x
    parts.append((meta, QPointF(meta_x, y), META_COLOUR))
    number_layout, _ = layout_text(number_text, number_font, number_width + 2, Qt.AlignmentFlag.AlignLeft)
    number_x = column.x if rtl else column.right - number_width
    number_y = y + max(0.0, meta_height - QFontMetricsF(number_font).height()) / 2
    parts.append((number_layout, QPointF(number_x, number_y), MUTED_COLOUR))
    return _Band(top, area, parts)


def _meta_layout(
    slide: Slide, locale: str, meta_font: QFont, width: float, align: Qt.AlignmentFlag, rtl: bool
) -> tuple[QTextLayout, float]:
    """Place, date stamp and credit on one line, the date in the accent colour so it reads as a stamp."""
    pieces: list[tuple[str, QColor | None]] = []
    if slide.place:
        pieces.append((slide.place, None))
    if slide.date:
        pieces.append((format_date(slide.date, locale), ACCENT))
    if slide.credit:
        pieces.append((slide.credit, MUTED_COLOUR))
    text = ""
    ranges = []
    for piece, colour in pieces:
        if text:
            text += SEPARATOR
        if colour is not None:
            ranges.append(coloured_range(len(text), len(piece), colour))
        text += piece
    layout, height = layout_text(text, meta_font, width, align, rtl, ranges)
    return layout, height


# --- text slides ---------------------------------------------------------------------------------------


def _paint_text_slide(painter: QPainter, area: Box, metrics: Metrics, view: SlideView) -> None:
    slide = view.slide
    gradient = QLinearGradient(0, area.y, 0, area.bottom)
    gradient.setColorAt(0.0, QColor("#0f1722"))
    gradient.setColorAt(1.0, QColor("#1d2b3a"))
    painter.fillRect(_qrect(area), gradient)
    column = text_column(area, metrics, centred=True)
    rtl = is_right_to_left(slide.title or slide.caption)
    align = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
    blocks: list[tuple[QTextLayout, float, QColor]] = []
    if slide.title:
        layout, height = layout_text(
            slide.title, font(metrics.big_title_px, bold=True), column.width, align, rtl
        )
        blocks.append((layout, height, CAPTION_COLOUR))
    if slide.caption:
        px = metrics.summary_px if slide.title else metrics.big_title_px
        layout, height = layout_text(slide.caption, font(px), column.width, align, rtl)
        blocks.append((layout, height, META_COLOUR))
    meta, meta_height = _meta_layout(slide, view.locale, font(metrics.meta_px), column.width, align, rtl)
    if meta.text():
        blocks.append((meta, meta_height, META_COLOUR))
    gap = metrics.band_padding
    total = sum(h for _, h, _ in blocks) + gap * max(len(blocks) - 1, 0)
    y = area.y + max((area.height - total) / 2, metrics.margin)
    rule_width = area.height * 0.08
    rule_x = column.right - rule_width if rtl else column.x
    painter.fillRect(QRectF(rule_x, y - gap * 1.2, rule_width, max(2.0, area.height * 0.006)), ACCENT)
    for layout, height, colour in blocks:
        painter.setPen(colour)
        layout.draw(painter, QPointF(column.x, y))
        y += height + gap
    number, _ = layout_text(
        f"{view.number} / {view.count}", font(metrics.number_px), column.width, Qt.AlignmentFlag.AlignRight
    )
    painter.setPen(MUTED_COLOUR)
    number.draw(painter, QPointF(column.x, area.bottom - metrics.margin))


# --- overlays ------------------------------------------------------------------------------------------


def _paint_progress(painter: QPainter, area: Box, metrics: Metrics, progress: float) -> None:
    share = min(max(progress, 0.0), 1.0)
    painter.fillRect(
        QRectF(area.x, area.bottom - metrics.progress_px, area.width * share, metrics.progress_px), ACCENT
    )


def _paint_notice(painter: QPainter, area: Box, metrics: Metrics, notice: str) -> None:
    notice_font = font(metrics.title_px, bold=True)
    width = min(QFontMetricsF(notice_font).horizontalAdvance(notice) + 2, area.width * 0.8)
    layout, height = layout_text(notice, notice_font, width, Qt.AlignmentFlag.AlignHCenter)
    pad = metrics.band_padding
    x = area.x + (area.width - width) / 2
    box = QRectF(x - pad, area.y + metrics.margin, width + 2 * pad, height + pad)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(0, 0, 0, 190))
    painter.drawRoundedRect(box, pad * 0.5, pad * 0.5)
    painter.setPen(CAPTION_COLOUR)
    layout.draw(painter, QPointF(x, box.y() + pad / 2))


# --- helpers -------------------------------------------------------------------------------------------


def _paint_banner(painter: QPainter, area: Box, metrics: Metrics, text: str) -> None:
    """A red strip across the top: the deck on disk is broken, the last good version is showing."""
    banner_font = font(metrics.meta_px, bold=True)
    pad = metrics.band_padding * 0.6
    width = area.width - 2 * metrics.margin
    layout, height = layout_text(text, banner_font, width, Qt.AlignmentFlag.AlignLeft)
    painter.fillRect(QRectF(area.x, area.y, area.width, height + 2 * pad), BANNER_COLOUR)
    painter.setPen(CAPTION_COLOUR)
    layout.draw(painter, QPointF(area.x + metrics.margin, area.y + pad))


def _qrect(box: Box) -> QRectF:
    return QRectF(box.x, box.y, box.width, box.height)
