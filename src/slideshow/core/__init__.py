"""The core room: navigation and edge policy, the autoplay state machine, keys -> actions.

Pure Python: nothing here imports Qt or Pillow, so the rules are tested with a fake clock and plain
key names, and the window stays a thin adapter around them.
"""

from slideshow.core.keymap import KEY_TABLE, KIOSK_EXIT_KEY, Action, Binding, Command, KeyInterpreter
from slideshow.core.player import Blank, Player, PlayState

__all__ = [
    "KEY_TABLE",
    "KIOSK_EXIT_KEY",
    "Action",
    "Binding",
    "Blank",
    "Command",
    "KeyInterpreter",
    "PlayState",
    "Player",
]
