"""The presenter's elapsed-time clock: it can be paused and reset without touching the show."""

from __future__ import annotations


class Stopwatch:
    """Seconds since the talk began, with an explicit clock so tests use plain numbers."""

    def __init__(self, now: float) -> None:
        self._started = now
        self._paused_at: float | None = None

    @property
    def running(self) -> bool:
        return self._paused_at is None

    def elapsed(self, now: float) -> float:
        end = self._paused_at if self._paused_at is not None else now
        return max(0.0, end - self._started)

    def toggle(self, now: float) -> bool:
        """Pauses or resumes; returns True when running afterwards."""
        if self._paused_at is None:
            self._paused_at = now
        else:
            self._started += now - self._paused_at
            self._paused_at = None
        return self.running

    def reset(self, now: float) -> None:
        """Back to zero, keeping whether it runs."""
        self._started = now
        if self._paused_at is not None:
            self._paused_at = now


def clock_text(seconds: float) -> str:
    """ "4:05" under an hour, "1:02:03" past it: what a presenter reads at a glance."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
