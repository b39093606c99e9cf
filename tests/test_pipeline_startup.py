"""Start-up: the first slide's picture starts decoding before the pipeline and the window exist, at the
size the window will ask for, and ``--quit-after-first-frame`` ends the process once that picture has
been painted."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from _gated_decoder import GatedDecoder
from slideshow.deck import load_deck
from slideshow.ui.app import ShowOptions, build_show, show_pipeline, start_first_picture


def test_the_first_picture_decodes_before_the_window_exists_at_the_size_it_asks_for(
    qtbot: QtBot, make_deck: Callable[..., Path]
) -> None:
    recorder = GatedDecoder(hold_all=True)
    deck = load_deck(
        make_deck(slides=[{"photo": (640, 480), "caption": "One"}, {"photo": (640, 480), "caption": "Two"}])
    ).deck
    assert deck is not None
    options = ShowOptions(fullscreen=True)
    screen = QGuiApplication.primaryScreen()
    head_start = start_first_picture(deck, options, screen, recorder)  # what run_show does first
    qtbot.waitUntil(lambda: len(recorder.calls) == 1, timeout=5000)  # decoding, with no pipeline yet
    pipeline = show_pipeline(options, screen, head_start, recorder)

    show = build_show(deck, options, pipeline)
    qtbot.addWidget(show.window)
    try:
        with qtbot.waitSignal(show.window.picture_shown, timeout=5000) as shown:
            show.window.show_on(None, fullscreen=True)
            recorder.release.set()
        assert shown.args == [0]
        ratio = screen.devicePixelRatio()
        size = (round(screen.geometry().width() * ratio), round(screen.geometry().height() * ratio))
        assert (show.window.width(), show.window.height()) == screen.geometry().size().toTuple()
        assert recorder.sizes[0] == ("slide-1.jpg", *size)  # one decode, reused by the window
        assert recorder.calls.count("slide-1.jpg") == 1
    finally:
        recorder.release.set()
        show.window.allow_close()
        pipeline.shutdown()


def test_quit_after_first_frame_exits_quietly_once_the_picture_is_painted(
    make_deck: Callable[..., Path], tmp_path: Path
) -> None:
    deck = make_deck(
        slides=[{"photo": (1200, 800), "caption": "First"}, {"photo": (640, 480), "caption": ""}]
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "slideshow", str(deck), "--fullscreen", "--quit-after-first-frame"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and done.stderr == ""


def test_quit_after_first_frame_is_not_in_the_help() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "slideshow", "show", "--help"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and "--fullscreen" in done.stdout
    assert "quit-after-first-frame" not in done.stdout
