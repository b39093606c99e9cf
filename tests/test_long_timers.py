"""Autoplay times past what QTimer takes (a signed 32-bit count of milliseconds, about 24.8 days).

The deck allows at most a day a slide, but a deck model made any other way (a future field, a
plugin, a test) must not stop autoplay with an overflow either: the wait is armed in parts.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from slideshow.core.player import PlayState
from slideshow.deck import Deck, Slide
from slideshow.ui.controller import ShowController
from slideshow.ui.deadline_timer import LONGEST_TIMER_MS

THIRTY_DAYS = 30 * 86_400.0


def test_a_wait_longer_than_qtimer_takes_is_armed_in_parts(qtbot: QtBot, tmp_path: Path) -> None:
    deck = Deck(tmp_path / "slides.json", "Long", (Slide("one", duration=THIRTY_DAYS), Slide("two")))
    controller = ShowController(deck, autoplay=True)
    controller.slide_shown(0)
    assert controller.player.state is PlayState.PLAYING
    armed = [t for t in controller.findChildren(QTimer) if t.isActive()]
    assert armed, "autoplay has a timer running"
    # What was armed is the interval; remainingTime() may run a little past it (a coarse timer's slack).
    assert all(0 < t.interval() <= LONGEST_TIMER_MS and t.remainingTime() > 0 for t in armed)
    deadline = controller.player.deadline()
    assert deadline is not None
    controller.player.tick(deadline - 1)  # a part ends early: the slide stays
    assert controller.player.index == 0
