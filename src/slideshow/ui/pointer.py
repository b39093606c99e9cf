"""The pointer on the audience window: clicks and the wheel step through the show, and in full screen
the pointer hides after two idle seconds; what counts as a dropped deck.

An event filter rather than the window's own handlers, so a kiosk, which takes no pointer input at all,
simply does not install it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QWidget

from slideshow.core.keymap import Action, Command
from slideshow.ui.controller import ShowController

CURSOR_IDLE_MS = 2000


class PointerInput(QObject):
    def __init__(
        self,
        window: QWidget,
        controller: ShowController,
        *,
        before_step: Callable[[], None],
    ) -> None:
        """``before_step`` runs before a click or wheel turn moves the show (the window ends a
        transition)."""
        super().__init__(window)
        self._window = window
        self._controller = controller
        self._before_step = before_step
        self._cursor_timer = QTimer(self)
        self._cursor_timer.setSingleShot(True)
        self._cursor_timer.setInterval(CURSOR_IDLE_MS)
        self._cursor_timer.timeout.connect(self._hide_idle_cursor)
        window.setMouseTracking(True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind == QEvent.Type.MouseMove:
            self._window.unsetCursor()
            self._cursor_timer.start()
        elif kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            # A click goes forward, a right click back, as in every presentation program.
            if event.button() == Qt.MouseButton.LeftButton:
                self._step(Action.NEXT)
            elif event.button() == Qt.MouseButton.RightButton:
                self._step(Action.PREVIOUS)
        elif kind == QEvent.Type.Wheel and isinstance(event, QWheelEvent) and event.angleDelta().y() != 0:
            self._step(Action.NEXT if event.angleDelta().y() < 0 else Action.PREVIOUS)
        return False

    def _step(self, action: Action) -> None:
        self._before_step()
        self._controller.perform(Command(action))

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
