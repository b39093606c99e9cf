"""The audience window: paints the controller's current slide and forwards keys to it.

The window keeps showing the picture it has until the next one is decoded, so the audience never sees a
black frame between slides; the pipeline decodes in worker threads at this window's size in device pixels.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
    QScreen,
)
from PySide6.QtWidgets import QWidget

from slideshow.core.player import Blank, PlayState
from slideshow.imaging.pipeline import PictureKey, PicturePipeline
from slideshow.render.geometry import Metrics
from slideshow.render.painter import SlideView, paint_slide
from slideshow.ui.controller import ShowController
from slideshow.ui.keys import key_name

log = logging.getLogger(__name__)
PROGRESS_REFRESH_MS = 100


@dataclass(frozen=True)
class _OnScreen:
    """What the window is showing now, which may lag the controller while a picture decodes."""

    index: int
    picture: QPixmap | None = None
    problem: str | None = None


class SlideWindow(QWidget):
    picture_shown = Signal(
        int
    )  # a slide is on screen with its picture (or placeholder): tests and benchmarks wait on it

    def __init__(self, controller: ShowController, pipeline: PicturePipeline, *, kiosk: bool = False) -> None:
        super().__init__()
        self._controller = controller
        self._pipeline = pipeline
        self._kiosk = kiosk
        self._on_screen: _OnScreen | None = None
        self._announced: _OnScreen | None = None
        self._may_close = not kiosk
        self._normal_geometry: QRect | None = None
        self.setWindowTitle(controller.deck.title)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(320, 180)
        if kiosk:
            self.setCursor(Qt.CursorShape.BlankCursor)
        self._progress_timer = QTimer(self)
        self._progress_timer.setInterval(PROGRESS_REFRESH_MS)
        self._progress_timer.timeout.connect(self._refresh_progress)
        controller.changed.connect(self.sync)
        controller.fullscreen_requested.connect(self.set_fullscreen)
        pipeline.picture_ready.connect(self._on_picture_ready)
        pipeline.picture_failed.connect(self._on_picture_failed)

    @property
    def on_screen_index(self) -> int | None:
        """The slide actually on screen, which lags the controller while a picture decodes."""
        return None if self._on_screen is None else self._on_screen.index

    @property
    def on_screen_problem(self) -> str | None:
        return None if self._on_screen is None else self._on_screen.problem

    # --- showing -----------------------------------------------------------------------------------------

    def show_on(self, screen: QScreen | None, *, fullscreen: bool) -> None:
        """Places the window on ``screen`` and shows it, full screen (always, in kiosk mode) or as a large
        normal window."""
        screen = screen or self.screen() or QGuiApplication.primaryScreen()
        self.setScreen(screen)
        available = screen.availableGeometry()
        width, height = round(available.width() * 0.8), round(available.height() * 0.8)
        self.setGeometry(
            available.x() + (available.width() - width) // 2,
            available.y() + (available.height() - height) // 2,
            width,
            height,
        )
        self.sync()
        if fullscreen or self._kiosk:
            self.set_fullscreen(True)
        else:
            self.show()

    def set_fullscreen(self, on: bool) -> None:
        if on and not self.isFullScreen():
            self._normal_geometry = self.geometry()
            # Without a window manager showFullScreen() alone leaves the window at its old size: size it
            # to the screen first, which is also right with one.
            screen = self.screen() or QGuiApplication.primaryScreen()
            self.setGeometry(screen.geometry())
            self.showFullScreen()
        elif not on and self.isFullScreen() and not self._kiosk:
            self.showNormal()
            if self._normal_geometry is not None:
                self.setGeometry(self._normal_geometry)
        self.activateWindow()
        self.setFocus()

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
        # Autoplay only goes forward (and wraps when it loops); a presenter may go either way.
        ahead = [(index + 1) % count, (index + 2) % count] if playing else [index + 1, index - 1]
        prefetch = [key for key in map(self._key, ahead) if key is not None]
        current = self._key(index)
        image = self._pipeline.request(current, prefetch)
        if slide.is_text_slide:
            self._put_on_screen(_OnScreen(index))
        elif current is not None and image is not None:
            self._put_on_screen(_OnScreen(index, QPixmap.fromImage(image)))
        elif current is not None and (reason := self._pipeline.failure(current)) is not None:
            self._put_on_screen(_OnScreen(index, problem=reason))
        # else: the old picture stays until picture_ready arrives.
        if not playing:
            self._progress_timer.stop()
        elif not self._progress_timer.isActive():
            self._progress_timer.start()
        self.setWindowTitle(f"{controller.deck.title} — {index + 1}/{count}")
        self.update()

    def _key(self, index: int) -> PictureKey | None:
        slides = self._controller.deck.slides
        if not 0 <= index < len(slides) or slides[index].image is None:
            return None
        ratio = self.devicePixelRatioF()
        return PictureKey(
            slides[index].image,
            max(1, round(self.width() * ratio)),
            max(1, round(self.height() * ratio)),
            self._controller.deck.settings.fit,
        )

    def _on_picture_ready(self, key: PictureKey, image: QImage) -> None:
        if key == self._key(self._controller.index):
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(self.devicePixelRatioF())
            self._put_on_screen(_OnScreen(self._controller.index, pixmap))

    def _on_picture_failed(self, key: PictureKey, reason: str) -> None:
        if key == self._key(self._controller.index):
            self._put_on_screen(_OnScreen(self._controller.index, problem=reason))

    def _put_on_screen(self, on_screen: _OnScreen) -> None:
        self._on_screen = on_screen
        self.update()

    def _refresh_progress(self) -> None:
        strip = Metrics.for_height(self.height()).progress_px
        self.update(QRect(0, self.height() - strip, self.width(), strip))

    # --- Qt events ---------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        on_screen = self._on_screen
        if on_screen is None:
            painter.fillRect(self.rect(), Qt.GlobalColor.black)
            painter.end()
            return
        controller = self._controller
        deck = controller.deck
        view = SlideView(
            slide=deck.slides[on_screen.index],
            number=on_screen.index + 1,
            count=len(deck.slides),
            locale=deck.settings.locale,
            fit=deck.settings.fit,
            picture=on_screen.picture,
            problem=on_screen.problem,
            blank=controller.blank,
            progress=controller.progress(),
            notice=controller.notice,
        )
        paint_slide(painter, QRectF(self.rect()), view)
        painter.end()
        if on_screen is not self._announced and on_screen.index == controller.index:
            self._announced = on_screen
            self.picture_shown.emit(on_screen.index)
        if on_screen.index == controller.index and controller.blank is Blank.NONE:
            controller.slide_shown(on_screen.index)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        name = key_name(event.key(), event.modifiers())
        handled = name is not None and self._controller.press(name)
        if not handled and not self._kiosk:
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self._may_close:
            event.accept()
        else:
            log.info("close request refused: kiosk mode ends only with Ctrl+Shift+Q")
            event.ignore()
