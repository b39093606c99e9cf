"""The pointer on the audience window: clicks and the wheel go the way keys go, the laser dot follows the
pointer, and in full screen the pointer hides after two idle seconds (at once while the laser is on);
what counts as a dropped deck.

An event filter rather than the window's own handlers, so a kiosk, which takes no pointer input at all,
simply does not install it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QWidget

from slideshow.ui.controller import ShowController

CURSOR_IDLE_MS = 2000
BUTTON_NAMES = {Qt.MouseButton.LeftButton: "Click", Qt.MouseButton.RightButton: "Right click"}


def wheel_name(event: QWheelEvent) -> str | None:
    """The wheel turn as the key table names it, or None for a sideways or zero turn."""
    turn = event.angleDelta().y()
    return None if turn == 0 else ("Wheel down" if turn < 0 else "Wheel up")


class PointerInput(QObject):
    def __init__(self, window: QWidget, controller: ShowController, press: Callable[[str], None]) -> None:
        """``press`` is the window's one way in for keys, which clicks and wheel turns take too."""
        super().__init__(window)
        self._window = window
        self._controller = controller
        self._press = press
        self._cursor_timer = QTimer(self)
        self._cursor_timer.setSingleShot(True)
        self._cursor_timer.setInterval(CURSOR_IDLE_MS)
        self._cursor_timer.timeout.connect(self._hide_idle_cursor)
        window.setMouseTracking(True)
        window.installEventFilter(self)
        controller.laser_changed.connect(self._follow_laser)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            if self._controller.laser_on:  # the dot is the pointer now; the arrow stays hidden
                width, height = max(self._window.width(), 1), max(self._window.height(), 1)
                self._controller.point_laser(event.position().x() / width, event.position().y() / height)
            else:
                self._window.unsetCursor()
                self._cursor_timer.start()
        elif kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            # A click goes forward, a right click back, as in every presentation program.
            if (name := BUTTON_NAMES.get(event.button())) is not None:
                self._press(name)
        elif kind == QEvent.Type.Wheel and isinstance(event, QWheelEvent) and (name := wheel_name(event)):
            self._press(name)
        return False

    def _follow_laser(self) -> None:
        if self._controller.laser_on:
            self._window.setCursor(Qt.CursorShape.BlankCursor)
        else:
            self._window.unsetCursor()
            self._cursor_timer.start()

    def _hide_idle_cursor(self) -> None:
        if self._window.isFullScreen():
            self._window.setCursor(Qt.CursorShape.BlankCursor)


def dropped_deck(event: QDragEnterEvent | QDropEvent) -> Path | None:
    """A single slides.json, or a folder holding one, among the dropped URLs."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    paths = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
    if len(paths) == 1 and (paths[0].suffix.lower() == ".json" or paths[0].is_dir()):
        return paths[0]
    return None
