"""The presenter console: the time, the notes, the slide the audience sees and the next one, on the
presenter's own screen.

It follows the same controller as the audience window, so the two can never disagree; every key works in
either. Everything meant for the presenter (notes, notices, the typed number, the reload banner, why a
picture is missing) is shown here, and while the console is open, only here.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

from slideshow.core.keymap import Action, Command
from slideshow.core.player import Blank
from slideshow.imaging.pipeline import PictureKey, PicturePipeline
from slideshow.render.geometry import Box
from slideshow.render.notes import NotesText, Page
from slideshow.render.overlays import paint_help, paint_laser
from slideshow.render.painter import SlideView, paint_slide, qrect
from slideshow.ui import console_parts as parts
from slideshow.ui.console_layout import ConsoleLayout, console_layout
from slideshow.ui.controller import ShowController
from slideshow.ui.keys import key_name
from slideshow.ui.memory import NOTES_SCALE_RANGE, DeckMemory, within
from slideshow.ui.overlay_keys import Overlays
from slideshow.ui.overview import OverviewGrid, overview_for
from slideshow.ui.zoom import mirrored

REFRESH_MS = 250  # the dashboard's clocks
NOTES_STEP = 1.15
NOTES_SHARE = 0.034  # of the console's height: the notes' size before + and -
WHEEL_ROWS = 3  # rows of notes per notch of the wheel
WHEEL_NOTCH = 120


class PresenterConsole(QWidget):
    def __init__(
        self,
        controller: ShowController,
        pipeline: PicturePipeline,
        thumbnails: PicturePipeline,
        memory: DeckMemory | None = None,
    ) -> None:
        super().__init__()
        self._controller = controller
        self._pipeline = pipeline
        self._memory = memory
        self._notes_scale = memory.notes_scale if memory is not None else 1.0
        self._notes: NotesText | None = None
        self._notes_first = 0  # the first row of notes shown
        self._may_close = False
        self.setWindowTitle(f"Presenter — {controller.deck.title}")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(480, 300)
        self.setMouseTracking(True)
        # The console's overview leaves the dashboard in view: the clock and timers stay readable.
        self._overlays = Overlays(
            overview_for(self, controller, thumbnails),
            self.update,
            lambda: qrect(self.layout_now().body).toRect(),
        )
        self._refresh = QTimer(self)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self._refresh_dashboard)
        self._refresh.start()
        controller.slide_changed.connect(self._new_slide)
        controller.notes_scroll_requested.connect(lambda pages: self.scroll_notes(pages=pages))
        for repaint in (
            controller.screen_changed,
            controller.notice_changed,
            controller.banner_changed,
            controller.autoplay_changed,
            controller.timers_changed,
            controller.laser_changed,
        ):
            repaint.connect(self.update)
        controller.audience_changed.connect(self.sync)  # the current slide keeps the audience's shape
        controller.zoom_changed.connect(self.update)  # the audience's zoomed view, mirrored
        pipeline.picture_ready.connect(self._on_picture)
        pipeline.picture_failed.connect(self._on_picture)
        controller.attach_console()
        if memory is not None and (geometry := memory.console_geometry()) is not None:
            self.restoreGeometry(geometry)

    # --- what the console shows --------------------------------------------------------------------------

    @property
    def notes_scale(self) -> float:
        return self._notes_scale

    @property
    def help_visible(self) -> bool:
        return self._overlays.help

    @property
    def overview(self) -> OverviewGrid:
        overview = self._overlays.overview
        assert overview is not None  # the console always has one
        return overview

    def layout_now(self) -> ConsoleLayout:
        width, height = self._controller.audience_size
        return console_layout(float(self.width()), float(self.height()), width / height)

    def notes_page(self) -> Page:
        """The rows of notes on screen now, and whether there is more above or below."""
        notes, room = self._notes_text()
        return notes.page(self._notes_first, room)

    def notes_text(self) -> NotesText:
        return self._notes_text()[0]

    def set_memory(self, memory: DeckMemory | None) -> None:
        """Another deck was dropped on the show: its own remembered notes size applies from now."""
        self._memory = memory
        self._notes_scale = memory.notes_scale if memory is not None else 1.0
        self._notes = None
        self.update()

    def allow_close(self) -> None:
        self._may_close = True

    def _key(self, index: int, box: Box) -> PictureKey | None:
        slides = self._controller.deck.slides
        if not 0 <= index < len(slides) or (path := slides[index].image) is None:
            return None
        deck = self._controller.deck
        ratio = self.devicePixelRatioF()
        return PictureKey.for_box(path, box.width, box.height, ratio, deck.settings.fit, folder=deck.folder)

    def sync(self) -> None:
        """Asks for the current and next pictures at the sizes they are drawn."""
        layout = self.layout_now()
        index = self._controller.index
        self.setWindowTitle(f"Presenter — {self._controller.deck.title}")
        after = [self._key(index + 1, layout.upcoming), self._key(index + 2, layout.upcoming)]
        self._pipeline.request(self._key(index, layout.current), [key for key in after if key is not None])
        if (overview := self._overlays.open_overview) is not None:
            overview.setGeometry(qrect(layout.body).toRect())
        self.update()

    def _new_slide(self, _index: int) -> None:
        self._notes_first = 0  # another slide's notes start at the top
        self._notes = None
        self.sync()

    def _on_picture(self, _key: object, _result: object) -> None:
        self.update()

    def _view(self, index: int, box: Box, **extra: object) -> SlideView | None:
        deck = self._controller.deck
        if not 0 <= index < len(deck.slides):
            return None
        key = self._key(index, box)
        picture: QImage | None = self._pipeline.cached(key) if key is not None else None
        problem = self._pipeline.failure(key) if key is not None and picture is None else None
        if index == self._controller.index and key is not None:
            extra["zoom"] = mirrored(self._controller.zoom, picture, (key.width, key.height), key.fit)
        return SlideView.of(deck, index, picture=picture, problem=problem, **extra)

    def _notes_text(self) -> tuple[NotesText, float]:
        """The current slide's notes laid out for the panel (kept until the slide, size or width change)."""
        notes_box = self.layout_now().notes
        pad = max(6.0, self.height() * 0.014)
        px = max(8, round(self.height() * NOTES_SHARE * self._notes_scale))
        width = max(notes_box.width - 2 * pad, 1.0)
        text = self._controller.slide.notes or "No notes for this slide."
        cached = self._notes
        if cached is None or cached.px != px or cached.width != width or cached.source != text:
            cached = self._notes = NotesText(text, px, width)
        return cached, max(notes_box.height - 2 * pad, 1.0)

    # --- painting ----------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.fillRect(self.rect(), parts.BACKGROUND)
        layout = self.layout_now()
        controller = self._controller
        parts.paint_dashboard(painter, layout.bar, parts.dashboard(controller))
        parts.paint_label_row(painter, layout.now_label, "Now", parts.tags(controller))
        self._paint_current(painter, layout.current)
        self._paint_next(painter, layout)
        self._paint_notes(painter, layout)
        if controller.banner:
            px = max(9, round(layout.now_label.height * 0.55))
            parts.paint_banner(
                painter, Box(0, layout.bar.bottom, self.width(), px * 3), controller.banner, px
            )
        if self._overlays.help:
            paint_help(painter, QRectF(self.rect()))
        painter.end()

    def _paint_current(self, painter: QPainter, box: Box) -> None:
        controller = self._controller
        blank = controller.blank
        # What the audience sees, with the presenter's notices on it; a black or white screen is shown as
        # a veil, so the presenter still sees the slide they will come back to.
        view = self._view(
            controller.index,
            box,
            notice=controller.notice,
            blank=Blank.END if blank is Blank.END else Blank.NONE,
            captions_hidden=controller.captions_hidden,
        )
        if view is None:
            return
        rect = qrect(box)
        paint_slide(painter, rect, view)
        if blank in (Blank.BLACK, Blank.WHITE):
            veil = QColor(0, 0, 0, 170) if blank is Blank.BLACK else QColor(255, 255, 255, 150)
            painter.fillRect(rect, veil)
        if (laser := controller.laser) is not None:
            paint_laser(painter, rect, laser)

    def _paint_next(self, painter: QPainter, layout: ConsoleLayout) -> None:
        controller = self._controller
        index = controller.index
        ended = controller.blank is Blank.END
        view = None if ended else self._view(index + 1, layout.upcoming)
        parts.paint_label_row(painter, layout.next_label, "Next", [])
        info = layout.next_info
        px = max(8, round(layout.next_label.height * 0.6))
        painter.fillRect(qrect(info), parts.PANEL)
        inner = Box(info.x + px, info.y + px * 0.6, max(info.width - 2 * px, 1.0), max(info.height - px, 1.0))
        if view is None:
            painter.fillRect(qrect(layout.upcoming), parts.PANEL)
            words = "The show has ended: Previous goes back" if ended else "End of show"
            parts.text(painter, inner, words, px, parts.MUTED)
            return
        paint_slide(painter, qrect(layout.upcoming), view)
        upcoming = view.slide
        used = 0.0
        if upcoming.title:
            used = parts.text(painter, inner, upcoming.title, px, parts.TEXT, bold=True) + px * 0.4
        rest = Box(inner.x, inner.y + used, inner.width, max(inner.height - used, 0.0))
        parts.text(painter, rest, upcoming.caption or upcoming.place or "", px, parts.MUTED)

    def _paint_notes(self, painter: QPainter, layout: ConsoleLayout) -> None:
        notes, room = self._notes_text()
        has_notes = bool(self._controller.slide.notes)
        parts.paint_label_row(painter, layout.notes_label, "Notes", [])
        painter.fillRect(qrect(layout.notes), parts.PANEL)
        pad = (layout.notes.height - room) / 2
        origin = QPointF(layout.notes.x + pad, layout.notes.y + pad)
        colour = parts.TEXT if has_notes else parts.MUTED
        notes.paint(painter, origin, room, self._notes_first, colour, parts.ACCENT)

    def _refresh_dashboard(self) -> None:
        bar = self.layout_now().bar
        self.update(QRect(0, 0, self.width(), round(bar.bottom) + 1))

    # --- input -------------------------------------------------------------------------------------------

    def scroll_notes(self, *, pages: int = 0, rows: int = 0) -> None:
        """U and D page through the notes (one line stays for context); the wheel moves a few rows."""
        notes, room = self._notes_text()
        first = notes.scrolled(self._notes_first, room, pages=pages, rows=rows)
        if first != self._notes_first:
            self._notes_first = first
            self.update(qrect(self.layout_now().notes).toAlignedRect())

    def press(self, name: str) -> None:
        """The one way in for keys: the open overlay first, then the show, then what only the console does."""
        if not self._overlays.take(name):
            self._carry_out(self._controller.press(name))

    def _carry_out(self, command: Command | None) -> None:
        if command is None or self._overlays.carry_out(command.action, self._controller.index):
            return
        if command.action in (Action.BIGGER, Action.SMALLER, Action.CAPTION_RESET):
            factor = {Action.BIGGER: NOTES_STEP, Action.SMALLER: 1 / NOTES_STEP}.get(command.action)
            scale = self._notes_scale * factor if factor is not None else 1.0
            self._notes_scale = within(scale, NOTES_SCALE_RANGE)
            if self._memory is not None:
                self._memory.notes_scale = self._notes_scale
            notes, room = self._notes_text()
            self._notes_first = min(self._notes_first, notes.last_start(room))
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        name = key_name(event.key(), event.modifiers())
        if name is not None:
            self.press(name)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """The wheel over the notes scrolls them; elsewhere it does nothing (the slides are not a list)."""
        notes = qrect(self.layout_now().notes)
        turn = event.angleDelta().y()
        if notes.contains(event.position()) and turn:
            self.scroll_notes(rows=-round(turn / WHEEL_NOTCH * WHEEL_ROWS) or (-1 if turn > 0 else 1))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """With the laser on, the pointer over the current slide moves the dot on the audience's screen."""
        current = self.layout_now().current
        position = event.position()
        if self._controller.laser_on and qrect(current).contains(position):
            self._controller.point_laser(
                (position.x() - current.x) / current.width, (position.y() - current.y) / current.height
            )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._notes = None
        self.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the console ends the show (the presenter's way out), unless told otherwise."""
        if self._memory is not None:
            self._memory.set_console_geometry(self.saveGeometry())
        if self._may_close:
            event.accept()
        else:
            event.ignore()
            self._controller.quit_requested.emit()
