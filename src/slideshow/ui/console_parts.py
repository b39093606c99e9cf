"""The presenter console's smaller parts: the dashboard of times across the top, the state tags beside
"Now", and text set in a box. What they say comes from the controller; how they look is here."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from PySide6.QtCore import QDateTime, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter

from slideshow.core.player import Blank, PlayState
from slideshow.core.stopwatch import clock_text, countdown_text
from slideshow.render.fonts import font
from slideshow.render.geometry import Box
from slideshow.render.painter import qrect
from slideshow.render.text import layout_text
from slideshow.ui.controller import ShowController

BACKGROUND = QColor("#11161d")
PANEL = QColor("#1b232d")
TEXT = QColor("#eef1f4")
MUTED = QColor("#9aa4ae")
ACCENT = QColor("#f2c14e")
WARNING = QColor("#e05555")
DARK = QColor("#000000")


@dataclass(frozen=True)
class Cell:
    """One figure of the dashboard: a small label over a large value."""

    label: str
    value: str
    colour: QColor = field(default_factory=lambda: QColor(TEXT))


def dashboard(controller: ShowController) -> list[Cell]:
    """What a speaker glances at: where they are, how long they have talked, on this slide, how long is
    left of the target (amber in the last tenth, red and counting up past it), autoplay, the clock."""
    now = time.monotonic()
    count = len(controller.deck.slides)
    timers = controller.timers
    cells = [Cell("SLIDE", f"{controller.index + 1} / {count}")]
    paused = "" if timers.running else " · PAUSED"
    cells.append(
        Cell("ELAPSED" + paused, clock_text(timers.talk.elapsed(now)), TEXT if timers.running else ACCENT)
    )
    cells.append(
        Cell("THIS SLIDE", clock_text(timers.slide.elapsed(now)), TEXT if timers.running else ACCENT)
    )
    left = timers.left(now)
    if left is not None:
        colour = WARNING if left < 0 else ACCENT if timers.nearly_over(now) else TEXT
        cells.append(Cell("OVER TIME" if left < 0 else "TIME LEFT", countdown_text(left), colour))
    state = controller.player.state
    if state is PlayState.PLAYING:
        seconds = controller.player.time_left(now)
        cells.append(Cell("AUTOPLAY", f"{seconds:.0f} s" if seconds is not None else "on"))
    elif state is PlayState.PAUSED:
        cells.append(Cell("AUTOPLAY", "paused", ACCENT))
    cells.append(Cell("CLOCK", QDateTime.currentDateTime().toString("HH:mm")))
    return cells


def paint_dashboard(painter: QPainter, bar: Box, cells: list[Cell]) -> None:
    painter.fillRect(qrect(bar), PANEL)
    pad = bar.height * 0.16
    width = (bar.width - pad) / len(cells)
    label_px = max(8, round(bar.height * 0.19))
    for number, cell in enumerate(cells):
        x = bar.x + pad + number * width
        inner = width - pad
        value_px = _fitting_px(cell.value, round(bar.height * 0.5), inner, bold=True)
        text(
            painter, Box(x, bar.y + pad * 0.6, inner, label_px * 1.4), cell.label, label_px, MUTED, bold=True
        )
        value_y = bar.y + pad * 0.6 + label_px * 1.35
        text(
            painter,
            Box(x, value_y, inner, bar.bottom - value_y),
            cell.value,
            value_px,
            cell.colour,
            bold=True,
        )


def tags(controller: ShowController) -> list[tuple[str, QColor]]:
    """What the audience sees that the presenter must not forget, as tags beside "Now"."""
    found: list[tuple[str, QColor]] = []
    blank = controller.blank
    if blank is Blank.END:
        found.append(("END OF SHOW", ACCENT))
    elif blank is not Blank.NONE:
        found.append(("BLACK SCREEN" if blank is Blank.BLACK else "WHITE SCREEN", ACCENT))
    if controller.captions_hidden:
        found.append(("CAPTIONS HIDDEN · C", ACCENT))
    if controller.laser_on:
        found.append(("LASER · L", WARNING))
    if not controller.audience_fullscreen:
        found.append(("AUDIENCE NOT FULL SCREEN · F", WARNING))
    return found


def paint_label_row(painter: QPainter, row: Box, label: str, found: list[tuple[str, QColor]]) -> None:
    """A region's name on the left ("Now", "Next", "Notes") and tags on the right."""
    px = max(8, round(row.height * 0.62))
    text(
        painter,
        Box(row.x, row.y + (row.height - px * 1.2) / 2, row.width, row.height),
        label,
        px,
        MUTED,
        bold=True,
    )
    right = row.right
    tag_px = max(7, round(row.height * 0.5))
    for words, colour in reversed(found):
        width = QFontMetricsF(font(tag_px, bold=True)).horizontalAdvance(words) + tag_px * 1.2
        box = QRectF(right - width, row.y + row.height * 0.1, width, row.height * 0.8)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(box, tag_px * 0.3, tag_px * 0.3)
        inner = Box(box.x() + tag_px * 0.6, box.y() + (box.height() - tag_px * 1.2) / 2, width, box.height())
        text(painter, inner, words, tag_px, DARK, bold=True)
        right -= width + tag_px * 0.6


def paint_banner(painter: QPainter, area: Box, message: str, px: int) -> None:
    """The deck on disk is broken: a red strip the presenter cannot miss, never on the projector."""
    layout, height = layout_text(
        message, font(px, bold=True), area.width - 2 * px, Qt.AlignmentFlag.AlignLeft
    )
    strip = QRectF(area.x, area.y, area.width, height + px)
    painter.fillRect(strip, WARNING)
    painter.setPen(TEXT)
    layout.draw(painter, QPointF(area.x + px, area.y + px / 2))


def text(painter: QPainter, box: Box, words: str, px: int, colour: QColor, *, bold: bool = False) -> float:
    """``words`` wrapped in ``box``, whole lines only (a line that would be cut is left out); returns the
    height drawn."""
    layout, _ = layout_text(words, font(px, bold=bold), max(box.width, 1.0), Qt.AlignmentFlag.AlignLeft)
    painter.save()
    painter.setPen(colour)
    drawn = 0.0
    for number in range(layout.lineCount()):
        line = layout.lineAt(number)
        if line.y() + line.height() > box.height + 0.5 and number > 0:
            break
        line.draw(painter, QPointF(box.x, box.y))
        drawn = line.y() + line.height()
    painter.restore()
    return drawn


def _fitting_px(words: str, px: int, width: float, *, bold: bool) -> int:
    """The largest size up to ``px`` at which ``words`` fit on one line of ``width``."""
    while px > 8 and QFontMetricsF(font(px, bold=bold)).horizontalAdvance(words) > width:
        px -= 1
    return px
