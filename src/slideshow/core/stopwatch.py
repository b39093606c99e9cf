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


WARNING_SHARE = 0.1  # the countdown turns to a warning colour in the last tenth of the target


class TalkTimers:
    """The presenter's clocks: the talk's elapsed time, the time on the current slide and, with a target
    length, the time left. T pauses and R resets them all together, as one stopwatch on the lectern."""

    def __init__(self, now: float, target_seconds: float | None = None) -> None:
        self.talk = Stopwatch(now)
        self.slide = Stopwatch(now)
        self.target_seconds = target_seconds

    @property
    def running(self) -> bool:
        return self.talk.running

    def toggle(self, now: float) -> bool:
        self.slide.toggle(now)
        return self.talk.toggle(now)

    def reset(self, now: float) -> None:
        self.talk.reset(now)
        self.slide.reset(now)

    def new_slide(self, now: float) -> None:
        """Another slide is up: its own time starts from zero."""
        self.slide.reset(now)

    def left(self, now: float) -> float | None:
        """Seconds until the target, negative once it has passed; None without a target."""
        if self.target_seconds is None:
            return None
        return self.target_seconds - self.talk.elapsed(now)

    def nearly_over(self, now: float) -> bool:
        """In the last tenth of the target time (or past it)."""
        left = self.left(now)
        return (
            left is not None
            and self.target_seconds is not None
            and left <= self.target_seconds * WARNING_SHARE
        )


def countdown_text(seconds_left: float) -> str:
    """ "7:26" while time is left, "+1:20" once the target has passed: the overrun, as a presenter counts."""
    if seconds_left >= 0:
        return clock_text(seconds_left + 0.999)  # 0:01 until the last second has gone, then 0:00 / +0:00
    return "+" + clock_text(-seconds_left)
