"""Kiosk opening hours: is the screen on at a given local time, and when does that next change?

Pure: times come in as naive local ``datetime`` values, so the rules are tested with plain dates and the
kiosk's QTimer only asks :meth:`Schedule.next_change` how long to sleep (and re-asks at least every
minute, so a clock change or a daylight-saving jump corrects itself).

A window ``{"days": ["fri"], "from": "22:00", "to": "02:00"}`` opens on Friday at 22:00 and closes on
Saturday at 02:00: ``days`` names the day a window opens, and ``to`` before ``from`` runs past midnight.
``from`` equal to ``to`` is a whole day from that time. Overlapping windows simply merge. No windows
at all means always on. The loader reads the windows into :class:`OpeningWindow` values; here they are
only laid out over the week.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from slideshow.deck.model import MINUTES_PER_DAY, OpeningWindow

__all__ = ["OpeningWindow", "Schedule"]

MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY


def _intervals(window: OpeningWindow) -> Iterable[tuple[int, int]]:
    """Minute-of-week intervals [begin, end); ``end`` may pass the end of the week (it wraps)."""
    for day in sorted(window.days):
        begin = day * MINUTES_PER_DAY + window.start
        yield begin, begin + window.length


class Schedule:
    """The union of opening windows over a week."""

    def __init__(self, windows: Iterable[OpeningWindow] = ()) -> None:
        self.windows = tuple(windows)
        self._intervals = [iv for window in self.windows for iv in _intervals(window)]

    @property
    def always_on(self) -> bool:
        return not self._intervals

    def _on_at_minute(self, minute: int) -> bool:
        minute %= MINUTES_PER_WEEK
        for begin, end in self._intervals:
            # An interval that runs past Sunday midnight also covers the start of the week.
            if begin <= minute < end or begin <= minute + MINUTES_PER_WEEK < end:
                return True
        return False

    @staticmethod
    def _minute_of_week(at: datetime) -> int:
        return at.weekday() * MINUTES_PER_DAY + at.hour * 60 + at.minute

    def is_on(self, at: datetime) -> bool:
        """Whether the screen should be on at local time ``at``."""
        return self.always_on or self._on_at_minute(self._minute_of_week(at))

    def next_change(self, at: datetime) -> datetime | None:
        """The first local time after ``at`` at which :meth:`is_on` changes; None if it never does."""
        if self.always_on:
            return None
        now_minute = self._minute_of_week(at)
        state = self._on_at_minute(now_minute)
        boundaries = sorted(
            {(edge - now_minute) % MINUTES_PER_WEEK for iv in self._intervals for edge in iv} - {0}
        )
        for ahead in boundaries:
            if self._on_at_minute(now_minute + ahead) != state:
                return at.replace(second=0, microsecond=0) + timedelta(minutes=ahead)
        return None  # every boundary is inside a merged always-on stretch (e.g. all week open)
