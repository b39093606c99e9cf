"""The overview: every slide as a thumbnail with its number and date, to pick one and go there.

Thumbnails come from their own worker pipeline at thumbnail size, the visible ones first, so a deck of
hundreds of large photos opens the grid at once and fills it as pictures arrive; the GUI thread never
decodes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

from slideshow.deck.model import Fit
from slideshow.imaging.pipeline import PictureKey, PicturePipeline
from slideshow.render.fonts import font
from slideshow.render.geometry import Metrics, fit_box
from slideshow.render.painter import SlideView, box_of, paint_slide, qrect
from slideshow.render.text import format_date, layout_text, slide_language

if TYPE_CHECKING:
    from slideshow.ui.controller import ShowController

BACKGROUND = QColor("#0b0f14")
CELL = QColor("#1c232c")
SELECTED = QColor("#f2c14e")
LABEL = QColor("#d9dde2")
PROBLEM = QColor("#ff8a80")

# Keys while the grid is open (the show's keys are not in play): data, like the main key table.
MOVES: dict[str, tuple[str, int]] = {
    "Right": ("step", 1),
    "Left": ("step", -1),
    "Down": ("row", 1),
    "Up": ("row", -1),
    "PageDown": ("page", 1),
    "PageUp": ("page", -1),
    "Home": ("to", 0),
    "End": ("to", -1),
}
CHOOSE_KEYS = frozenset({"Enter", "Space"})
CLOSE_KEYS = frozenset({"Escape", "O", "Tab"})


class OverviewGrid(QWidget):
    chosen = Signal(int)  # 0-based index of the slide picked
    closed = Signal()

    def __init__(
        self, controller: ShowController, thumbnails: PicturePipeline, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._deck = controller.deck
        self._thumbnails = thumbnails
        self._selected = 0
        self._top_row = 0
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        thumbnails.picture_ready.connect(self._on_thumbnail)
        thumbnails.picture_failed.connect(self._on_thumbnail)
        self.chosen.connect(controller.go_to)
        controller.slide_changed.connect(self._follow_deck)
        self.hide()

    # --- public ------------------------------------------------------------------------------------------

    @property
    def selected(self) -> int:
        return self._selected

    def tile_label(self, index: int) -> tuple[str, str]:
        """Number and place on one line, the date under them: what a presenter looks for in a story."""
        slide = self._deck.slides[index]
        first = f"{index + 1}  ·  {slide.place}" if slide.place else str(index + 1)
        date = (
            format_date(slide.date, slide_language(slide, self._deck.settings.locale)) if slide.date else ""
        )
        return first, date

    def tile_rect(self, index: int) -> QRectF:
        """Where tile ``index`` is drawn now, thumbnail and label, in the grid's coordinates."""
        cell = self._cell(index)
        label_height = self._layout()[3] - cell.height() - self._gap()
        return cell.adjusted(0, 0, 0, label_height)

    def open(self, index: int, area: QRect | None = None) -> None:
        """Opens over ``area`` of the parent window (default: all of it) with slide ``index`` selected."""
        parent = self.parentWidget()
        if area is not None:
            self.setGeometry(area)
        elif parent is not None:
            self.setGeometry(parent.rect())
        self._selected = min(max(index, 0), len(self._deck.slides) - 1)
        self._scroll_to_selection()
        self.show()
        self.raise_()
        self._request_thumbnails()
        self.update()

    def _follow_deck(self, _index: int) -> None:
        """A reloaded or dropped deck replaces the grid's too, in whichever window the grid is."""
        deck = self._controller.deck
        if deck is self._deck:
            return
        self._deck = deck
        self._selected = min(self._selected, len(deck.slides) - 1)
        if self.isVisible():
            self._request_thumbnails()
            self.update()

    def handle_key(self, name: str) -> None:
        """Moves, chooses or closes; any other key is ignored while the grid is open."""
        if name in CLOSE_KEYS:
            self.close_grid()
        elif name in CHOOSE_KEYS:
            self._choose(self._selected)
        elif name in MOVES:
            kind, amount = MOVES[name]
            columns, rows = self._layout()[0], self._visible_rows()
            step = {"step": amount, "row": amount * columns, "page": amount * columns * rows}.get(kind)
            target = self._selected + step if step is not None else amount % len(self._deck.slides)
            self._select(target)

    def close_grid(self) -> None:
        self.hide()
        self._thumbnails.request(None, [])
        self.closed.emit()

    # --- layout ------------------------------------------------------------------------------------------

    def _gap(self) -> int:
        return round(max(self.height(), 1) * 0.022)

    def _layout(self) -> tuple[int, float, float, float, float]:
        """Columns, cell width, thumbnail height, row height and margin, all from the widget's size."""
        width, height = max(self.width(), 1), max(self.height(), 1)
        margin = round(height * 0.04)
        gap = self._gap()
        columns = max(2, round(5 * (width / height) / (16 / 9)))
        cell_width = (width - 2 * margin - (columns - 1) * gap) / columns
        thumb_height = cell_width * 9 / 16
        label_height = Metrics.for_height(height).meta_px * 3.2  # two lines: number and place, date
        return columns, cell_width, thumb_height, thumb_height + label_height + gap, margin

    def _visible_rows(self) -> int:
        _, _, _, row_height, margin = self._layout()
        return max(1, int((self.height() - 2 * margin) // row_height))

    def _cell(self, index: int) -> QRectF:
        columns, cell_width, thumb_height, row_height, margin = self._layout()
        gap = (self.width() - 2 * margin - columns * cell_width) / max(columns - 1, 1)
        row, column = divmod(index, columns)
        x = margin + column * (cell_width + gap)
        y = margin + (row - self._top_row) * row_height
        return QRectF(x, y, cell_width, thumb_height)

    def _visible_indices(self) -> range:
        columns = self._layout()[0]
        first = self._top_row * columns
        return range(first, min(len(self._deck.slides), first + columns * (self._visible_rows() + 1)))

    def _key(self, index: int) -> PictureKey | None:
        slide = self._deck.slides[index]
        if slide.image is None:
            return None
        _, cell_width, thumb_height, _, _ = self._layout()
        ratio = self.devicePixelRatioF()
        return PictureKey.for_box(
            slide.image, cell_width, thumb_height, ratio, Fit.CONTAIN, folder=self._deck.folder
        )

    # --- behaviour ---------------------------------------------------------------------------------------

    def _select(self, index: int) -> None:
        self._selected = min(max(index, 0), len(self._deck.slides) - 1)
        if self._scroll_to_selection():
            self._request_thumbnails()
        self.update()

    def _scroll_to_selection(self) -> bool:
        columns, rows = self._layout()[0], self._visible_rows()
        row = self._selected // columns
        top = min(max(self._top_row, row - rows + 1), row)
        moved = top != self._top_row
        self._top_row = top
        return moved

    def _choose(self, index: int) -> None:
        self.hide()
        self._thumbnails.request(None, [])
        self.chosen.emit(index)

    def _request_thumbnails(self) -> None:
        """The selected slide's first (at opening, the current one), then the visible cells, then the rest
        nearest the selection, so scrolling finds them ready."""
        visible = [i for i in self._visible_indices() if i != self._selected]
        rest = sorted(
            set(range(len(self._deck.slides))) - {*visible, self._selected},
            key=lambda i: abs(i - self._selected),
        )
        keys = [key for key in map(self._key, visible + rest) if key is not None]
        self._thumbnails.request(self._key(self._selected), keys)

    def _on_thumbnail(self, _key: object, _result: object) -> None:
        if self.isVisible():
            self.update()

    # --- Qt events ---------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.fillRect(self.rect(), BACKGROUND)
        label_px = Metrics.for_height(self.height()).meta_px
        for index in self._visible_indices():
            self._paint_cell(painter, index, label_px)
        painter.end()

    def _paint_cell(self, painter: QPainter, index: int, label_px: int) -> None:
        rect = self._cell(index)
        key = self._key(index)
        painter.fillRect(rect, CELL)
        if key is None:
            view = SlideView.of(self._deck, index)
            paint_slide(painter, rect, view)
        else:
            image: QImage | None = self._thumbnails.cached(key)
            if image is not None:
                box = fit_box(image.width(), image.height(), box_of(rect), Fit.CONTAIN)
                painter.drawImage(qrect(box), image)
            elif (reason := self._thumbnails.failure(key)) is not None:
                self._paint_text(painter, rect, reason, round(label_px * 0.9), PROBLEM, centred=True)
        if index == self._selected:
            pen = QPen(SELECTED, max(2.0, self.height() * 0.004))
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(
                rect.adjusted(-pen.widthF() / 2, -pen.widthF() / 2, pen.widthF() / 2, pen.widthF() / 2)
            )
        colour = SELECTED if index == self._selected else LABEL
        metrics = QFontMetricsF(font(label_px))
        y = rect.bottom() + label_px * 0.4
        for line in self.tile_label(index):
            elided = metrics.elidedText(line, Qt.TextElideMode.ElideRight, rect.width())
            self._paint_text(
                painter, QRectF(rect.x(), y, rect.width(), label_px * 1.4), elided, label_px, colour
            )
            y += label_px * 1.35

    @staticmethod
    def _paint_text(
        painter: QPainter, rect: QRectF, text: str, px: int, colour: QColor, *, centred: bool = False
    ) -> None:
        align = Qt.AlignmentFlag.AlignHCenter if centred else Qt.AlignmentFlag.AlignLeft
        layout, height = layout_text(text, font(px), rect.width(), align)
        y = rect.y() + (rect.height() - height) / 2 if centred else rect.y()
        painter.setPen(colour)
        layout.draw(painter, QPointF(rect.x(), y))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        for index in self._visible_indices():
            if self._cell(index).contains(event.position()):
                self._choose(index)
                return

    def wheelEvent(self, event: QWheelEvent) -> None:
        columns = self._layout()[0]
        self._select(self._selected + (columns if event.angleDelta().y() < 0 else -columns))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._scroll_to_selection()
        if self.isVisible():
            self._request_thumbnails()


def overview_for(
    parent: QWidget, controller: ShowController, thumbnails: PicturePipeline
) -> Callable[[], OverviewGrid]:
    """Builds ``parent``'s overview grid when called: focus goes back to ``parent`` when it closes."""

    def build() -> OverviewGrid:
        grid = OverviewGrid(controller, thumbnails, parent)
        grid.closed.connect(parent.setFocus)
        return grid

    return build
