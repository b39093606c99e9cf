"""The help card and the overview grid of one window: while open, they take that window's keys."""

from __future__ import annotations

from collections.abc import Callable

from slideshow.core.keymap import KEY_TABLE, Action
from slideshow.ui.overview import OverviewGrid

# The help card closes with its own keys or Escape; every other key still drives the show.
HELP_CLOSE_KEYS = frozenset(
    {"Escape", *(key for binding in KEY_TABLE if binding.action is Action.HELP for key in binding.keys)}
)


class Overlays:
    def __init__(self, overview: OverviewGrid | None, repaint: Callable[[], None]) -> None:
        self.overview = overview
        self.help = False
        self._repaint = repaint

    def route(self, name: str, press: Callable[[str], object]) -> None:
        """Gives the key to the open overlay, or else to ``press`` (the show's key handler)."""
        if self.overview is not None and self.overview.isVisible():
            self.overview.handle_key(name)
        elif self.help and name in HELP_CLOSE_KEYS:
            self.help = False
            self._repaint()
        else:
            press(name)

    def carry_out(self, action: Action, current_index: int) -> bool:
        """Opens help or the overview; returns False for any other action."""
        if action is Action.HELP:
            self.help = not self.help
        elif action is Action.OVERVIEW and self.overview is not None:
            self.help = False
            self.overview.open(current_index)
        else:
            return False
        self._repaint()
        return True
