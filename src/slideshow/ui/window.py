"""The audience window: paints the controller's current slide and forwards keys to it.

The window keeps showing the picture it has until the next one is decoded, so the audience never sees a
black frame between slides. The pipeline decodes in worker threads for the box the slide's layout gives
the photo, in device pixels (smaller than the window when the caption sits beside or below it), so a
paint copies the picture 1:1 and never rescales it; a new caption size or window size asks again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QScreen,
)
from PySide6.QtWidgets import QWidget

from slideshow.core.caption_size import DEFAULT_CAPTION_SIZE, nearest_size, size_notice, stepped
from slideshow.core.keymap import Action, Command
from slideshow.core.player import Blank, PlayState
from slideshow.deck.model import Slide, Transition
from slideshow.imaging.pipeline import PictureKey, PicturePipeline
from slideshow.render.geometry import Box, Metrics
from slideshow.render.overlays import paint_help, paint_laser
from slideshow.render.painter import SlideView, paint_slide
from slideshow.ui.after_paint import AfterPaint
from slideshow.ui.controller import ShowController
from slideshow.ui.keys import key_name
from slideshow.ui.memory import DeckMemory
from slideshow.ui.overlay_keys import Overlays
from slideshow.ui.overview import OverviewGrid, overview_for
from slideshow.ui.photo_keys import PhotoKeys, PictureRequests
from slideshow.ui.pointer import PointerInput, dropped_deck
from slideshow.ui.screens import fill_screen, place_centred
from slideshow.ui.transition import FrameTransition, TransitionPlayer
from slideshow.ui.zoom import PhotoZoom

log = logging.getLogger(__name__)
PROGRESS_REFRESH_MS = 100


@dataclass(frozen=True)
class _OnScreen:
    """What the window is showing now, which may lag the controller while a picture decodes.

    It holds the slide itself, not only its index: a reloaded or dropped deck may be shorter, and the
    old slide stays on screen until the new deck's picture is ready.
    """

    index: int
    slide: Slide
    count: int
    # The cache's own QImage, shared, drawn as it is: a QPixmap would be a copy (22 MB for a photo on a
    # 4K screen) made on the key-press path, and with the raster paint engine it draws no faster.
    picture: QImage | None = field(default=None, compare=False)
    problem: str | None = None
    key: PictureKey | None = None  # the picture's key: the same picture is not converted again


class SlideWindow(QWidget):
    # A slide is on screen with its picture (or placeholder): tests and benchmarks wait on it.
    picture_shown = Signal(int)
    deck_dropped = Signal(Path)  # a slides.json (or a folder holding one) was dropped on the window

    def __init__(
        self,
        controller: ShowController,
        pipeline: PicturePipeline,
        *,
        thumbnails: PicturePipeline | None = None,
        memory: DeckMemory | None = None,
    ) -> None:
        super().__init__()
        self._controller = controller
        self._pipeline = pipeline
        kiosk = controller.kiosk
        self._memory = memory
        self._caption_size = DEFAULT_CAPTION_SIZE
        self._transitions = TransitionPlayer(self)
        overview = overview_for(self, controller, thumbnails) if thumbnails is not None else None
        self._overlays = Overlays(overview, self.update)
        self._memory_changed()
        self._on_screen: _OnScreen | None = None
        self._announced: _OnScreen | None = None
        self._may_close = not kiosk
        self._normal_geometry: QRect | None = None
        self.setWindowTitle(controller.deck.title)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(320, 180)
        self.setAcceptDrops(not kiosk)
        if kiosk:  # no pointer input at all, and no pointer
            self.setCursor(Qt.CursorShape.BlankCursor)
        else:
            PointerInput(self, controller, self.press)
        self._after_paint = AfterPaint(self)
        keys = PhotoKeys(self, controller, pipeline)
        self._requests = PictureRequests(
            keys, controller, pipeline, lambda: self._caption_size, self._after_paint.add
        )
        # After the pointer: the zoom's handlers come first.
        self._zoom = None if kiosk else PhotoZoom(self, controller, pipeline, self.picture_key)
        self._progress_timer = QTimer(self)
        self._progress_timer.setInterval(PROGRESS_REFRESH_MS)
        self._progress_timer.timeout.connect(self._refresh_progress)
        controller.slide_changed.connect(self.sync)
        controller.slide_changed.connect(self._remember_slide)
        controller.autoplay_changed.connect(self.sync)  # prefetch direction and the progress line
        controller.screen_changed.connect(self.sync)  # C: the photos take the captions' room
        controller.laser_changed.connect(self.update)
        controller.notice_changed.connect(self._message_changed)
        controller.banner_changed.connect(self._message_changed)
        controller.fullscreen_requested.connect(self.set_fullscreen)
        pipeline.picture_ready.connect(self._on_picture_ready)
        pipeline.stand_in_ready.connect(self._on_picture_ready)
        pipeline.picture_failed.connect(self._on_picture_failed)

    @property
    def on_screen_index(self) -> int | None:
        """The slide actually on screen, which lags the controller while a picture decodes."""
        return None if self._on_screen is None else self._on_screen.index

    @property
    def on_screen_problem(self) -> str | None:
        return None if self._on_screen is None else self._on_screen.problem

    @property
    def help_visible(self) -> bool:
        return self._overlays.help

    @property
    def overview(self) -> OverviewGrid | None:
        return self._overlays.overview

    @property
    def caption_size(self) -> int:
        """The captions' size in percent, a step of the ladder in ``core.caption_size``."""
        return self._caption_size

    @property
    def zoom(self) -> PhotoZoom | None:
        """Zoom to detail (None in a kiosk, which takes no zoom keys)."""
        return self._zoom

    @property
    def in_transition(self) -> bool:
        return self._transitions.playing is not None

    @property
    def transition(self) -> FrameTransition | None:
        """The transition playing now, if any."""
        return self._transitions.playing

    # --- showing -----------------------------------------------------------------------------------------

    def show_on(self, screen: QScreen | None, *, fullscreen: bool) -> None:
        """Places the window on ``screen`` and shows it, full screen (always, in kiosk mode) or as a large
        normal window."""
        place_centred(self, screen or self.screen() or QGuiApplication.primaryScreen())
        # No sync() here: showing delivers the resize, whose sync() asks for the picture at the final
        # size; asking now, at the windowed size, would start a decode a full-screen start throws away.
        if fullscreen or self._controller.kiosk:
            self.set_fullscreen(True)
        else:
            self.show()

    def set_fullscreen(self, on: bool) -> None:
        if on and not self.isFullScreen():
            self._normal_geometry = self.geometry()
            fill_screen(self, self.screen() or QGuiApplication.primaryScreen())
        elif not on and self.isFullScreen() and not self._controller.kiosk:
            self.showNormal()
            if self._normal_geometry is not None:
                self.setGeometry(self._normal_geometry)
        self.activateWindow()
        self.setFocus()

    def _message_changed(self) -> None:
        """A notice or the banner changed: the audience's business only while no console shows them."""
        if not self._controller.console_open:
            self.update()

    def set_memory(self, memory: DeckMemory | None) -> None:
        """Another deck was dropped on the window: its own remembered sizes apply, and are kept, from now."""
        self._memory = memory
        self._memory_changed()
        self.sync()

    def _memory_changed(self) -> None:
        self._caption_size = nearest_size(self._memory.caption_scale if self._memory is not None else 1.0)

    def allow_close(self) -> None:
        """The kiosk's exit chord was pressed: from now on a close request is honoured."""
        self._may_close = True

    def sync(self) -> None:
        """Brings the screen in line with the controller: ask for the current picture, prefetch neighbours."""
        controller = self._controller
        index = controller.index
        slide = controller.slide
        playing = controller.player.state is PlayState.PLAYING
        count = len(controller.deck.slides)
        image = self._requests.ask()
        current = self._requests.requested
        if current is not None and self._on_screen == self._current(key=current):
            pass  # this very slide and picture are up already
        elif slide.is_text_slide:
            self._put_on_screen(self._current())
        elif current is not None and image is not None:
            self._put_on_screen(self._current(image))
        elif current is not None and (reason := self._pipeline.failure(current)) is not None:
            self._put_on_screen(self._current(problem=reason))
        elif current is not None and not self._shows_slide() and (other := self._pipeline.stand_in(current)):
            self._put_on_screen(self._current(other, stand_in=True))
        # else: the old picture stays, scaled to the new box, until picture_ready arrives.
        if not playing:
            self._progress_timer.stop()
        elif not self._progress_timer.isActive():
            self._progress_timer.start()
        self.setWindowTitle(f"{controller.deck.title} — {index + 1}/{count}")
        self.update()

    def picture_key(self, index: int | None = None) -> PictureKey | None:
        """The key of slide ``index``'s picture (the current slide's by default) as this window asks the
        pipeline for it; None for a text slide."""
        return self._requests.key(self._controller.index if index is None else index)

    def _remember_slide(self, index: int) -> None:
        """Saved for ``--resume`` in the deck's memory (a dropped deck's, once it replaces this one), once
        the slide has been painted: the settings file is not written before the photo is up."""
        memory = self._memory
        if memory is None:
            return

        def write() -> None:
            memory.last_slide = index

        self.after_next_paint(write)

    def after_next_paint(self, work: Callable[[], None]) -> None:
        """Runs ``work`` once the next frame has been painted and flushed (see :mod:`.after_paint`)."""
        self._after_paint.add(work)

    def _shows_slide(self) -> bool:
        """Whether the current slide (with a picture of it, or its problem) is on screen already."""
        on_screen, controller = self._on_screen, self._controller
        if on_screen is None:
            return False
        return on_screen.index == controller.index and on_screen.slide == controller.slide

    def _current(
        self,
        image: QImage | None = None,
        problem: str | None = None,
        key: PictureKey | None = None,
        *,
        stand_in: bool = False,
    ) -> _OnScreen:
        """The controller's slide as it goes on screen, with its picture or the reason it has none.

        With only ``key``, the slide as it would be with that picture, to compare with what is up. A
        ``stand_in`` picture is of another size: it is shown scaled and its key stays unmatched, so the
        picture of the right size still replaces it."""
        if image is not None:
            key = None if stand_in else self.picture_key()
        controller = self._controller
        return _OnScreen(controller.index, controller.slide, len(controller.deck.slides), image, problem, key)

    def _on_picture_ready(self, key: PictureKey, image: QImage) -> None:
        wanted = self.picture_key()
        if key == wanted:
            self._put_on_screen(self._current(image))
        elif wanted is not None and key.same_photo(wanted):
            if not self._shows_slide():
                self._put_on_screen(self._current(image, stand_in=True))  # the start-up decode, say
            if wanted != self._requests.requested:
                self.sync()  # the photo's size became known with its picture: ask at the size it is drawn

    def _on_picture_failed(self, key: PictureKey, reason: str) -> None:
        if key == self.picture_key():
            self._put_on_screen(self._current(problem=reason))

    def _put_on_screen(self, on_screen: _OnScreen) -> None:
        old = self._on_screen
        self._on_screen = on_screen
        if old is not None and old.index != on_screen.index and self._controller.blank is Blank.NONE:
            self._start_transition(old, on_screen)
        self.update()

    # --- transitions -------------------------------------------------------------------------------------

    def _start_transition(self, old: _OnScreen, new: _OnScreen) -> None:
        """Each slide painted once (at the window's device pixels); the frames then only blend them."""
        settings = self._controller.deck.settings
        kind = (new.slide.transition or settings.transition) if self.isVisible() else Transition.NONE
        ratio = self.devicePixelRatioF()
        size = round(self.width() * ratio), round(self.height() * ratio)
        views = self._view(old, overlays=False), self._view(new, overlays=False)
        self._transitions.begin(
            kind, settings.transition_ms / 1000, *views, size, forward=new.index > old.index
        )

    def _device_rect(self, painter: QPainter) -> QRectF:
        """The window in device pixels, ``painter`` scaled to draw in them. A slide's sizes are whole
        pixels of its height: rounded at the logical size, a caption at 200 % would not be the caption an
        export at the physical size draws, and its proportions would shift."""
        ratio = self.devicePixelRatioF()
        painter.scale(1 / ratio, 1 / ratio)
        return QRectF(0, 0, self.width() * ratio, self.height() * ratio)

    # --- window-local actions ----------------------------------------------------------------------------

    def _carry_out(self, command: Command | None) -> None:
        if command is None:
            return
        action = command.action
        if self._overlays.carry_out(action, self._controller.index):
            return
        if action in (Action.BIGGER, Action.SMALLER, Action.CAPTION_RESET):
            steps = {Action.BIGGER: 1, Action.SMALLER: -1}.get(action)
            size = stepped(self._caption_size, steps) if steps is not None else DEFAULT_CAPTION_SIZE
            self._caption_size = size
            if self._memory is not None:
                self._memory.caption_scale = size / 100
            self._controller.show_notice(size_notice(size))
            self.sync()  # the photo's box changes with the caption's size
        self.update()

    def _refresh_progress(self) -> None:
        strip = Metrics.for_area(Box(0, 0, self.width(), self.height())).progress_px
        self.update(QRect(0, self.height() - strip, self.width(), strip))

    # --- Qt events ---------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        on_screen = self._on_screen
        if on_screen is None:
            painter.fillRect(self.rect(), Qt.GlobalColor.black)
            painter.end()
            return
        controller = self._controller
        rect = self._device_rect(painter)
        if not self._transitions.paint(painter, rect):  # its frames are in device pixels, as the slide
            paint_slide(painter, rect, self._view(on_screen))
        if (laser := controller.laser) is not None:
            paint_laser(painter, rect, laser)
        if self._overlays.help:
            paint_help(painter, rect)
        painter.end()
        if on_screen is not self._announced and on_screen.index == controller.index:
            self._announced = on_screen
            self.picture_shown.emit(on_screen.index)
        if on_screen.index == controller.index and controller.blank is Blank.NONE:
            controller.slide_shown(on_screen.index)
        self._after_paint.painted()

    def _view(self, on_screen: _OnScreen, *, overlays: bool = True) -> SlideView:
        controller = self._controller
        deck = controller.deck
        return SlideView(
            slide=on_screen.slide,
            number=on_screen.index + 1,
            count=on_screen.count,
            locale=deck.settings.locale,
            fit=deck.settings.fit,
            picture=on_screen.picture,
            problem=on_screen.problem,
            problem_details=controller.audience_sees_problems,
            blank=controller.blank if overlays else Blank.NONE,
            progress=controller.progress() if overlays else None,
            notice=controller.audience_notice if overlays else None,
            banner=controller.audience_banner if overlays else None,
            caption_scale=self._caption_size / 100,
            caption=deck.settings.caption,
            captions_hidden=controller.captions_hidden,
            zoom=self._zoom.paint(on_screen.picture)
            if self._zoom is not None and on_screen.index == controller.index
            else None,
        )

    def press(self, name: str) -> None:
        """The one way in for keys, clicks and wheel turns: the open overlay first, then the show, and
        back here for what only this window does."""
        self._transitions.finish()
        if not self._overlays.take(name):
            self._carry_out(self._controller.press(name))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        name = key_name(event.key(), event.modifiers())
        if name is not None:
            self.press(name)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_deck(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_deck(event)
        if path is not None:
            event.acceptProposedAction()
            self.deck_dropped.emit(path)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange:
            self._controller.set_audience_fullscreen(self.isFullScreen())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._controller.set_audience_size(self.width(), self.height())
        self._transitions.finish()
        if (overview := self._overlays.open_overview) is not None:
            overview.setGeometry(self.rect())
        self.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_close:
            event.accept()
        else:
            log.info("close request refused: kiosk mode ends only with Ctrl+Shift+Q")
            event.ignore()
