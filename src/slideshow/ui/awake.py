"""Keeps the display awake while the show is full screen, for every show (a kiosk or a talk)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from slideshow.ui.application import widget_application
from slideshow.ui.controller import ShowController
from slideshow.ui.inhibit import SleepInhibitor

SETTLE_MS = 1000
"""How long after the window's state changes the inhibition follows it. No screensaver starts within a
second, and the inhibitor's calls (a D-Bus round trip, or two runs of ``xset``) then never hold up the
first photo on the GUI thread."""


class AwakeWhileFullScreen(QObject):
    """Inhibits the screensaver and display sleep while the window is full screen and the show is open."""

    def __init__(
        self,
        window: QWidget,
        controller: ShowController,
        inhibitor: SleepInhibitor | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._controller = controller
        self.inhibitor = inhibitor or SleepInhibitor()
        self._settled = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settled.timeout.connect(self.update)
        self._settled.start()  # the window may have been shown before this watched it
        window.installEventFilter(self)
        controller.screen_changed.connect(self.update)  # opening hours close and open with a black screen
        widget_application().aboutToQuit.connect(self.release)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.WindowStateChange, QEvent.Type.Show, QEvent.Type.Hide):
            self._settled.start()
        return False

    def update(self) -> None:
        window = self._window
        wanted = window.isVisible() and window.isFullScreen() and not self._controller.closed
        self.inhibitor.set_wanted(wanted)

    def release(self) -> None:
        self.inhibitor.set_wanted(False)
