"""The viewer's long-running helpers, offscreen: opening hours blank the kiosk (not the B key's blank),
the display is kept awake only while full screen and open, and the slide is saved on every change."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from slideshow.core.keymap import Action, Command
from slideshow.core.player import Blank
from slideshow.deck import load_deck
from slideshow.kiosk import viewer
from slideshow.kiosk.state import load_position
from slideshow.ui.app import Show, ShowOptions, build_show
from slideshow.ui.awake import AwakeWhileFullScreen
from slideshow.ui.inhibit import SleepInhibitor


class FakeBackend:
    name = "fake"

    def __init__(self) -> None:
        self.calls: list[str] = []

    def inhibit(self) -> bool:
        self.calls.append("inhibit")
        return True

    def release(self) -> None:
        self.calls.append("release")


@pytest.fixture
def kiosk_show(qtbot: QtBot, make_deck: Callable[..., Path]) -> Iterator[Show]:
    deck = load_deck(make_deck()).deck
    assert deck is not None
    show = build_show(deck, ShowOptions(kiosk=True, remember=False))
    qtbot.addWidget(show.window)
    yield show
    show.window.allow_close()
    show.shutdown()


def test_closed_hours_blank_the_kiosk_and_hold_it(kiosk_show: Show) -> None:
    controller = kiosk_show.controller
    controller.set_closed(True)
    assert controller.closed and controller.blank is Blank.BLACK
    assert controller.player.deadline() is None  # autoplay does not run on behind the black screen
    controller.perform(Command(Action.NEXT))
    assert controller.index == 0 and controller.blank is Blank.BLACK
    controller.set_closed(False)
    assert not controller.closed and controller.blank is Blank.NONE


def test_closed_survives_a_live_reload(kiosk_show: Show) -> None:
    controller = kiosk_show.controller
    controller.set_closed(True)
    controller.replace_deck(controller.deck, start=0)
    assert controller.blank is Blank.BLACK


def test_awake_only_while_full_screen_and_open(qtbot: QtBot, kiosk_show: Show) -> None:
    backend = FakeBackend()
    awake = AwakeWhileFullScreen(kiosk_show.window, kiosk_show.controller, SleepInhibitor([backend]))
    kiosk_show.window.show_on(None, fullscreen=True)
    qtbot.waitExposed(kiosk_show.window)
    assert backend.calls == []  # not on the way to the first photo: the calls may take a while
    qtbot.waitUntil(lambda: backend.calls == ["inhibit"], timeout=5000)
    kiosk_show.controller.set_closed(True)  # closing time: the display may sleep
    assert backend.calls == ["inhibit", "release"]
    kiosk_show.controller.set_closed(False)
    assert backend.calls == ["inhibit", "release", "inhibit"]
    awake.release()
    assert backend.calls[-1] == "release"


def test_slide_saved_on_every_change(kiosk_show: Show, tmp_path: Path) -> None:
    target = tmp_path / "position.json"
    saver = viewer.PositionSaver(kiosk_show.controller, target)  # the show keeps it in Show.extras
    assert load_position(target) == 0
    kiosk_show.controller.go_to(2)
    assert load_position(target) == 2
    del saver
