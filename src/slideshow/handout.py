"""The PDF handout: a cover (title, summary, date range), then the slides with picture, caption, place,
date and credit, page numbers, and presenter notes only when asked for.

Printed, a picture wants white paper and dark text around it, not the screen's black caption band, so
the handout sets the same fields as a printed page; a picture that cannot be shown still prints the
viewer's placeholder, drawn by the shared :func:`paint_slide`. Text is drawn with QPainter on the PDF
device, so it is real, selectable and searchable text in the bundled font. Pictures are decoded at
:data:`PRINT_DPI` for the box they fill (never enlarged) and handed to Qt as opaque ``Format_RGB32``
images, which QPdfWriter stores JPEG-compressed (quality 94; images with alpha would add a soft mask,
and the ``LosslessImageRendering`` hint would switch to lossless Flate).

Layouts (A4, millimetres, see :func:`page_layout`): 1 per page is landscape, picture left and text
column right; 2 per page is landscape, two columns, picture over text; 4 per page is portrait, 2 x 2.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextLayout,
)

from slideshow.deck.model import Deck, Fit, Slide
from slideshow.files import WriteFailed, pdf_is_whole, written_in_place_of
from slideshow.imaging.picture import decode_picture  # the exporter's decoder: print = screen
from slideshow.imaging.problem import ImageProblem
from slideshow.photo_metadata import upright_size
from slideshow.render.fonts import caption_family, font
from slideshow.render.geometry import Box
from slideshow.render.offscreen import ensure_gui_application
from slideshow.render.painter import SlideView, paint_slide
from slideshow.render.text import format_date, layout_text, slide_is_right_to_left, slide_language

RESOLUTION = 300  # PDF layout units per inch
PRINT_DPI = 200  # pixels per inch of the embedded pictures: sharp on paper, small in the file
A4 = (297.0, 210.0)  # landscape, millimetres
MARGIN, TOP, BOTTOM = 15.0, 14.0, 16.0
INK, META, MUTED, ACCENT = QColor("#111111"), QColor("#3d4247"), QColor("#6b7178"), QColor("#8a5a00")
SEPARATOR = "  ·  "
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Cell:
    """Where one slide goes on a page, in millimetres: the picture's box and the text under or beside it."""

    picture: Box
    text: Box

    @property
    def whole(self) -> Box:
        left, top = min(self.picture.x, self.text.x), min(self.picture.y, self.text.y)
        right, bottom = max(self.picture.right, self.text.right), max(self.picture.bottom, self.text.bottom)
        return Box(left, top, right - left, bottom - top)


@dataclass(frozen=True)
class PageLayout:
    per_page: int
    landscape: bool
    cells: tuple[Cell, ...]
    text_scale: float  # type sizes relative to the one-per-page page

    @property
    def size_mm(self) -> tuple[float, float]:
        return A4 if self.landscape else (A4[1], A4[0])


def page_layout(per_page: int) -> PageLayout:
    """The cells of a slide page for 1, 2 or 4 slides per page."""
    if per_page == 1:
        height = A4[1] - TOP - BOTTOM
        picture = Box(MARGIN, TOP, 172.0, height)
        text_x = picture.right + 9.0
        return PageLayout(1, True, (Cell(picture, Box(text_x, TOP, A4[0] - MARGIN - text_x, height)),), 1.0)
    if per_page == 2:
        width, height = (A4[0] - 2 * MARGIN - 10.0) / 2, A4[1] - TOP - BOTTOM
        cells = []
        for column in range(2):
            x = MARGIN + column * (width + 10.0)
            picture = Box(x, TOP, width, width * 9 / 16)
            cells.append(Cell(picture, Box(x, picture.bottom + 5.0, width, height - picture.height - 5.0)))
        return PageLayout(2, True, tuple(cells), 0.86)
    if per_page == 4:
        page_w, page_h = A4[1], A4[0]
        width, height = (page_w - 2 * MARGIN - 8.0) / 2, (page_h - TOP - BOTTOM - 10.0) / 2
        cells = []
        for row in range(2):
            for column in range(2):
                x, y = MARGIN + column * (width + 8.0), TOP + row * (height + 10.0)
                picture = Box(x, y, width, width * 9 / 16)
                text = Box(x, picture.bottom + 4.0, width, height - picture.height - 4.0)
                cells.append(Cell(picture, text))
        return PageLayout(4, False, tuple(cells), 0.74)
    raise ValueError(f"per_page must be 1, 2 or 4, not {per_page}")


def place_picture(box: Box, width: int, height: int) -> Box:
    """The picture's rectangle: as large as fits ``box`` with its aspect ratio, at the box's top left."""
    scale = min(box.width / max(width, 1), box.height / max(height, 1))
    return Box(box.x, box.y, width * scale, height * scale)


def page_count(deck: Deck, per_page: int) -> int:
    return 1 + math.ceil(len(deck.slides) / per_page)


def export_handout(
    deck: Deck, out: Path, *, per_page: int = 1, notes: bool = False, progress: Progress | None = None
) -> int:
    """Writes the handout next to ``out`` first and moves it into place; returns the number of pages."""
    ensure_gui_application()
    caption_family()
    plan = page_layout(per_page)
    with written_in_place_of(out, check=pdf_is_whole) as temp:
        writer = QPdfWriter(str(temp))
        writer.setResolution(RESOLUTION)
        orientation = (
            QPageLayout.Orientation.Landscape if plan.landscape else QPageLayout.Orientation.Portrait
        )
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                orientation,
                QMarginsF(0, 0, 0, 0),
                QPageLayout.Unit.Millimeter,
            )
        )
        writer.setTitle(deck.title)
        writer.setCreator("slideshow")
        painter = QPainter()
        if not painter.begin(writer):
            raise WriteFailed("the PDF writer could not start")
        pages = page_count(deck, per_page)
        try:
            _Handout(writer, painter, deck, plan, notes, pages).write(progress)
        finally:
            finished = painter.end()  # writes the end of the PDF and closes the file
        if not finished:
            raise WriteFailed("the PDF writer could not finish the file")
    return pages


def _u(mm: float) -> float:
    """Millimetres -> PDF layout units."""
    return mm * RESOLUTION / 25.4


def _px(points: float) -> int:
    return max(1, round(points * RESOLUTION / 72))


def _print_font(points: float, bold: bool = False) -> QFont:
    """The caption font without the optional "fi"/"fl" ligatures, so text copied or searched in the PDF
    reads "fights", not "ﬁghts" (required ligatures, as in Arabic, stay). QFont.setFeature: Qt >= 6.7."""
    result = font(_px(points), bold=bold)
    if hasattr(QFont, "Tag"):
        result.setFeature(QFont.Tag("liga"), 0)
    return result


def _rect(box: Box) -> QRectF:
    return QRectF(_u(box.x), _u(box.y), _u(box.width), _u(box.height))


@dataclass(frozen=True)
class _Block:
    text: str
    points: float
    colour: QColor
    bold: bool = False
    gap: float = 1.6  # millimetres after the block


class _Handout:
    """Draws the pages in order onto one painter; the writer only turns the pages."""

    def __init__(
        self, writer: QPdfWriter, painter: QPainter, deck: Deck, plan: PageLayout, notes: bool, pages: int
    ) -> None:
        self.writer, self.painter, self.deck, self.plan = writer, painter, deck, plan
        self.notes, self.pages = notes, pages

    def write(self, progress: Progress | None) -> None:
        self._cover()
        count = len(self.deck.slides)
        for index, slide in enumerate(self.deck.slides):
            position = index % self.plan.per_page
            if position == 0:
                self.writer.newPage()
                self._footer(2 + index // self.plan.per_page)
            self._slide(self.plan.cells[position], slide, index)
            if progress is not None:
                progress(index + 1, count)

    # --- pages ---

    def _cover(self) -> None:
        deck = self.deck
        page_w, page_h = self.plan.size_mm
        blocks = [_Block(deck.title, 30, INK, bold=True, gap=6)]
        if deck.summary:
            blocks.append(_Block(deck.summary, 15, META, gap=6))
        dates = sorted(s.date for s in deck.slides if s.date is not None)
        if dates:
            first, last = (format_date(d, deck.settings.locale) for d in (dates[0], dates[-1]))
            blocks.append(_Block(first if first == last else f"{first} – {last}", 13, ACCENT, gap=3))
        photos = sum(1 for s in deck.slides if s.image is not None)
        blocks.append(_Block(f"{len(deck.slides)} slides, {photos} pictures", 11, MUTED))
        width = min(page_w - 2 * MARGIN, 210.0)
        self._text(Box(MARGIN, page_h * 0.28, width, page_h * 0.62), blocks)
        self.painter.fillRect(_rect(Box(MARGIN, page_h * 0.28 - 6, 24, 1.2)), ACCENT)

    def _footer(self, page: int) -> None:
        page_w, page_h = self.plan.size_mm
        small = _print_font(8)
        metrics = QFontMetricsF(small)
        self.painter.setFont(small)
        self.painter.setPen(MUTED)
        number = f"Page {page} of {self.pages}"
        baseline = _u(page_h - 9.0)
        self.painter.drawText(
            QPointF(_u(page_w - MARGIN) - metrics.horizontalAdvance(number), baseline), number
        )
        title = metrics.elidedText(self.deck.title, Qt.TextElideMode.ElideRight, _u(page_w * 0.6))
        self.painter.drawText(QPointF(_u(MARGIN), baseline), title)

    def _slide(self, cell: Cell, slide: Slide, index: int) -> None:
        scale = self.plan.text_scale
        count = len(self.deck.slides)
        blocks = [_Block(f"Slide {index + 1} of {count}", 8.5 * scale, MUTED, gap=1.2)]
        if slide.is_text_slide:
            area = cell.whole
            if slide.title:
                blocks.append(_Block(slide.title, 24 * scale, INK, bold=True, gap=4))
            if slide.caption:
                blocks.append(_Block(slide.caption, 14 * scale, META, gap=3))
        else:
            area = cell.text
            self._picture(cell.picture, slide, index)
            if slide.title:
                blocks.append(_Block(slide.title, 15 * scale, INK, bold=True))
            if slide.caption:
                blocks.append(_Block(slide.caption, 12 * scale, INK, gap=2.2))
        locale = slide_language(slide, self.deck.settings.locale)
        meta = [slide.place, format_date(slide.date, locale) if slide.date else None]
        meta.append(slide.credit)
        if any(meta):
            blocks.append(_Block(SEPARATOR.join(m for m in meta if m), 9.5 * scale, META, gap=3))
        if self.notes and slide.notes:
            blocks.append(_Block("Notes", 9 * scale, MUTED, bold=True, gap=0.8))
            blocks.append(_Block(slide.notes.replace("\n", "\u2028"), 10 * scale, INK))
        self._text(area, blocks, rtl=slide_is_right_to_left(slide))

    def _picture(self, box: Box, slide: Slide, index: int) -> None:
        assert slide.image is not None
        want_w, want_h = round(box.width / 25.4 * PRINT_DPI), round(box.height / 25.4 * PRINT_DPI)
        size = upright_size(slide.image, inside=self.deck.folder)
        if size is not None:  # never enlarge: a small photo stays small in the file, Qt scales it
            want_w, want_h = min(want_w, size[0]), min(want_h, size[1])
        try:
            picture = decode_picture(
                slide.image, max(want_w, 1), max(want_h, 1), Fit.CONTAIN, inside=self.deck.folder
            )
        except ImageProblem as problem:
            frame = place_picture(box, 16, 9)
            bare = replace(slide, caption="", title=None, place=None, date=None, credit=None)
            view = SlideView(bare, index + 1, len(self.deck.slides), problem=str(problem))
            paint_slide(self.painter, _rect(frame), view)
            return
        target = place_picture(box, picture.width(), picture.height())
        self.painter.drawImage(_rect(target), picture)

    # --- text ---

    def _text(self, box: Box, blocks: list[_Block], rtl: bool = False) -> None:
        """Sets ``blocks`` top-down in ``box``, smaller if they do not fit, cut with "…" if still too long."""
        align = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        width, height = _u(box.width), _u(box.height)
        for factor in (1.0, 0.92, 0.85, 0.78):
            laid = [self._lay(b, factor, width, align, rtl) for b in blocks]
            if sum(h + _u(b.gap) for (_, h), b in zip(laid, blocks, strict=True)) <= height:
                break
        else:
            laid = self._cut(blocks, factor, width, height, align, rtl)
        y = _u(box.y)
        for (layout, block_height), block in zip(laid, blocks, strict=False):
            self.painter.setPen(block.colour)
            layout.draw(self.painter, QPointF(_u(box.x), y))
            y += block_height + _u(block.gap)

    @staticmethod
    def _lay(
        block: _Block,
        factor: float,
        width: float,
        align: Qt.AlignmentFlag,
        rtl: bool,
        text: str | None = None,
    ) -> tuple[QTextLayout, float]:
        text_font = _print_font(block.points * factor, bold=block.bold)
        return layout_text(block.text if text is None else text, text_font, width, align, rtl)

    def _cut(
        self,
        blocks: list[_Block],
        factor: float,
        width: float,
        height: float,
        align: Qt.AlignmentFlag,
        rtl: bool,
    ) -> list[tuple[QTextLayout, float]]:
        """The blocks that fit, the first one that does not shortened at a word with "…", none after it."""
        laid: list[tuple[QTextLayout, float]] = []
        room = height
        for block in blocks:
            layout, block_height = self._lay(block, factor, width, align, rtl)
            if block_height + _u(block.gap) <= room:
                laid.append((layout, block_height))
                room -= block_height + _u(block.gap)
                continue
            words = block.text.split(" ")
            low, high, best = 1, len(words) - 1, None
            while low <= high:
                middle = (low + high) // 2
                trial = self._lay(block, factor, width, align, rtl, " ".join(words[:middle]) + " …")
                if trial[1] <= room:
                    best, low = trial, middle + 1
                else:
                    high = middle - 1
            if best is not None:
                laid.append(best)
            break
        return laid
