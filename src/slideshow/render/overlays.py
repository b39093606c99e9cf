"""Overlays drawn over a slide: the help card, generated from the key and mouse tables so it cannot drift,
and the laser pointer's dot."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QRadialGradient, QTextLayout

from slideshow.core.keymap import KEY_TABLE, MOUSE_TABLE, Binding
from slideshow.render.fonts import font
from slideshow.render.geometry import Metrics
from slideshow.render.text import layout_text

PANEL = QColor(12, 16, 22)  # opaque: on a projector nothing of the slide may show through the card
EDGE = QColor("#3a4552")
LABEL = QColor("#e6e6e6")
KEYS = QColor("#f2c14e")
TITLE = QColor("#ffffff")
HEADING = QColor("#9aa4ae")
LASER = QColor(255, 40, 40)
_KEY_SEPARATOR = "  ·  "
"""How a binding's keys read on the card: "Right  ·  Down  ·  PageDown"."""
HELP_SECTIONS: tuple[tuple[str, Sequence[Binding]], ...] = (("Keys", KEY_TABLE), ("Mouse", MOUSE_TABLE))
MIN_HELP_PX = 8
CARD_SHARE = 0.94  # of the window's width and height, at most


@dataclass(frozen=True)
class HelpCard:
    """The card laid out for one window size: where it goes and every text block in it.

    ``blocks`` holds each block's rectangle, so a test can check that no two overlap."""

    card: QRectF
    parts: tuple[tuple[QTextLayout, QPointF, QColor], ...]
    blocks: tuple[QRectF, ...]
    px: int


def help_card(rect: QRectF, sections: Sequence[tuple[str, Sequence[Binding]]] = HELP_SECTIONS) -> HelpCard:
    """The largest text that fits: one column if it can, else two, else a smaller size, so a 1024x768
    projector shows every row whole."""
    px = max(MIN_HELP_PX, round(Metrics.for_height(rect.height()).meta_px * 1.05))
    while True:
        for columns in (1, 2):
            card = _lay_out(rect, sections, px, columns, force=px <= MIN_HELP_PX and columns == 2)
            if card is not None:
                return card
        px -= 1


def paint_help(painter: QPainter, rect: QRectF) -> None:
    """A centred card listing every action and its keys, then the mouse, sized to the window."""
    card = help_card(rect)
    pad = card.px * 0.5
    painter.save()
    painter.setPen(EDGE)
    painter.setBrush(PANEL)
    painter.drawRoundedRect(card.card, pad, pad)
    for layout, position, colour in card.parts:
        painter.setPen(colour)
        layout.draw(painter, position)
    painter.restore()


def paint_laser(painter: QPainter, rect: QRectF, at: tuple[float, float]) -> None:
    """The laser pointer's red dot at ``at`` (fractions of ``rect``), with a glow that reads on any photo."""
    radius = max(4.0, rect.height() * 0.011)
    centre = QPointF(rect.x() + at[0] * rect.width(), rect.y() + at[1] * rect.height())
    glow = QRadialGradient(centre, radius * 2.4)
    glow.setColorAt(0.0, QColor(255, 60, 60, 200))
    glow.setColorAt(0.45, QColor(255, 30, 30, 110))
    glow.setColorAt(1.0, QColor(255, 0, 0, 0))
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(glow)
    painter.drawEllipse(centre, radius * 2.4, radius * 2.4)
    painter.setBrush(LASER)
    painter.drawEllipse(centre, radius, radius)
    painter.restore()


def _lay_out(
    rect: QRectF, sections: Sequence[tuple[str, Sequence[Binding]]], px: int, columns: int, *, force: bool
) -> HelpCard | None:
    """The card at ``px`` in ``columns`` columns, or None when it would not fit (unless ``force``)."""
    label_font, keys_font, heading_font = font(px), font(px, bold=True), font(px, bold=True)
    title_font = font(round(px * 1.5), bold=True)
    pad, gap = px * 1.2, px * 1.4
    rows = [binding for _, bindings in sections for binding in bindings]
    label_natural = max(QFontMetricsF(label_font).horizontalAdvance(b.label) for b in rows) + 2
    keys_natural = max(QFontMetricsF(keys_font).horizontalAdvance(_keys(b)) for b in rows) + 2
    column_room = (rect.width() * CARD_SHARE - 2 * pad - (columns - 1) * 2 * gap) / columns
    keys_width = min(keys_natural, column_room * 0.45)
    label_width = max(min(label_natural, column_room - keys_width - gap), px * 4.0)
    column_width = label_width + gap + keys_width
    row_gap = px * 0.45

    # Each item: (height, [(layout, x offset, y offset, colour)]), a heading or a row whose height is that
    # of its taller half, so a wrapped label pushes the next row down instead of running into it.
    items: list[tuple[float, list[tuple[QTextLayout, float, float, QColor]]]] = []
    for number, (heading, bindings) in enumerate(sections):
        layout, height = layout_text(heading, heading_font, column_width, Qt.AlignmentFlag.AlignLeft)
        top = px * 0.6 if number else 0.0
        items.append((top + height + row_gap, [(layout, 0.0, top, HEADING)]))
        for binding in bindings:
            label, label_height = layout_text(
                binding.label, label_font, label_width, Qt.AlignmentFlag.AlignLeft
            )
            keys, keys_height = layout_text(_keys(binding), keys_font, keys_width, Qt.AlignmentFlag.AlignLeft)
            items.append(
                (
                    max(label_height, keys_height) + row_gap,
                    [(label, 0.0, 0.0, LABEL), (keys, label_width + gap, 0.0, KEYS)],
                )
            )
    total = sum(height for height, _ in items)
    per_column = total / columns
    title, title_height = layout_text("Keys and mouse", title_font, column_width, Qt.AlignmentFlag.AlignLeft)
    title_height += px * 0.8
    placed: list[tuple[int, float, list[tuple[QTextLayout, float, float, QColor]], float]] = []
    column, y = 0, 0.0
    heights = [0.0] * columns
    for height, pieces in items:
        if column < columns - 1 and y > 0 and y + height / 2 > per_column:
            column, y = column + 1, 0.0
        placed.append((column, y, pieces, height))
        y += height
        heights[column] = y
    width = 2 * pad + columns * column_width + (columns - 1) * 2 * gap
    height = 2 * pad + title_height + max(heights)
    if not force and (height > rect.height() * CARD_SHARE or width > rect.width() * CARD_SHARE + 1):
        return None
    card = QRectF(
        rect.x() + (rect.width() - width) / 2, rect.y() + max((rect.height() - height) / 2, 0), width, height
    )
    parts = [(title, QPointF(card.x() + pad, card.y() + pad), TITLE)]
    blocks = [QRectF(card.x() + pad, card.y() + pad, column_width, title_height - px * 0.8)]
    for column, top, pieces, _ in placed:
        x0 = card.x() + pad + column * (column_width + 2 * gap)
        y0 = card.y() + pad + title_height + top
        for layout, dx, dy, colour in pieces:
            parts.append((layout, QPointF(x0 + dx, y0 + dy), colour))
            bounds = layout.boundingRect()
            blocks.append(QRectF(x0 + dx, y0 + dy, bounds.width(), bounds.height()))
    return HelpCard(card, tuple(parts), tuple(blocks), px)


def _keys(binding: Binding) -> str:
    return binding.joined_keys(_KEY_SEPARATOR)
