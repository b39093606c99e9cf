"""A deck on removable media that vanishes keeps showing what is cached, placeholders for the rest, and
recovers by itself when the media returns (offscreen, the real pipeline and watcher)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from slideshow.deck import load_deck
from slideshow.ui import watcher
from slideshow.ui.app import ShowOptions, build_show


def test_pulled_media_shows_from_cache_and_recovers(
    qtbot: QtBot, make_deck: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(watcher, "ABSENT_POLL_MS", 100)
    slides = [{"photo": (640, 480), "caption": f"Photo {n}"} for n in range(1, 6)]
    deck_file = make_deck(slides=slides)
    deck = load_deck(deck_file).deck
    assert deck is not None
    show = build_show(deck, ShowOptions(kiosk=True, remember=False))
    qtbot.addWidget(show.window)
    window, controller = show.window, show.controller
    try:
        with qtbot.waitSignal(window.picture_shown, timeout=5000):
            window.resize(640, 360)
            window.show_on(None, fullscreen=False)
        qtbot.waitUntil(show.pipeline.is_idle, timeout=5000)  # slide 1 and its prefetches are decoded

        media = deck_file.parent
        away = media.with_name(media.name + "-unplugged")
        shutil.copytree(media, away)
        # The USB stick is pulled: its files and folders are gone. The watcher notices (every picture's
        # stamp changes) and pictures_changed re-syncs the window.
        with qtbot.waitSignal(show.watcher.pictures_changed, timeout=5000):
            shutil.rmtree(media)
        window.sync()
        assert window.on_screen_index == 0 and window.on_screen_problem is None  # still the cached photo

        controller.go_to(4)  # never decoded: a placeholder, and the show goes on
        qtbot.waitUntil(lambda: window.on_screen_index == 4, timeout=5000)
        assert window.on_screen_problem is not None

        shutil.copytree(away, media)  # the stick is back (new inodes, as after a remount)
        qtbot.waitUntil(lambda: window.on_screen_problem is None, timeout=5000)
        assert window.on_screen_index == controller.index
    finally:
        window.allow_close()
        show.shutdown()
