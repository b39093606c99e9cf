"""Presenter notes as written: paragraphs, line breaks and "- " bullets, wrapped into whole lines that
scroll a page at a time, so the console never shows a line cut in half.

The notes are laid out once per size into rows (one wrapped line each); scrolling moves the first row
shown. Which rows fit, and whether a "more above" or "more below" mark takes a row's room, are plain
arithmetic on the rows' heights, which the tests check without painting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QTextLayout

from slideshow.render.fonts import font
from slideshow.render.text import is_right_to_left, layout_text

BULLET = re.compile(r"^\s*[-*]\s+")
PARAGRAPH_GAP = 0.55  # of a line's height, between paragraphs (a blank line in the notes)
BULLET_GAP = 0.15  # of a line's height, between two bullets


@dataclass(frozen=True)
class NoteRow:
    """One wrapped line: ``y`` is its top in the notes' own coordinates, ``gap`` the space above it."""

    layout: QTextLayout
    line: int
    x: float
    y: float
    height: float
    bullet: bool  # the first line of a bullet item: the bullet is drawn beside it


@dataclass(frozen=True)
class Page:
    """The rows shown from one scroll position, and whether there is more above or below them."""

    first: int
    last: int  # exclusive
    more_above: bool
    more_below: bool


class NotesText:
    """Notes laid out at ``px`` for ``width``; ``mark_height`` is the room a "more" mark takes."""

    def __init__(self, text: str, px: int, width: float) -> None:
        self.source = text
        self.px = px
        self.width = width
        self.mark_height = QFontMetricsF(font(max(7, round(px * 0.6)))).height() * 1.3
        self.rows: list[NoteRow] = []
        self._lay_out(text)

    def _lay_out(self, text: str) -> None:
        body = font(self.px)
        line_height = QFontMetricsF(body).height()
        indent = QFontMetricsF(body).horizontalAdvance("•  ")
        y = 0.0
        gap_before = 0.0
        after_bullet = False
        for raw in text.replace("\r\n", "\n").split("\n"):
            if not raw.strip():
                gap_before = max(gap_before, line_height * PARAGRAPH_GAP) if self.rows else 0.0
                after_bullet = False
                continue
            bullet = BULLET.match(raw)
            words = raw[bullet.end() :] if bullet else raw.strip()
            x = indent if bullet else 0.0
            rtl = is_right_to_left(words)
            align = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
            layout, _ = layout_text(words, body, max(self.width - x, 1.0), align, rtl)
            if bullet and after_bullet:
                gap_before = max(gap_before, line_height * BULLET_GAP)
            after_bullet = bool(bullet)
            y += gap_before
            gap_before = 0.0
            for number in range(layout.lineCount()):
                line = layout.lineAt(number)
                self.rows.append(NoteRow(layout, number, x, y, line.height(), bool(bullet) and number == 0))
                y += line.height()

    @property
    def height(self) -> float:
        return self.rows[-1].y + self.rows[-1].height if self.rows else 0.0

    def page(self, first: int, room: float) -> Page:
        """The whole rows that fit in ``room`` from row ``first``, leaving room for the marks needed."""
        first = min(max(first, 0), max(len(self.rows) - 1, 0))
        above = first > 0
        top = self.mark_height if above else 0.0
        last = self._fit(first, room - top)
        if last < len(self.rows):
            last = self._fit(first, room - top - self.mark_height)
        return Page(first, last, above, last < len(self.rows))

    def _fit(self, first: int, room: float) -> int:
        last = first
        start = self.rows[first].y if self.rows else 0.0
        while last < len(self.rows) and self.rows[last].y + self.rows[last].height - start <= room:
            last += 1
        return max(last, min(first + 1, len(self.rows)))  # one row always shows, even in a tiny panel

    def last_start(self, room: float) -> int:
        """The first row of the last page: scrolling further would only leave empty space below."""
        first = len(self.rows) - 1
        while first > 0 and not self.page(first - 1, room).more_below:
            first -= 1
        return max(first, 0)

    def scrolled(self, first: int, room: float, *, pages: int = 0, rows: int = 0) -> int:
        """The first row after scrolling ``pages`` pages (U/D; one line stays for context) and ``rows``
        rows (the wheel); negative is up. Never past the last page."""
        if not self.rows:
            return 0
        shown = self.page(first, room)
        moved = first + pages * max(1, shown.last - shown.first - 1) + rows
        return min(max(moved, 0), self.last_start(room))

    def paint(
        self, painter: QPainter, origin: QPointF, room: float, first: int, colour: QColor, mark: QColor
    ) -> Page:
        """Draws the rows that fit below ``origin`` and the marks; returns what was shown."""
        page = self.page(first, room)
        if not self.rows:
            return page
        top = origin.y() + (self.mark_height if page.more_above else 0.0)
        start = self.rows[page.first].y
        painter.save()
        for row in self.rows[page.first : page.last]:
            y = top + row.y - start
            painter.setPen(colour)
            line = row.layout.lineAt(row.line)
            line.draw(painter, QPointF(origin.x() + row.x, y - line.y()))
            if row.bullet:
                painter.setPen(mark)
                bullet, _ = layout_text("•", font(self.px, bold=True), row.x, Qt.AlignmentFlag.AlignLeft)
                bullet.draw(painter, QPointF(origin.x(), y))
        if page.more_above:
            self._mark(painter, QPointF(origin.x(), origin.y()), "▲  more above  (U)", mark)
        if page.more_below:
            self._mark(
                painter, QPointF(origin.x(), origin.y() + room - self.mark_height), "▼  more below  (D)", mark
            )
        painter.restore()
        return page

    def _mark(self, painter: QPainter, at: QPointF, text: str, colour: QColor) -> None:
        layout, height = layout_text(
            text, font(max(7, round(self.px * 0.6)), bold=True), self.width, Qt.AlignmentFlag.AlignRight
        )
        painter.setPen(colour)
        layout.draw(painter, QPointF(at.x(), at.y() + (self.mark_height - height) / 2))
