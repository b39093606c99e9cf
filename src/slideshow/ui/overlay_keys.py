"""The help card and the overview grid of one window: while open, they have the first say over its keys."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect

from slideshow.core.keymap import KEY_TABLE, Action
from slideshow.ui.overview import OverviewGrid

# Keys that only close the help card; any other key closes it and then does its usual job.
HELP_CLOSE_KEYS = frozenset(
    {"Escape", *(key for binding in KEY_TABLE if binding.action is Action.HELP for key in binding.keys)}
)


class Overlays:
    def __init__(
        self,
        make_overview: Callable[[], OverviewGrid] | None,
        repaint: Callable[[], None],
        overview_area: Callable[[], QRect] | None = None,
    ) -> None:
        """``make_overview`` builds the grid the first time it is wanted: a child widget made with the
        window costs about 6 ms on the way to the first photo. ``overview_area`` is where the overview
        opens, if not over the whole window."""
        self._make_overview = make_overview
        self._overview: OverviewGrid | None = None
        self.help = False
        self._repaint = repaint
        self._overview_area = overview_area

    @property
    def overview(self) -> OverviewGrid | None:
        """The overview grid, built now if it has not been yet; None for a window without one."""
        if self._overview is None and self._make_overview is not None:
            self._overview = self._make_overview()
        return self._overview

    @property
    def open_overview(self) -> OverviewGrid | None:
        """The overview grid while it is open, without building one that never was."""
        overview = self._overview
        return overview if overview is not None and overview.isVisible() else None

    def take(self, name: str) -> bool:
        """Gives a key (or click) to the open overlay first; True when the overlay used it up.

        The overview keeps every key while open. The help card closes on any key, so a presenter who
        presses Next is never left talking over the card; its own keys and Esc do nothing else.
        """
        if (overview := self.open_overview) is not None:
            overview.handle_key(name)
            return True
        if self.help:
            self.help = False
            self._repaint()
            return name in HELP_CLOSE_KEYS
        return False

    def carry_out(self, action: Action, current_index: int) -> bool:
        """Opens help or the overview; returns False for any other action."""
        if action is Action.HELP:
            self.help = not self.help
        elif action is Action.OVERVIEW and (overview := self.overview) is not None:
            self.help = False
            overview.open(current_index, self._overview_area() if self._overview_area else None)
        else:
            return False
        self._repaint()
        return True
