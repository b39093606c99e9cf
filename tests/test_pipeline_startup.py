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
from slideshow.ui.overview import OverviewGrid


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


def test_the_quicker_pyside_source_check_gives_pyside6s_own_answers() -> None:
    import slideshow.ui  # noqa: F401  (installs the check before PySide6's modules use it)

    feature = sys.modules["shibokensupport.feature"]
    check = feature._mod_uses_pyside
    assert getattr(check, "reads_the_file", False), "PySide6's own check is still in place"
    modules = [m for m in list(sys.modules.values()) if str(getattr(m, "__file__", "")).endswith(".py")]
    answers = {m.__name__: check(m) for m in modules}
    assert answers == {m.__name__: bool(check.original(m)) for m in modules}
    assert answers["slideshow.ui.window"] and not answers["slideshow.deck.model"]  # both answers occur


def test_a_window_builds_its_overview_only_when_it_is_opened(
    qtbot: QtBot, make_deck: Callable[..., Path]
) -> None:
    deck = load_deck(make_deck(slides=[{"photo": (640, 480), "caption": "One"}])).deck
    assert deck is not None
    show = build_show(deck, ShowOptions(remember=False))
    qtbot.addWidget(show.window)
    show.window.show()
    assert show.window.findChildren(OverviewGrid) == []  # not on the way to the first photo
    show.window.press("O")
    assert len(show.window.findChildren(OverviewGrid)) == 1 and show.window.overview is not None
    assert show.window.overview.isVisible()
    show.shutdown()
