"""Overlays drawn over a slide: the help card, generated from the one key table so it cannot drift."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter

from slideshow.core.keymap import Binding
from slideshow.render.fonts import font
from slideshow.render.geometry import Metrics
from slideshow.render.text import layout_text

PANEL = QColor(12, 16, 22, 235)
LABEL = QColor("#e6e6e6")
KEYS = QColor("#f2c14e")
TITLE = QColor("#ffffff")
_KEY_SEPARATOR = "  ·  "
"""How a binding's keys read on the card: "Right  ·  Down  ·  PageDown"."""


def paint_help(painter: QPainter, rect: QRectF, bindings: Sequence[Binding], title: str = "Keys") -> None:
    """A centred card listing every action and its keys, sized to the screen height."""
    metrics = Metrics.for_height(rect.height())
    row_px = max(8, round(metrics.meta_px * 1.05))
    label_font, keys_font = font(row_px), font(row_px, bold=True)
    title_font = font(metrics.title_px, bold=True)
    label_width = max(QFontMetricsF(label_font).horizontalAdvance(b.label) for b in bindings) + 2
    keys_texts = [b.joined_keys(_KEY_SEPARATOR) for b in bindings]
    keys_width = max(QFontMetricsF(keys_font).horizontalAdvance(text) for text in keys_texts)
    gap = metrics.margin * 0.6
    pad = metrics.band_padding * 1.4
    row_height = QFontMetricsF(label_font).height() * 1.45
    title_height = QFontMetricsF(title_font).height() * 1.6
    width = min(label_width + gap + keys_width + 2 * pad, rect.width() * 0.94)
    height = min(title_height + row_height * len(bindings) + 2 * pad, rect.height() * 0.94)
    left, top = rect.x() + (rect.width() - width) / 2, rect.y() + (rect.height() - height) / 2
    card = QRectF(left, top, width, height)

    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(PANEL)
    painter.drawRoundedRect(card, pad * 0.5, pad * 0.5)
    heading, _ = layout_text(title, title_font, card.width() - 2 * pad, Qt.AlignmentFlag.AlignLeft)
    painter.setPen(TITLE)
    heading.draw(painter, QPointF(card.x() + pad, card.y() + pad))
    y = card.y() + pad + title_height
    label_column = min(label_width, card.width() - 2 * pad - gap - keys_width)
    for binding, keys_text in zip(bindings, keys_texts, strict=True):
        label, _ = layout_text(binding.label, label_font, max(label_column, 1.0), Qt.AlignmentFlag.AlignLeft)
        keys, _ = layout_text(keys_text, keys_font, keys_width + 2, Qt.AlignmentFlag.AlignLeft)
        painter.setPen(LABEL)
        label.draw(painter, QPointF(card.x() + pad, y))
        painter.setPen(KEYS)
        keys.draw(painter, QPointF(card.x() + pad + label_column + gap, y))
        y += row_height
    painter.restore()
