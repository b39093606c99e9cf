"""A single-shot timer for a deadline on the monotonic clock, however far away the deadline is."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

# QTimer takes at most 2**31 - 1 ms, but near that limit Qt 6.9 overflows counting the time left;
# parts of a day each stay far below it.
LONGEST_TIMER_MS = 86_400_000


class DeadlineTimer(QObject):
    """Calls ``due`` when the deadline last armed has come (autoplay's next slide).

    QTimer takes a signed 32-bit count of milliseconds (about 24.8 days); a longer wait is armed in parts,
    each ending in ``due``, which therefore acts only once the deadline has really passed and arms the
    timer again (the player's ``tick`` and ``deadline`` do just that).
    """

    def __init__(self, due: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(due)

    def arm(self, deadline: float | None) -> None:
        """``due`` at ``deadline`` (a ``time.monotonic()`` time), or never for None."""
        if deadline is None:
            self._timer.stop()
            return
        wait_ms = max(0, round((deadline - time.monotonic()) * 1000))
        self._timer.start(min(wait_ms, LONGEST_TIMER_MS))
