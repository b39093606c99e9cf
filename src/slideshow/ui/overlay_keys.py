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
        overview: OverviewGrid | None,
        repaint: Callable[[], None],
        overview_area: Callable[[], QRect] | None = None,
    ) -> None:
        """``overview_area`` is where the overview opens, if not over the whole window."""
        self.overview = overview
        self.help = False
        self._repaint = repaint
        self._overview_area = overview_area

    def take(self, name: str) -> bool:
        """Gives a key (or click) to the open overlay first; True when the overlay used it up.

        The overview keeps every key while open. The help card closes on any key, so a presenter who
        presses Next is never left talking over the card; its own keys and Esc do nothing else.
        """
        if self.overview is not None and self.overview.isVisible():
            self.overview.handle_key(name)
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
        elif action is Action.OVERVIEW and self.overview is not None:
            self.help = False
            self.overview.open(current_index, self._overview_area() if self._overview_area else None)
        else:
            return False
        self._repaint()
        return True
