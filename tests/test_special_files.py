"""Named pipes and links out of the deck folder, through the real commands and the real viewer.

A pipe given as a picture used to hang ``check``, ``export``, ``import`` and the viewer in ``open()``;
a link swapped in during a show put a file from outside the deck on screen. Each command runs in a
child process with a timeout, so a hang fails the test instead of stalling the suite.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from _commands import run_slideshow
from conftest import make_photo
from slideshow.ui.app import Show

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes or links on this system")

#: Long enough for a loaded machine to run the command, far shorter than "forever".
HANG = 60


@pytest.fixture
def pipe_deck(tmp_path: Path) -> Iterator[Path]:
    """A deck whose second slide's picture is a named pipe nobody writes to."""
    make_photo(tmp_path / "assets" / "good.jpg")
    os.mkfifo(tmp_path / "assets" / "pipe.jpg")
    deck = {
        "title": "Pipes",
        "slides": [
            {"image": "assets/good.jpg", "caption": "A photo"},
            {"image": "assets/pipe.jpg", "caption": "A pipe"},
        ],
    }
    path = tmp_path / "slides.json"
    path.write_text(json.dumps(deck), encoding="utf-8")
    yield path
    _unblock(tmp_path / "assets" / "pipe.jpg")


def _unblock(pipe: Path) -> None:
    """If an old reader is stuck on the pipe, a writer that opens and closes it lets it go."""
    with contextlib.suppress(OSError):  # ENXIO: nobody is reading it, so nothing is stuck
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))


def test_check_names_the_pipe_and_does_not_hang(pipe_deck: Path) -> None:
    result = run_slideshow("check", str(pipe_deck), timeout=HANG)
    assert result.returncode == 1
    assert "(slides[1]).image" in result.stderr and "assets/pipe.jpg" in result.stderr
    assert "not a regular file" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("out", ["slide.png", "handout.pdf", "frames/"])
def test_export_draws_the_placeholder_and_does_not_hang(pipe_deck: Path, tmp_path: Path, out: str) -> None:
    target = tmp_path / "out" / out
    target.parent.mkdir(exist_ok=True)
    args = [
        "export",
        str(pipe_deck),
        "-o",
        str(target) + ("/" if out.endswith("/") else ""),
        "--size",
        "320x180",
    ]
    if out == "slide.png":
        args += ["--slide", "2"]
    result = run_slideshow(*args, timeout=HANG)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_import_skips_a_pipe_and_does_not_hang(tmp_path: Path) -> None:
    photos = tmp_path / "photos"
    make_photo(photos / "a.jpg")
    os.mkfifo(photos / "b.jpg")
    try:
        result = run_slideshow("import", str(photos), timeout=HANG)
    finally:
        _unblock(photos / "b.jpg")
    assert result.returncode == 0, result.stderr
    assert "b.jpg: skipped: a named pipe, not a regular file" in result.stderr
    assert [s["image"] for s in json.loads((photos / "slides.json").read_text())["slides"]] == ["a.jpg"]


def test_import_refuses_a_link_out_of_the_folder_before_reading_it(tmp_path: Path) -> None:
    """The file outside is damaged: had import read it, it would say so instead of naming the link."""
    photos = tmp_path / "photos"
    make_photo(photos / "a.jpg")
    outside = make_photo(tmp_path / "outside.jpg")
    outside.write_bytes(outside.read_bytes()[:400])
    (photos / "linked.jpg").symlink_to(outside)
    result = run_slideshow("import", str(photos), timeout=HANG)
    assert result.returncode == 0, result.stderr
    assert "linked.jpg: skipped: links to a place outside the deck folder" in result.stderr
    assert "corrupt" not in result.stderr


# --- the viewer ---------------------------------------------------------------------------------------


def test_the_viewer_shows_a_placeholder_for_a_pipe_and_q_still_quits(
    qtbot: QtBot, start_show: Callable[..., Show], pipe_deck: Path
) -> None:
    show = start_show(pipe_deck, start=1)
    qtbot.waitUntil(lambda: "named pipe" in (show.window.on_screen_problem or ""), timeout=5000)
    qtbot.keyClick(show.window, Qt.Key.Key_Left)  # the show goes on
    qtbot.waitUntil(
        lambda: show.window.on_screen_index == 0 and not show.window.on_screen_problem, timeout=5000
    )
    with qtbot.waitSignal(show.controller.quit_requested, timeout=1000):
        qtbot.keyClick(show.window, Qt.Key.Key_Q)


def test_a_link_swapped_in_during_the_show_never_reaches_the_screen(
    qtbot: QtBot, start_show: Callable[..., Show], tmp_path: Path
) -> None:
    deck_folder = tmp_path / "deck"
    deck_folder.mkdir()
    Image.new("RGB", (320, 240), "#30c030").save(deck_folder / "photo.png")
    Image.new("RGB", (320, 240), "#3030c0").save(tmp_path / "secret.png")
    deck = deck_folder / "slides.json"
    deck.write_text(json.dumps({"title": "T", "slides": [{"image": "photo.png", "caption": "c"}]}), "utf-8")
    show = start_show(deck)
    qtbot.waitUntil(
        lambda: show.window.on_screen_index == 0 and _centre(show) == QColor("#30c030"), timeout=5000
    )

    with qtbot.waitSignal(show.watcher.pictures_changed, timeout=5000):
        swap = deck_folder / ".swap.png"
        swap.symlink_to(tmp_path / "secret.png")
        os.replace(swap, deck_folder / "photo.png")  # an atomic swap, as a sly editor would do it
    qtbot.waitUntil(
        lambda: (
            "outside the deck folder" in (show.window.on_screen_problem or "")
            or _centre(show) == QColor("#3030c0")
        ),
        timeout=5000,
    )
    assert _centre(show) != QColor("#3030c0")
    assert "links to a place outside the deck folder" in (show.window.on_screen_problem or "")


def _centre(show: Show) -> QColor:
    image = show.window.grab().toImage()
    return image.pixelColor(image.width() // 2, image.height() // 3)
