"""The command line's progress bar for long jobs (``import`` and the exporters). No Qt here."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    """A one-line text bar on stderr, only on a terminal and only once a job has run for a moment.

    The jobs take a plain ``progress(done, total)`` callable; scripts and logs (no TTY) get no
    carriage-return noise.
    """

    def __init__(self, label: str, stream: TextIO | None = None, delay: float = 0.5, width: int = 30) -> None:
        self._label = label
        self._stream = stream if stream is not None else sys.stderr
        self._delay = delay
        self._width = width
        self._started = time.monotonic()
        self._shown = ""
        self._enabled = bool(getattr(self._stream, "isatty", lambda: False)())

    def __call__(self, done: int, total: int) -> None:
        if not self._enabled or time.monotonic() - self._started < self._delay or total <= 0:
            return
        filled = self._width * done // total
        line = f"\r{self._label} [{'#' * filled}{'.' * (self._width - filled)}] {done}/{total}"
        if line != self._shown:
            self._stream.write(line)
            self._stream.flush()
            self._shown = line

    def close(self) -> None:
        """Erases the bar so the summary line that follows starts clean."""
        if self._shown:
            self._stream.write("\r" + " " * (len(self._shown) - 1) + "\r")
            self._stream.flush()
            self._shown = ""
