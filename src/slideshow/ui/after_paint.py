"""Work that must wait until a window's next frame is on its way to the screen.

Qt paints a widget from a low-priority event, after every queued call, so work queued from a key
handler with a zero timer runs before the frame that shows the key's result. What a key press sets off
besides its picture (the neighbours' layouts, saving the slide) goes here instead.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

LATEST_MS = 100  # a window that is not exposed may not paint: the work waits no longer than this


class AfterPaint(QObject):
    """The work waiting for ``window``'s next paint; the window calls :meth:`painted` from its paintEvent."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._work: list[Callable[[], None]] = []
        self._now = QTimer(self, singleShot=True, interval=0)  # a zero timer started by a paint runs
        self._now.timeout.connect(self._run)  # after the frame has been flushed
        self._latest = QTimer(self, singleShot=True, interval=LATEST_MS)
        self._latest.timeout.connect(self._run)

    def add(self, work: Callable[[], None]) -> None:
        """Runs ``work`` once the next frame has been painted (soon, if no frame is coming)."""
        self._work.append(work)
        if not self._window.isVisible():
            self._now.start()
        elif not self._latest.isActive():
            self._latest.start()

    def painted(self) -> None:
        if self._work:
            self._now.start()

    def _run(self) -> None:
        self._now.stop()
        self._latest.stop()
        work, self._work = self._work, []
        for item in work:
            item()
