"""The one painting function: the window's paintEvent and every exporter call ``paint_slide``.

What an export writes is therefore exactly what the audience sees, and tests can check the full-screen look
by painting into a QImage offscreen.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QLinearGradient, QPainter, QPixmap, QTextLayout

from slideshow.core.player import Blank
from slideshow.deck.model import CaptionPosition, Deck, Fit, Slide
from slideshow.deck.wording import printable
from slideshow.render.caption import (
    ACCENT,
    CAPTION_COLOUR,
    META_COLOUR,
    MUTED_COLOUR,
    CaptionBlock,
    meta_pieces,
)
from slideshow.render.fonts import font
from slideshow.render.geometry import Box, Metrics, fit_box, text_column
from slideshow.render.layout import SlideLayout, intersection, place_caption
from slideshow.render.text import joined_pieces, layout_text, slide_is_right_to_left
from slideshow.render.zoomed import ZoomPaint, paint_zoomed

PROBLEM_COLOUR = QColor("#ff8a80")
BANNER_COLOUR = QColor(170, 30, 30, 235)


class Layer(Enum):
    """What to paint: a fade blends the pictures and the captions of two slides on separate clocks."""

    ALL = "all"
    PICTURE = "picture"  # the photo (or a text slide's background) on black: opaque, the whole rect
    TEXT = "text"  # captions, scrims and a text slide's words, on transparent


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
    problem_details: bool = True  # the placeholder names the file and reason (not to an audience)
    blank: Blank = Blank.NONE
    progress: float | None = None  # autoplay: share of the slide's time gone, 0..1
    notice: str | None = None  # short message over the slide: "Go to 12", "No slide 20"
    banner: str | None = None  # a problem the presenter must know about (a broken edit of the deck)
    caption_scale: float = 1.0  # the presenter's caption size, on top of the screen-height rule
    caption: CaptionPosition = CaptionPosition.AUTO  # the deck's setting; a slide's own position wins
    captions_hidden: bool = False  # the presenter's C: photos alone, for a moment of silence
    zoom: ZoomPaint | None = None  # zoomed in: the region in view over the whole area, not the picture

    @classmethod
    def of(cls, deck: Deck, index: int, **rest: Any) -> SlideView:
        """Slide ``index`` of ``deck`` with its number, the deck's length, locale, fit and caption setting."""
        settings = deck.settings
        rest.setdefault("caption", settings.caption)
        return cls(deck.slides[index], index + 1, len(deck.slides), settings.locale, settings.fit, **rest)


def paint_slide(painter: QPainter, rect: QRectF, view: SlideView, layer: Layer = Layer.ALL) -> None:
    """Draws ``view`` filling ``rect``; sizes follow ``rect``'s height."""
    area = box_of(rect)
    metrics = Metrics.for_area(area, view.caption_scale)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    painter.setClipRect(rect)
    if view.blank is not Blank.NONE:
        if layer is not Layer.TEXT:
            painter.fillRect(rect, QColor("#ffffff") if view.blank is Blank.WHITE else QColor("#000000"))
        if view.blank is Blank.END and layer is not Layer.PICTURE:
            _paint_end_of_show(painter, area, metrics)
    elif view.slide.is_text_slide:
        _paint_text_slide(painter, area, metrics, view, layer)
    else:
        _paint_photo_slide(painter, area, metrics, view, layer)
    if layer is not Layer.ALL:
        painter.restore()
        return
    if view.progress is not None and view.blank is Blank.NONE:
        _paint_progress(painter, area, metrics, view.progress)
    if view.notice:
        _paint_notice(painter, area, metrics, view.notice)
    if view.banner:
        _paint_banner(painter, area, metrics, view.banner)
    painter.restore()


# --- photo slides --------------------------------------------------------------------------------------


def slide_layout(
    area: Box, view: SlideView, photo: tuple[int, int] | None = None
) -> tuple[SlideLayout, CaptionBlock]:
    """Where ``view``'s photo and caption go in ``area``, and the caption block set there.

    ``photo`` is the photo's upright size when the picture is not decoded yet (to ask for it at the size
    it will be drawn); else the picture's own size is laid out."""
    slide = view.slide
    metrics = Metrics.for_area(area, view.caption_scale)
    rtl = slide_is_right_to_left(slide)
    block = CaptionBlock(slide, f"{view.number} / {view.count}", view.locale, metrics, rtl=rtl)
    picture = view.picture
    size = photo
    if size is None and picture is not None and not picture.isNull():
        size = (picture.width(), picture.height())
    position = slide.caption_position or view.caption
    layout = place_caption(
        area, size, view.fit, position, metrics, block.measure, rtl=rtl, has_text=not view.captions_hidden
    )
    return layout, block


def decode_box(area: Box, view: SlideView, photo: tuple[int, int]) -> tuple[int, int]:
    """The box (in ``area``'s pixels) to decode ``view``'s photo, of upright size ``photo``, for: the
    part of the photo box the layout shows, so the picture is drawn 1:1, never rescaled at each paint.

    A photo fitted to the whole area (no caption beside or below it) asks for the whole area: the
    decode fits it alike, and the start-up decode, which knows nothing of captions, asks so too."""
    layout, _ = slide_layout(area, view, photo)
    natural = intersection(fit_box(photo[0], photo[1], area, view.fit), area)
    shown = intersection(layout.photo, layout.clip or area)
    if abs(shown.width - natural.width) < 0.5 and abs(shown.height - natural.height) < 0.5:
        return max(1, round(area.width)), max(1, round(area.height))
    return max(1, round(shown.width)), max(1, round(shown.height))


def picture_rect(photo: Box, picture: QImage | QPixmap) -> QRectF:
    """Where ``picture`` is drawn for the layout's ``photo`` box: a picture decoded for this box (its
    size within a pixel of it, the rest is rounding) at its own size on whole pixels, an exact copy;
    any other (the old picture while the new size decodes) scaled into the box."""
    width, height = picture.width(), picture.height()  # device pixels, as the layout's boxes
    if abs(photo.width - width) <= 1 and abs(photo.height - height) <= 1:
        left = round(photo.x + (photo.width - width) / 2)
        top = round(photo.y + (photo.height - height) / 2)
        return QRectF(left, top, width, height)
    return qrect(photo)


@dataclass(frozen=True)
class PhotoOnBlack:
    """A slide's picture layer when it is just one opaque picture drawn 1:1 on black, as most are.

    A transition keeps this instead of a painted copy of the whole screen: the picture is the one the
    cache holds already, so a fade on a 4K screen needs no extra 32 MB layer for each slide."""

    picture: QImage | QPixmap
    target: QRectF  # where the picture is drawn, on whole pixels, at its own size

    def paint(self, painter: QPainter, area: QRectF) -> None:
        """Black around the picture, not under it (on a 4K screen, filling the whole area first cost as
        much as drawing the photo), then the picture: nothing overlaps, so it may be painted with an
        opacity as one layer."""
        _fill_around(painter, area, self.target)
        _draw_picture(painter, self.target, self.picture)


@dataclass(frozen=True)
class TransitionParts:
    """What a transition keeps of a slide: its picture layer as one photo on black (None: paint the
    layer), and the box its words may paint in (None: it has no words)."""

    photo: PhotoOnBlack | None
    words: QRectF | None


def transition_parts(rect: QRectF, view: SlideView) -> TransitionParts:
    """``view``'s parts in ``rect``, from one layout of the slide. The words' box is a photo slide's
    caption block and scrim, with room for glyphs that reach past their lines; all of ``rect`` for a text
    slide or a blank screen."""
    if view.blank is not Blank.NONE or view.slide.is_text_slide:
        return TransitionParts(None, rect)
    area = box_of(rect)
    layout, _ = slide_layout(area, view)
    if layout.text is None:
        return TransitionParts(_photo_on_black(layout, view), None)
    box = qrect(layout.text)
    if layout.scrim is not None:
        box = box.united(qrect(layout.scrim))
    room = Metrics.for_area(area, view.caption_scale).band_padding
    words = box.adjusted(-room, -room, room, room).intersected(rect)
    return TransitionParts(_photo_on_black(layout, view), words)


def _photo_on_black(layout: SlideLayout, view: SlideView) -> PhotoOnBlack | None:
    """The picture layer as one photo on black, when it is only that."""
    picture = view.picture
    if picture is None or picture.isNull() or picture.hasAlphaChannel() or view.zoom is not None:
        return None
    target = picture_rect(layout.photo, picture)
    if layout.clip is not None or target.size().toSize() != picture.size():
        return None
    return PhotoOnBlack(picture, target)


def _paint_photo_slide(painter: QPainter, area: Box, metrics: Metrics, view: SlideView, layer: Layer) -> None:
    layout, block = slide_layout(area, view)
    if layer is not Layer.TEXT and (simple := _photo_on_black(layout, view)) is not None:
        simple.paint(painter, qrect(area))
    elif layer is not Layer.TEXT:
        picture = view.picture
        painter.fillRect(qrect(area), QColor("#000000"))
        if view.zoom is not None:
            paint_zoomed(painter, qrect(area), view.zoom)
        elif picture is not None and not picture.isNull():
            painter.save()
            if layout.clip is not None:
                painter.setClipRect(qrect(layout.clip), Qt.ClipOperation.IntersectClip)
            _draw_picture(painter, picture_rect(layout.photo, picture), picture)
            painter.restore()
        elif view.problem is not None:
            _paint_placeholder(painter, layout.photo, metrics, view)
    if layer is not Layer.PICTURE and layout.text is not None:
        if layout.scrim is not None:
            _paint_scrim(painter, layout.scrim)
        for part in block.parts(layout.text, layout.text_scale):
            painter.setPen(part.colour)
            part.layout.draw(painter, part.position)


def _draw_picture(painter: QPainter, target: QRectF, picture: QImage | QPixmap) -> None:
    source = QRectF(0, 0, picture.width(), picture.height())
    if isinstance(picture, QPixmap):
        painter.drawPixmap(target, picture, source)
    else:
        painter.drawImage(target, picture, source)


def _fill_around(painter: QPainter, area: QRectF, photo: QRectF) -> None:
    """Black around an opaque photo, not under it, in four strips that do not overlap."""
    black = QColor("#000000")
    inside = photo.intersected(area)
    if inside.isEmpty():
        painter.fillRect(area, black)
        return
    top, bottom = inside.top(), inside.bottom()
    painter.fillRect(QRectF(area.left(), area.top(), area.width(), top - area.top()), black)
    painter.fillRect(QRectF(area.left(), bottom, area.width(), area.bottom() - bottom), black)
    painter.fillRect(QRectF(area.left(), top, inside.left() - area.left(), inside.height()), black)
    painter.fillRect(QRectF(inside.right(), top, area.right() - inside.right(), inside.height()), black)


def _paint_scrim(painter: QPainter, scrim: Box) -> None:
    """Darkens the photo under an overlaid caption, a little more towards the bottom."""
    gradient = QLinearGradient(0, scrim.y, 0, scrim.bottom)
    gradient.setColorAt(0.0, QColor(0, 0, 0, 165))
    gradient.setColorAt(1.0, QColor(0, 0, 0, 210))
    painter.fillRect(qrect(scrim), gradient)


def _paint_placeholder(painter: QPainter, area: Box, metrics: Metrics, view: SlideView) -> None:
    """A missing or broken picture names the file and the reason, so the presenter can fix it later."""
    painter.fillRect(qrect(area), QColor("#1c1f24"))
    frame_h = area.height * 0.22
    frame = Box(
        area.x + (area.width - frame_h * 1.4) / 2, area.y + area.height * 0.18, frame_h * 1.4, frame_h
    )
    pen_colour = QColor(MUTED_COLOUR)
    painter.setPen(pen_colour)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(qrect(frame), frame_h * 0.08, frame_h * 0.08)
    painter.drawLine(QPointF(frame.x, frame.bottom), QPointF(frame.right, frame.y))
    column = text_column(area, metrics, centred=True)
    y = frame.bottom + metrics.band_padding
    name = view.slide.image_ref or (view.slide.image.name if view.slide.image else "")
    lines = [("Picture not available", metrics.title_px, CAPTION_COLOUR, True)]
    if view.problem_details:
        lines += [  # escaped: a name with a right-to-left override must not read backwards
            (printable(name), metrics.meta_px, META_COLOUR, False),
            (printable(view.problem or ""), metrics.meta_px, PROBLEM_COLOUR, False),
        ]
    for text, px, colour, bold in lines:
        layout, height = layout_text(text, font(px, bold=bold), column.width, Qt.AlignmentFlag.AlignHCenter)
        painter.setPen(colour)
        layout.draw(painter, QPointF(column.x, y))
        y += height + metrics.line_gap


# --- text slides ---------------------------------------------------------------------------------------


def _paint_text_slide(painter: QPainter, area: Box, metrics: Metrics, view: SlideView, layer: Layer) -> None:
    slide = view.slide
    if layer is not Layer.TEXT:
        gradient = QLinearGradient(0, area.y, 0, area.bottom)
        gradient.setColorAt(0.0, QColor("#0f1722"))
        gradient.setColorAt(1.0, QColor("#1d2b3a"))
        painter.fillRect(qrect(area), gradient)
    if layer is Layer.PICTURE:
        return
    column = text_column(area, metrics, centred=True)
    rtl = slide_is_right_to_left(slide)
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
    pieces = meta_pieces(slide, view.locale)
    if pieces:
        text, ranges = joined_pieces(pieces)
        meta, meta_height = layout_text(text, font(metrics.meta_px), column.width, align, rtl, ranges)
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


def _paint_end_of_show(painter: QPainter, area: Box, metrics: Metrics) -> None:
    """Small and grey at the top, as PowerPoint's: the room knows the talk is over, nothing more."""
    layout, _ = layout_text("End of show", font(metrics.meta_px), area.width, Qt.AlignmentFlag.AlignHCenter)
    painter.setPen(MUTED_COLOUR)
    layout.draw(painter, QPointF(area.x, area.y + metrics.margin))


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


def qrect(box: Box) -> QRectF:
    """``box`` as Qt's rectangle, to draw in."""
    return QRectF(box.x, box.y, box.width, box.height)


def box_of(rect: QRectF) -> Box:
    """Qt's ``rect`` as plain numbers, to lay out in."""
    return Box(rect.x(), rect.y(), rect.width(), rect.height())
