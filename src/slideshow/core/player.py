"""The show's state machine: which slide is up, autoplay timing, and the black/white screen.

Time is passed in (``now``: monotonic seconds) instead of read from a clock, so the rules are tested
with plain numbers and the window's QTimer is a thin adapter: it calls :meth:`Player.tick` at
:meth:`Player.deadline` and :meth:`Player.shown` when a picture is really on screen.

A slide's autoplay clock runs only while all three hold: the state is PLAYING, the screen is not
blanked, and the slide has been shown. Time spent decoding a big photo, or behind a black screen,
is not taken from the audience.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from enum import Enum

__all__ = ["Blank", "PlayState", "Player"]


class PlayState(Enum):
    """Autoplay mode. STOPPED: not started, or a show without loop reached its end."""

    STOPPED = "stopped"
    PLAYING = "playing"
    PAUSED = "paused"


class Blank(Enum):
    """What covers the slide: nothing, a black or white screen, or the black "End of show" screen."""

    NONE = "none"
    BLACK = "black"
    WHITE = "white"
    END = "end"


def _checked(durations: Sequence[float]) -> tuple[float, ...]:
    """Durations as floats; an empty deck or a non-positive time is a programming error upstream."""
    values = tuple(float(d) for d in durations)
    if not values:
        raise ValueError("a show needs at least one slide")
    for i, value in enumerate(values):
        if not (value > 0 and math.isfinite(value)):
            raise ValueError(f"duration of slide {i} must be a finite number > 0, not {value!r}")
    return values


class Player:
    """Index, edge policy and autoplay of one show.

    ``durations[i]`` is how long slide ``i`` stays up in autoplay (already resolved from the slide's
    ``duration`` or the deck's ``interval``). Manual navigation clamps at both ends; only autoplay
    wraps, and only with ``loop``.
    """

    def __init__(
        self,
        durations: Sequence[float],
        *,
        loop: bool = True,
        autoplay: bool = False,
        start: int = 0,
        end_screen: bool = False,
    ) -> None:
        """``end_screen``: next on the last slide of a show without loop shows the end-of-show screen
        (a presenter's show; a kiosk stays on its last slide)."""
        self._durations = _checked(durations)
        self.loop = loop
        self._end_screen = end_screen
        self._index = min(max(start, 0), len(self._durations) - 1)
        self._state = PlayState.PLAYING if autoplay else PlayState.STOPPED
        self._blank = Blank.NONE
        self._shown = False  # is the current slide's picture on screen yet?
        self._elapsed = 0.0  # seconds counted on this slide before the running stretch
        self._running_since: float | None = None  # start of the running stretch, None when held

    # -- read-only state -------------------------------------------------------------------------

    @property
    def index(self) -> int:
        """0-based index of the current slide."""
        return self._index

    @property
    def count(self) -> int:
        return len(self._durations)

    @property
    def state(self) -> PlayState:
        return self._state

    @property
    def blank(self) -> Blank:
        return self._blank

    @property
    def duration(self) -> float:
        """Autoplay seconds of the current slide."""
        return self._durations[self._index]

    @property
    def is_shown(self) -> bool:
        """Whether :meth:`shown` was called for the current slide (the clock may count)."""
        return self._shown

    # -- navigation ------------------------------------------------------------------------------

    def next(self, now: float) -> bool:
        """One slide on; at the last slide stay there (a clicker pressed twice must not wrap).

        While blanked it only ends the blank: the presenter's "next" brings the room back to the
        slide they were talking about instead of skipping one nobody saw. On the last slide of a show
        without loop it shows the end-of-show screen (as PowerPoint does), and there it does nothing.
        """
        if self._blank is Blank.END:
            return False
        if self._end_blank(now):
            return False
        if self._index == self.count - 1 and self._end_screen and not self.loop:
            self._hold(now)
            self._blank = Blank.END
            return False
        return self._move_to(min(self._index + 1, self.count - 1), now)

    def previous(self, now: float) -> bool:
        """One slide back, staying at the first; while blanked only ends the blank (as :meth:`next`), so
        from the end-of-show screen it returns to the last slide."""
        if self._end_blank(now):
            return False
        return self._move_to(max(self._index - 1, 0), now)

    def first(self, now: float) -> bool:
        """Go to slide 0; ends a blank too, since the presenter clearly wants to show something."""
        self._end_blank(now)
        return self._move_to(0, now)

    def last(self, now: float) -> bool:
        """Go to the last slide; ends a blank too."""
        self._end_blank(now)
        return self._move_to(self.count - 1, now)

    def go(self, index: int, now: float) -> bool:
        """Go to a 0-based index; ends a blank too.

        Out of range changes nothing at all (not even the blank) and returns False: the caller says
        "no slide N", and a typo must not disturb the show. Use ``0 <= i < count`` to tell that apart
        from "already there", which also returns False but restarts the slide's time.
        """
        if not 0 <= index < self.count:
            return False
        self._end_blank(now)
        return self._move_to(index, now)

    # -- autoplay --------------------------------------------------------------------------------

    def toggle_autoplay(self, now: float) -> PlayState:
        """PLAYING -> PAUSED, STOPPED/PAUSED -> PLAYING; returns the new state.

        Pausing keeps the time already spent, so resuming gives the slide only what it had left.
        Starting from STOPPED (never started, or the end of a show without loop) gives the current
        slide its full time again: a stop is not a pause.
        """
        if self._state is PlayState.PLAYING:
            self._hold(now)
            self._state = PlayState.PAUSED
        else:
            if self._state is PlayState.STOPPED:
                self._elapsed = 0.0
            self._state = PlayState.PLAYING
            self._run(now)
        return self._state

    def shown(self, now: float, *, index: int | None = None) -> None:
        """The current slide's picture is on screen: its autoplay time counts from here.

        Counting from here rather than from the key press means a slow decode does not eat into
        the slide's time. A second call for the same slide is ignored (a repaint or a re-decode
        after a resize must not stretch it). Pass ``index`` to drop a late call for a slide the
        user already left.
        """
        if (index is not None and index != self._index) or self._shown:
            return
        self._shown = True
        self._elapsed = 0.0
        self._run(now)

    def deadline(self) -> float | None:
        """Absolute time the current slide should advance; None while the clock is held.

        Held means: not PLAYING, blanked, or the slide not yet shown.
        """
        if self._running_since is None:
            return None
        return self._running_since + self.duration - self._elapsed

    def tick(self, now: float) -> bool:
        """Advance if the deadline has passed; returns True if the index changed.

        After the last slide the show wraps to slide 0 with ``loop``, otherwise the state becomes
        STOPPED and the last slide stays up (an ending, not a black screen). The next slide's time
        waits for :meth:`shown` again.
        """
        due = self.deadline()
        if due is None or now < due:
            return False
        if self._index < self.count - 1:
            return self._move_to(self._index + 1, now)
        if self.loop:
            return self._move_to(0, now)
        self._state = PlayState.STOPPED
        self._elapsed = 0.0
        self._running_since = None
        return False

    def time_left(self, now: float) -> float | None:
        """Seconds until the slide advances, never negative.

        None when not PLAYING or blanked; the full duration while the slide waits to be shown.
        """
        counted = self._counted(now)
        if counted is None:
            return None
        return max(0.0, self.duration - counted)

    def progress(self, now: float) -> float | None:
        """Fraction 0..1 of the current slide's time, for a thin progress line.

        None when not PLAYING or blanked (no line), 0.0 while waiting to be shown (so the line does
        not flicker away on every slide change).
        """
        counted = self._counted(now)
        if counted is None:
            return None
        return min(1.0, max(0.0, counted / self.duration))

    # -- blank screen ----------------------------------------------------------------------------

    def toggle_blank(self, kind: Blank, now: float) -> Blank:
        """Toggle a black or white screen; returns the new blank.

        The same kind again ends it; the other kind switches over (B then W gives white, the room
        is still covered). ``Blank.NONE`` just ends any blank. While blanked the autoplay clock is
        held: an unattended show must not run on behind a black screen. When the blank ends the
        slide's time restarts, because the audience looked away from it.
        """
        if kind is Blank.NONE or kind is self._blank:
            self._end_blank(now)
        else:
            if self._blank is Blank.NONE:
                self._hold(now)
            self._blank = kind
        return self._blank

    # -- internals -------------------------------------------------------------------------------

    def _counted(self, now: float) -> float | None:
        """Seconds counted on this slide, or None when there is no autoplay clock to show."""
        if self._state is not PlayState.PLAYING or self._blank is not Blank.NONE:
            return None
        if self._running_since is None:
            return self._elapsed
        return self._elapsed + max(0.0, now - self._running_since)

    def _run(self, now: float) -> None:
        """Start the running stretch if every condition for counting holds."""
        if (
            self._running_since is None
            and self._shown
            and self._state is PlayState.PLAYING
            and self._blank is Blank.NONE
        ):
            self._running_since = now

    def _hold(self, now: float) -> None:
        """Stop counting, keeping the time spent so far."""
        if self._running_since is not None:
            self._elapsed += max(0.0, now - self._running_since)
            self._running_since = None

    def _restart(self, now: float) -> None:
        """The slide's time starts over (now if it is on screen, else when it is shown)."""
        self._elapsed = 0.0
        self._running_since = None
        self._run(now)

    def _end_blank(self, now: float) -> bool:
        """End a blank, if any, restarting the slide's time; True if there was one."""
        if self._blank is Blank.NONE:
            return False
        self._blank = Blank.NONE
        self._restart(now)
        return True

    def _move_to(self, index: int, now: float) -> bool:
        """Make ``index`` current and restart its time; True if the index changed.

        A new slide waits for :meth:`shown`. Staying on the same slide (next at the end, go to the
        current one) restarts its time at once: its picture is already up and the window has no
        reason to call :meth:`shown` again, so waiting would stall autoplay.
        """
        changed = index != self._index
        self._index = index
        if changed:
            self._shown = False
        self._restart(now)
        return changed
