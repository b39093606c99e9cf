"""Notices: a message goes by itself; a typed number outlives it and, without a console, goes too."""

from __future__ import annotations

import time

from pytestqt.qtbot import QtBot

from slideshow.core.keymap import KeyInterpreter
from slideshow.ui.notices import NOTICE_MS, Notices


def test_a_message_goes_by_itself_after_its_time_and_says_so(qtbot: QtBot) -> None:
    notices = Notices(KeyInterpreter())
    notices.say("Autoplay on")
    said = time.monotonic()
    assert notices.text == "Autoplay on"
    with qtbot.waitSignal(notices.changed, timeout=5000):
        pass
    assert notices.text is None
    assert time.monotonic() - said >= NOTICE_MS / 1000 * 0.9  # not before its time (a coarse timer: 5 %)


def test_a_typed_number_covers_a_message_going_and_then_goes_itself(qtbot: QtBot) -> None:
    keys = KeyInterpreter()
    notices = Notices(keys)
    assert keys.press("1") is None
    notices.key_pressed()
    notices.say("Autoplay paused")  # due before the number
    assert notices.text == "Go to 1"  # the number wins
    with qtbot.waitSignal(notices.changed, timeout=5000):
        pass
    # The first change announced is the number going: the message went under it unseen, unannounced.
    assert notices.text is None and keys.pending_digits == ""
