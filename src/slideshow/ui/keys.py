"""Turns Qt key events into the key names of the one key table in ``slideshow.core.keymap``."""

from __future__ import annotations

from PySide6.QtCore import Qt

_NAMED: dict[int, str] = {
    Qt.Key.Key_Right: "Right",
    Qt.Key.Key_Left: "Left",
    Qt.Key.Key_Up: "Up",
    Qt.Key.Key_Down: "Down",
    Qt.Key.Key_PageUp: "PageUp",
    Qt.Key.Key_PageDown: "PageDown",
    Qt.Key.Key_Home: "Home",
    Qt.Key.Key_End: "End",
    Qt.Key.Key_Space: "Space",
    Qt.Key.Key_Return: "Enter",
    Qt.Key.Key_Enter: "Enter",
    Qt.Key.Key_Backspace: "Backspace",
    Qt.Key.Key_Escape: "Escape",
    Qt.Key.Key_Tab: "Tab",
    Qt.Key.Key_Backtab: "Tab",
    **{getattr(Qt.Key, f"Key_F{n}"): f"F{n}" for n in range(1, 13)},
}


_ARROWS = frozenset({Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down})


def key_name(key: int, modifiers: Qt.KeyboardModifier) -> str | None:
    """``Ctrl+Shift+Q``, ``Right``, ``Shift+Left``, ``?``: Shift is named only beside Ctrl or Alt, or
    on an arrow (it pans a zoomed photo), since it is how a layout reaches '?' and must not change what
    that key means."""
    base = _NAMED.get(key)
    if base is None:
        if 0x20 < key < 0x7F:
            base = chr(key).upper()
        else:
            return None
    ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
    alt = bool(modifiers & Qt.KeyboardModifier.AltModifier)
    shift = bool(modifiers & Qt.KeyboardModifier.ShiftModifier) and (ctrl or alt or key in _ARROWS)
    prefix = ("Ctrl+" if ctrl else "") + ("Alt+" if alt else "") + ("Shift+" if shift else "")
    return prefix + base
