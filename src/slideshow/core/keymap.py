"""Keys are data: the one key table, and the interpreter that turns key presses into commands.

The window only names the key it received (``"Ctrl+Q"``, ``"PageDown"``, ``"."``) and hands it to
:class:`KeyInterpreter`; the table below is also what the help overlay and the README show, so what
the user reads and what the program does cannot drift apart.

Key names: modifiers as prefixes in the order ``Ctrl+``, ``Alt+``, ``Shift+`` (Shift only together
with Ctrl or Alt), then the key: ``Right Left Up Down PageUp PageDown Home End Space Enter Backspace
Escape Tab F1``...``F12``, letters ``A``...``Z``, digits ``0``...``9``, punctuation as itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

__all__ = [
    "DIGIT_KEYS",
    "KEY_TABLE",
    "KIOSK_EXIT_KEY",
    "MAX_DIGITS",
    "MOUSE_TABLE",
    "PAN_KEYS",
    "Action",
    "Binding",
    "Command",
    "KeyInterpreter",
    "normalize_key",
]


class Action(Enum):
    """What a key asks for; the window decides how to carry it out."""

    NEXT = "next"
    PREVIOUS = "previous"
    FIRST = "first"
    LAST = "last"
    JUMP = "jump"
    FULLSCREEN_ON = "fullscreen_on"
    FULLSCREEN_OFF = "fullscreen_off"
    TOGGLE_AUTOPLAY = "toggle_autoplay"
    BLACK = "black"
    WHITE = "white"
    OVERVIEW = "overview"
    HELP = "help"
    BIGGER = "bigger"
    SMALLER = "smaller"
    NOTES_UP = "notes_up"
    NOTES_DOWN = "notes_down"
    SWAP_SCREENS = "swap_screens"
    LASER = "laser"
    CAPTION_RESET = "caption_reset"
    TOGGLE_CAPTIONS = "toggle_captions"
    TIMER_PAUSE = "timer_pause"
    TIMER_RESET = "timer_reset"
    QUIT = "quit"
    KIOSK_EXIT = "kiosk_exit"
    ZOOM = "zoom"
    PAN = "pan"


@dataclass(frozen=True)
class Binding:
    """One row of the key table: an action, the keys that trigger it, and how to describe it."""

    action: Action
    keys: tuple[str, ...]
    label: str

    def joined_keys(self, separator: str = ", ") -> str:
        """The keys joined by ``separator``: the help card spaces them wider than plain text does."""
        return separator.join(self.keys)


@dataclass(frozen=True)
class Command:
    """The result of a key press; ``number`` is the 1-based slide number of a JUMP."""

    action: Action
    number: int | None = None
    key: str | None = field(default=None, compare=False)  # the key that gave it: PAN's direction


DIGIT_KEYS = "0123456789"
"""Keys that build a slide number for "type the number, then Enter"."""

MAX_DIGITS = 6
"""Longest slide number kept; more digits are ignored so a stuck key cannot grow the buffer forever."""

KIOSK_EXIT_KEY = "Ctrl+Shift+Q"
"""The only chord a kiosk listens to: three keys at once are not pressed by accident."""

PAN_KEYS = ("Shift+Left", "Shift+Right", "Shift+Up", "Shift+Down")
"""Pan a zoomed photo; the arrows alone still change slides."""

KEY_TABLE: tuple[Binding, ...] = (
    Binding(Action.NEXT, ("Right", "Down", "PageDown", "Space", "Enter", "N"), "next slide"),
    Binding(Action.PREVIOUS, ("Left", "Up", "PageUp", "Backspace", "P"), "previous slide"),
    Binding(Action.FIRST, ("Home",), "first slide"),
    Binding(Action.LAST, ("End",), "last slide"),
    Binding(Action.JUMP, ("0-9", "Enter"), "jump to slide: type the number, then Enter"),
    Binding(Action.FULLSCREEN_ON, ("F", "F11", "F5"), "full screen on"),
    Binding(Action.FULLSCREEN_OFF, ("Escape",), "full screen off"),
    Binding(Action.TOGGLE_AUTOPLAY, ("A",), "autoplay pause / resume"),
    Binding(Action.BLACK, ("B", "."), "black screen (toggle)"),
    Binding(Action.WHITE, ("W", ","), "white screen (toggle)"),
    Binding(Action.OVERVIEW, ("O", "Tab"), "overview of all slides"),
    Binding(Action.HELP, ("?", "F1"), "help"),
    Binding(Action.ZOOM, ("Z",), "zoom to 100 % at the pointer / whole photo"),
    Binding(Action.PAN, PAN_KEYS, "move the zoomed photo"),
    Binding(Action.BIGGER, ("+", "="), "bigger captions (notes, in the presenter console)"),
    Binding(Action.SMALLER, ("-",), "smaller captions (notes, in the presenter console)"),
    Binding(Action.CAPTION_RESET, ("Ctrl+0",), "captions at 100 % (notes, in the presenter console)"),
    Binding(Action.TOGGLE_CAPTIONS, ("C",), "hide / show the captions on the audience screen"),
    Binding(Action.NOTES_UP, ("U",), "scroll the notes up (console)"),
    Binding(Action.NOTES_DOWN, ("D",), "scroll the notes down (console)"),
    Binding(Action.SWAP_SCREENS, ("S",), "swap the audience and console screens"),
    Binding(Action.LASER, ("L",), "laser pointer on / off"),
    Binding(Action.TIMER_PAUSE, ("T",), "presenter timers pause / resume"),
    Binding(Action.TIMER_RESET, ("R",), "presenter timers reset"),
    Binding(Action.QUIT, ("Q", "Ctrl+Q"), "quit"),
    Binding(Action.KIOSK_EXIT, (KIOSK_EXIT_KEY,), "leave kiosk mode"),
)
"""THE key table. The JUMP row is documentation (digits and Enter are handled by the digit buffer);
the KIOSK_EXIT chord means QUIT outside kiosk mode, so the same hands work on every screen."""

MOUSE_TABLE: tuple[Binding, ...] = (
    Binding(Action.NEXT, ("Click", "Wheel down"), "next slide"),
    Binding(Action.PREVIOUS, ("Right click", "Wheel up"), "previous slide"),
    Binding(Action.NOTES_DOWN, ("Wheel over the notes",), "scroll the notes (console)"),
    Binding(Action.LASER, ("Move over the slide",), "point with the laser (after L)"),
    Binding(Action.ZOOM, ("Ctrl + wheel", "Pinch"), "zoom around the pointer, up to 400 %"),
    Binding(Action.PAN, ("Drag",), "move the zoomed photo"),
)
"""The mouse, named like keys: clicks and the wheel go through :class:`KeyInterpreter` as keys do (so a
click also clears a half-typed number), and the help card lists these rows too. The last two rows are
documentation: the console scrolls its notes and the windows move the laser dot and zoom themselves."""


def normalize_key(key: str) -> str:
    """Upper-case a single-letter key (``"Ctrl+q"`` -> ``"Ctrl+Q"``) so a sloppy caller still matches."""
    head, plus, last = key.rpartition("+")
    if not last:  # the key was "+" itself, or ended in "+"
        return key
    if len(last) == 1 and last.isalpha():
        last = last.upper()
    return f"{head}{plus}{last}"


_POINTER_ONLY = frozenset({Action.LASER, Action.NOTES_DOWN, Action.ZOOM, Action.PAN})
"""Mouse rows that are explained, not pressed: the windows scroll the notes, move the laser, zoom."""


def _build_lookup(kiosk: bool) -> dict[str, Action]:
    """Key name -> action for one mode, derived from the tables so they stay the only source."""
    lookup: dict[str, Action] = {}
    mouse = [binding for binding in MOUSE_TABLE if binding.action not in _POINTER_ONLY]
    for binding in (*KEY_TABLE, *mouse):
        if binding.action is Action.JUMP:
            continue  # the digit buffer handles it
        if kiosk:
            if binding.action is Action.KIOSK_EXIT:
                lookup.update(dict.fromkeys(binding.keys, Action.KIOSK_EXIT))
            continue
        action = Action.QUIT if binding.action is Action.KIOSK_EXIT else binding.action
        for key in binding.keys:
            lookup.setdefault(key, action)
    return lookup


_NORMAL_LOOKUP = _build_lookup(kiosk=False)
_KIOSK_LOOKUP = _build_lookup(kiosk=True)


class KeyInterpreter:
    """Turns key names into :class:`Command` s, holding the digits of a slide number being typed.

    Rules for the digit buffer (why: a presenter types "12 Enter" to answer a question about slide 12,
    and a slip must be easy to undo without side effects):

    - digits accumulate, up to :data:`MAX_DIGITS`; further digits are ignored;
    - ``Enter`` with digits pending gives ``Command(JUMP, n)``. The number is returned as typed, even
      ``0``: the caller knows the deck size and says "no slide 0" (``Player.go`` returns False);
    - ``Escape`` with digits pending only cancels the number (full screen stays on);
    - ``Backspace`` with digits pending deletes the last digit;
    - any other bound key clears the number and does its usual job;
    - unbound keys do nothing and leave the number alone.

    In kiosk mode every key but the exit chord is ignored, digits included: stray input must not
    stop, pause or move an unattended show.
    """

    def __init__(self, *, kiosk: bool = False) -> None:
        self._kiosk = kiosk
        self._lookup = _KIOSK_LOOKUP if kiosk else _NORMAL_LOOKUP
        self._digits = ""

    @property
    def kiosk(self) -> bool:
        return self._kiosk

    @property
    def pending_digits(self) -> str:
        """The slide number being typed ("" when none), for an on-screen "Go to 12"."""
        return self._digits

    def reset(self) -> None:
        """Forget a half-typed number, e.g. after a timeout or a mouse click in the window."""
        self._digits = ""

    def press(self, key: str) -> Command | None:
        """The command for one key press, or None when the key does nothing (yet)."""
        key = normalize_key(key)
        if self._kiosk:
            action = self._lookup.get(key)
            return Command(action) if action is not None else None
        if len(key) == 1 and key in DIGIT_KEYS:
            if len(self._digits) < MAX_DIGITS:
                self._digits += key
            return None
        if self._digits:
            if key == "Enter":
                number = int(self._digits)
                self._digits = ""
                return Command(Action.JUMP, number)
            if key == "Escape":
                self._digits = ""
                return None
            if key == "Backspace":
                self._digits = self._digits[:-1]
                return None
        action = self._lookup.get(key)
        if action is None:
            return None
        self._digits = ""
        return Command(action, key=key)
