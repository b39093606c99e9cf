"""The presenter console and the overview grid, offscreen, through the real controller and key handler."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QRectF, QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from slideshow.core.keymap import Action, Command
from slideshow.core.player import Blank
from slideshow.deck import load_deck
from slideshow.imaging.pipeline import PicturePipeline
from slideshow.ui.controller import ShowController
from slideshow.ui.memory import DeckMemory
from slideshow.ui.overview import OverviewGrid
from slideshow.ui.presenter import PresenterConsole


@pytest.fixture
def notes_deck(make_deck: Callable[..., Path]) -> Path:
    return make_deck(
        slides=[
            {"title": "Title", "caption": "Stand-first", "notes": "Welcome everyone. Introduce the story."},
            {"photo": (640, 480), "caption": "First photo", "notes": "Say where Erbil is."},
            {"photo": (480, 640), "caption": "Second photo"},
        ]
    )


@pytest.fixture
def console(qtbot: QtBot, notes_deck: Path, tmp_path: Path) -> Iterator[PresenterConsole]:
    deck = load_deck(notes_deck).deck
    assert deck is not None
    controller = ShowController(deck)
    pipeline, thumbnails = PicturePipeline(threads=1), PicturePipeline(threads=1)
    memory = DeckMemory(notes_deck, QSettings(str(tmp_path / "memory.ini"), QSettings.Format.IniFormat))
    widget = PresenterConsole(controller, pipeline, thumbnails, memory)
    widget.allow_close()
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    widget.sync()
    yield widget
    pipeline.shutdown()
    thumbnails.shutdown()


def controller_of(console: PresenterConsole) -> ShowController:
    return console._controller


def test_keys_in_the_console_drive_the_show(qtbot: QtBot, console: PresenterConsole) -> None:
    controller = controller_of(console)
    qtbot.keyClick(console, Qt.Key.Key_Right)
    assert controller.index == 1
    qtbot.keyClick(console, Qt.Key.Key_B)
    assert controller.blank is Blank.BLACK
    qtbot.keyClick(console, Qt.Key.Key_B)
    qtbot.keyClick(console, Qt.Key.Key_Home)
    assert controller.index == 0


def test_notes_scale_with_plus_and_minus_and_are_remembered(qtbot: QtBot, console: PresenterConsole) -> None:
    qtbot.keyClick(console, Qt.Key.Key_Plus)
    qtbot.keyClick(console, Qt.Key.Key_Plus)
    assert console.notes_scale == pytest.approx(1.15**2, rel=1e-3)
    qtbot.keyClick(console, Qt.Key.Key_Minus)
    assert console.notes_scale == pytest.approx(1.15, rel=1e-3)
    assert console._memory is not None and console._memory.notes_scale == pytest.approx(1.15, abs=0.01)


def test_notes_are_painted_in_the_console(qtbot: QtBot, console: PresenterConsole) -> None:
    box = console.layout_now().notes
    notes = QRectF(box.x, box.y, box.width, box.height)
    with_notes = console.grab().toImage()
    controller_of(console).perform(Command(Action.LAST))
    without_notes = console.grab().toImage()
    assert _bright(with_notes, notes) > 2 * max(_bright(without_notes, notes), 1)


def test_timer_pause_and_reset_keys(qtbot: QtBot, console: PresenterConsole) -> None:
    controller = controller_of(console)
    qtbot.keyClick(console, Qt.Key.Key_T)
    assert not controller.timers.running
    qtbot.keyClick(console, Qt.Key.Key_R)
    qtbot.keyClick(console, Qt.Key.Key_T)
    assert controller.timers.running


def test_help_card_lists_the_key_table(qtbot: QtBot, console: PresenterConsole) -> None:
    qtbot.keyClick(console, Qt.Key.Key_F1)
    assert console.help_visible
    qtbot.keyClick(console, Qt.Key.Key_Escape)
    assert not console.help_visible


def test_overview_in_the_console_picks_a_slide(qtbot: QtBot, console: PresenterConsole) -> None:
    qtbot.keyClick(console, Qt.Key.Key_O)
    assert console.overview.isVisible() and console.overview.selected == 0
    qtbot.keyClick(console, Qt.Key.Key_Right)
    qtbot.keyClick(console, Qt.Key.Key_Right)
    qtbot.keyClick(console, Qt.Key.Key_Return)
    assert not console.overview.isVisible()
    assert controller_of(console).index == 2


def test_the_consoles_overview_shows_a_deck_that_replaced_the_one_it_opened_with(
    qtbot: QtBot, console: PresenterConsole, make_deck: Callable[..., Path]
) -> None:
    short = load_deck(make_deck(slides=[{"title": "Only", "caption": "One slide"}])).deck
    assert short is not None
    controller_of(console).replace_deck(short)  # a live reload or a dropped deck, grid closed
    qtbot.keyClick(console, Qt.Key.Key_O)
    qtbot.keyClick(console, Qt.Key.Key_End)
    assert console.overview.selected == 0  # the last of one slide, not of the three it opened with


def test_overview_of_a_large_deck_opens_at_once_and_fills_progressively(
    qtbot: QtBot, tmp_path: Path, make_deck: Callable[..., Path]
) -> None:
    (tmp_path / "assets").mkdir()
    for number in range(4):
        Image.new("RGB", (3000, 2000), (40 * number, 90, 160)).save(tmp_path / "assets" / f"big-{number}.jpg")
    slides = [{"image": f"assets/big-{i % 4}.jpg", "caption": f"Slide {i}"} for i in range(500)]
    deck = load_deck(make_deck(slides=slides)).deck
    assert deck is not None
    thumbnails = PicturePipeline(threads=2)
    parent = _parent(qtbot)
    grid = OverviewGrid(ShowController(deck), thumbnails, parent)
    grid.open(250)
    assert grid.isVisible() and grid.selected == 250
    assert not thumbnails.is_idle()  # decoding happens in the workers, not in open()
    with qtbot.waitSignal(thumbnails.picture_ready, timeout=10_000):
        pass
    for key in ("End", "PageUp", "Up", "Left"):
        grid.handle_key(key)
    assert grid.selected < 499
    with qtbot.waitSignal(grid.closed, timeout=1000):
        grid.handle_key("Escape")
    thumbnails.shutdown()


def _parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    return widget


def _bright(image: QImage, rect: QRectF) -> int:
    total = 0
    for y in range(int(rect.y()), int(rect.bottom()), 3):
        for x in range(int(rect.x()), int(rect.right()), 3):
            colour = image.pixelColor(x, y)
            if colour.red() + colour.green() + colour.blue() > 600:
                total += 1
    return total


def test_c_in_the_console_hides_the_audiences_captions_and_the_console_says_so(
    qtbot: QtBot, console: PresenterConsole
) -> None:
    row = console.layout_now().now_label
    bar = QRectF(row.x, row.y, row.width, row.height)
    before = _tag_pixels(console.grab().toImage(), bar)
    qtbot.keyClick(console, Qt.Key.Key_C)
    assert controller_of(console).captions_hidden
    hidden = _tag_pixels(console.grab().toImage(), bar)
    assert hidden > before + 20  # a "CAPTIONS HIDDEN" tag beside "Now"
    qtbot.keyClick(console, Qt.Key.Key_C)
    assert not controller_of(console).captions_hidden


def test_ctrl_0_in_the_console_resets_the_notes_size(qtbot: QtBot, console: PresenterConsole) -> None:
    qtbot.keyClick(console, Qt.Key.Key_Plus)
    qtbot.keyClick(console, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert console.notes_scale == 1.0


def _tag_pixels(image: QImage, rect: QRectF) -> int:
    """Pixels in the console's amber tag colour."""
    total = 0
    for y in range(int(rect.y()), int(rect.bottom()), 2):
        for x in range(int(rect.x()), int(rect.right()), 2):
            colour = image.pixelColor(x, y)
            if colour.red() > 200 and 150 < colour.green() < 220 and colour.blue() < 120:
                total += 1
    return total
