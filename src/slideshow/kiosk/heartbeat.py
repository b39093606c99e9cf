"""The viewer's sign of life: a counter it rewrites in a small file, and the supervisor's watch on it.

The viewer beats from a QTimer on its GUI thread, so a frozen GUI thread (a hang, or SIGSTOP) stops the
beats. The watcher compares the file's content, not its time stamp, and reads time from a clock it is
given (monotonic by default), so clock changes on the machine and coarse file-system times do not matter.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from slideshow.deck.opening import RefusedFile, open_regular
from slideshow.filekind import open_to_write

BEAT_SECONDS = 0.5
STALE_SECONDS = 2.0
STARTUP_GRACE_SECONDS = 20.0  # Python, Qt and the first decode on a slow machine, before the first beat


def create_heartbeat(path: Path) -> None:
    """The supervisor makes the (empty) file before it starts the viewer, so it knows the viewer can write
    it; raises OSError when the folder cannot be written, or a pipe or device is in the file's place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(open_to_write(path, os.O_TRUNC))


class HeartbeatWriter:
    """Used by the viewer: each :meth:`beat` writes the next number into ``path`` (OSError at once when
    ``path`` is a pipe or a device: never a wait for a reader)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._count = 0
        self._fd = open_to_write(path)

    def beat(self) -> None:
        self._count += 1
        data = f"{self._count:012d}\n".encode()
        if hasattr(os, "pwrite"):
            os.pwrite(self._fd, data, 0)
        else:  # Windows
            os.lseek(self._fd, 0, os.SEEK_SET)
            os.write(self._fd, data)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


class HeartbeatMonitor:
    """Used by the supervisor: is the viewer's counter still moving?"""

    def __init__(
        self,
        path: Path,
        *,
        stale_after: float = STALE_SECONDS,
        startup_grace: float = STARTUP_GRACE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.path = path
        self.stale_after = stale_after
        self.startup_grace = startup_grace
        self._clock = clock
        self._started = clock()
        self._last: bytes | None = None
        self._last_change: float | None = None

    def _read(self) -> bytes | None:
        """The counter, or None when there is none to read (a pipe in its place reads as silence)."""
        try:
            with open_regular(self.path) as f:
                return f.read(64)
        except (OSError, RefusedFile):
            return None

    def poll(self) -> None:
        content = self._read()
        if content and content != self._last:
            self._last = content
            self._last_change = self._clock()

    @property
    def has_beaten(self) -> bool:
        return self._last_change is not None

    def silence(self) -> float:
        """Seconds since the last new beat (or since the start, before the first one)."""
        return self._clock() - (self._last_change if self._last_change is not None else self._started)

    def is_stale(self) -> bool:
        """No new beat for ``stale_after`` seconds; before the first beat the start-up grace applies."""
        self.poll()
        limit = self.stale_after if self.has_beaten else self.startup_grace
        return self.silence() > limit
