"""Keys -> commands: every binding of the table, the digit buffer, and the kiosk filter. No Qt."""

from __future__ import annotations

import subprocess
import sys

import pytest

from slideshow.core.keymap import (
    KEY_TABLE,
    KIOSK_EXIT_KEY,
    MAX_DIGITS,
    MOUSE_TABLE,
    Action,
    Binding,
    Command,
    KeyInterpreter,
    normalize_key,
)

# The contract's key table, written out again on purpose: a change to KEY_TABLE must be a
# deliberate change here too.
CONTRACT_BINDINGS: list[tuple[str, Action]] = [
    *[(k, Action.NEXT) for k in ("Right", "Down", "PageDown", "Space", "Enter", "N")],
    *[(k, Action.PREVIOUS) for k in ("Left", "Up", "PageUp", "Backspace", "P")],
    ("Home", Action.FIRST),
    ("End", Action.LAST),
    *[(k, Action.FULLSCREEN_ON) for k in ("F", "F11", "F5")],
    ("Escape", Action.FULLSCREEN_OFF),
    ("A", Action.TOGGLE_AUTOPLAY),
    ("B", Action.BLACK),
    (".", Action.BLACK),
    ("W", Action.WHITE),
    (",", Action.WHITE),
    ("O", Action.OVERVIEW),
    ("Tab", Action.OVERVIEW),
    ("?", Action.HELP),
    ("F1", Action.HELP),
    ("U", Action.NOTES_UP),
    ("D", Action.NOTES_DOWN),
    ("S", Action.SWAP_SCREENS),
    ("L", Action.LASER),
    ("T", Action.TIMER_PAUSE),
    ("R", Action.TIMER_RESET),
    ("Q", Action.QUIT),
    ("Ctrl+Q", Action.QUIT),
    ("Ctrl+Shift+Q", Action.QUIT),
]


@pytest.mark.parametrize(("key", "action"), CONTRACT_BINDINGS)
def test_every_contract_key_gives_its_action(key: str, action: Action) -> None:
    assert KeyInterpreter().press(key) == Command(action)


@pytest.mark.parametrize("binding", KEY_TABLE, ids=lambda b: b.action.name)
def test_every_table_row_does_what_it_says(binding: Binding) -> None:
    """The table shown in the help overlay is the table the interpreter uses."""
    if binding.action is Action.JUMP:
        keys = KeyInterpreter()
        for digit in "0123456789":
            assert keys.press(digit) is None
        return
    for key in binding.keys:
        kiosk = binding.action is Action.KIOSK_EXIT
        command = KeyInterpreter(kiosk=kiosk).press(key)
        assert command == Command(binding.action), key


def test_table_covers_every_action_once_and_keys_do_not_clash() -> None:
    actions = [b.action for b in KEY_TABLE]
    assert sorted(actions, key=lambda a: a.name) == sorted(Action, key=lambda a: a.name)
    seen: dict[str, Action] = {}
    for binding in KEY_TABLE:
        assert binding.label
        for key in binding.keys:
            if binding.action is Action.JUMP:
                continue
            assert key not in seen, f"{key} bound to {seen.get(key)} and {binding.action}"
            seen[key] = binding.action


def test_clicks_and_the_wheel_go_through_the_interpreter_and_clear_a_typed_number() -> None:
    keys = KeyInterpreter()
    keys.press("1")
    keys.press("2")
    assert keys.press("Click") == Command(Action.NEXT)
    assert keys.pending_digits == ""
    assert keys.press("Right click") == Command(Action.PREVIOUS)
    assert keys.press("Wheel down") == Command(Action.NEXT)
    assert keys.press("Wheel up") == Command(Action.PREVIOUS)
    assert KeyInterpreter(kiosk=True).press("Click") is None  # a kiosk takes no pointer input


def test_mouse_rows_the_windows_handle_themselves_are_not_keys() -> None:
    """The help card lists the wheel over the notes and the laser's pointer; no key press means them."""
    for binding in MOUSE_TABLE:
        if binding.action in (Action.NOTES_DOWN, Action.LASER, Action.ZOOM, Action.PAN):
            assert all(KeyInterpreter().press(key) is None for key in binding.keys)


def test_jump_row_documents_typing_the_number() -> None:
    (jump,) = [b for b in KEY_TABLE if b.action is Action.JUMP]
    assert jump.keys == ("0-9", "Enter")
    assert jump.joined_keys() == "0-9, Enter"
    assert jump.joined_keys("  ·  ") == "0-9  ·  Enter"  # the help card's spacing


@pytest.mark.parametrize("key", ["X", "Y", "F12", "Alt+F4", "Ctrl+A", "Alt+Right", "Shift", "", "Ctrl+1"])
def test_unbound_keys_do_nothing(key: str) -> None:
    assert KeyInterpreter().press(key) is None


def test_lower_case_letters_are_accepted() -> None:
    assert KeyInterpreter().press("n") == Command(Action.NEXT)
    assert KeyInterpreter().press("ctrl+q") != Command(Action.QUIT)  # modifiers are spelled exactly
    assert KeyInterpreter().press("Ctrl+q") == Command(Action.QUIT)
    assert normalize_key(".") == "."
    assert normalize_key("+") == "+"
    assert normalize_key("Ctrl+Shift+q") == "Ctrl+Shift+Q"


# -- the digit buffer ------------------------------------------------------------------------------


def test_digits_then_enter_jump() -> None:
    keys = KeyInterpreter()
    assert keys.press("1") is None
    assert keys.pending_digits == "1"
    assert keys.press("2") is None
    assert keys.pending_digits == "12"
    assert keys.press("Enter") == Command(Action.JUMP, 12)
    assert keys.pending_digits == ""
    assert keys.press("Enter") == Command(Action.NEXT)  # buffer is gone: Enter is "next" again


def test_zero_is_returned_for_the_caller_to_judge() -> None:
    keys = KeyInterpreter()
    for key in "000":
        keys.press(key)
    assert keys.press("Enter") == Command(Action.JUMP, 0)


def test_leading_zeros_are_ignored_in_the_number() -> None:
    keys = KeyInterpreter()
    for key in "007":
        keys.press(key)
    assert keys.pending_digits == "007"
    assert keys.press("Enter") == Command(Action.JUMP, 7)


def test_escape_cancels_the_number_and_stays_in_full_screen() -> None:
    keys = KeyInterpreter()
    keys.press("4")
    assert keys.press("Escape") is None
    assert keys.pending_digits == ""
    assert keys.press("Escape") == Command(Action.FULLSCREEN_OFF)


def test_backspace_edits_the_number() -> None:
    keys = KeyInterpreter()
    for key in "123":
        keys.press(key)
    assert keys.press("Backspace") is None
    assert keys.pending_digits == "12"
    assert keys.press("Backspace") is None
    assert keys.press("Backspace") is None
    assert keys.pending_digits == ""
    assert keys.press("Backspace") == Command(Action.PREVIOUS)


@pytest.mark.parametrize(
    ("key", "action"),
    [("Right", Action.NEXT), ("Space", Action.NEXT), ("B", Action.BLACK), ("Q", Action.QUIT)],
)
def test_other_bound_key_clears_the_number_and_acts(key: str, action: Action) -> None:
    keys = KeyInterpreter()
    keys.press("3")
    assert keys.press(key) == Command(action)
    assert keys.pending_digits == ""


def test_unbound_key_leaves_the_number_alone() -> None:
    keys = KeyInterpreter()
    keys.press("3")
    assert keys.press("X") is None
    assert keys.press("Alt+F4") is None
    keys.press("1")
    assert keys.press("Enter") == Command(Action.JUMP, 31)


def test_number_is_capped() -> None:
    keys = KeyInterpreter()
    for key in "1234567890":
        keys.press(key)
    assert keys.pending_digits == "123456"
    assert len(keys.pending_digits) == MAX_DIGITS
    assert keys.press("Enter") == Command(Action.JUMP, 123456)


def test_reset_forgets_the_number() -> None:
    keys = KeyInterpreter()
    keys.press("9")
    keys.reset()
    assert keys.pending_digits == ""
    assert keys.press("Enter") == Command(Action.NEXT)


# -- kiosk -----------------------------------------------------------------------------------------


STRAY_KEYS = [
    *("Escape", "Q", "Ctrl+Q", "F11", "F5", "F", "Alt+F4", "Space", "Right", "A", "B", "."),
    *("Enter", "Tab", "?", "F1", "Home", "X", "Ctrl+Shift+W"),
]


@pytest.mark.parametrize("key", STRAY_KEYS)
def test_kiosk_ignores_everything_but_the_exit_chord(key: str) -> None:
    keys = KeyInterpreter(kiosk=True)
    assert keys.kiosk
    assert keys.press(key) is None


def test_kiosk_ignores_digits() -> None:
    keys = KeyInterpreter(kiosk=True)
    for key in "12":
        assert keys.press(key) is None
    assert keys.pending_digits == ""
    assert keys.press("Enter") is None


def test_kiosk_exit_chord() -> None:
    assert KIOSK_EXIT_KEY == "Ctrl+Shift+Q"
    assert KeyInterpreter(kiosk=True).press("Ctrl+Shift+Q") == Command(Action.KIOSK_EXIT)
    assert KeyInterpreter(kiosk=False).press("Ctrl+Shift+Q") == Command(Action.QUIT)


# -- the room stays Qt-free ------------------------------------------------------------------------


def test_core_imports_no_qt() -> None:
    code = (
        "import sys, slideshow.core, slideshow.core.keymap, slideshow.core.player\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'PIL')))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
