"""A show left running follows its screen when displays are unplugged and plugged back."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from slideshow.ui.application import widget_application
from slideshow.ui.screens import fill_screen

log = logging.getLogger(__name__)


class ScreenFollower(QObject):
    """A full-screen window whose screen goes away moves to one that remains, and goes back when a screen
    of the same name returns."""

    def __init__(self, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window
        self._home: str | None = None  # the screen the show was on before it went away
        app = widget_application()
        app.screenRemoved.connect(self._removed)
        app.screenAdded.connect(self._added)

    def _removed(self, screen: QScreen) -> None:
        window = self._window
        current = window.screen()
        if current is not None and current is not screen and current in QGuiApplication.screens():
            return
        remaining = [s for s in QGuiApplication.screens() if s is not screen]
        if not remaining:
            return
        if self._home is None:
            self._home = screen.name()
        target = QGuiApplication.primaryScreen()
        target = target if target in remaining else remaining[0]
        log.info("screen %s went away: showing on %s", screen.name(), target.name())
        QTimer.singleShot(0, lambda: self._move(target))

    def _added(self, screen: QScreen) -> None:
        if self._home is not None and screen.name() == self._home:
            log.info("screen %s is back: showing on it again", screen.name())
            self._home = None
            QTimer.singleShot(0, lambda: self._move(screen))

    def _move(self, screen: QScreen) -> None:
        window = self._window
        if screen not in QGuiApplication.screens():
            return
        if window.isFullScreen():
            window.showNormal()
            fill_screen(window, screen)
        else:
            window.setScreen(screen)
            window.setGeometry(screen.geometry())
