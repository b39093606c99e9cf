"""Briefing tools in the audience window: transitions, help, overview, caption size, banner, mouse, drops."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from _console import drop_on
from slideshow.deck import load_deck
from slideshow.imaging.pipeline import PicturePipeline
from slideshow.ui.controller import ShowController
from slideshow.ui.memory import DeckMemory
from slideshow.ui.window import SlideWindow

RED, BLUE, GREEN = "#d02020", "#2040d0", "#20a040"


@pytest.fixture
def fade_deck(tmp_path: Path, make_deck: Callable[..., Path]) -> Path:
    (tmp_path / "assets").mkdir()
    slides: list[dict[str, object]] = []
    for number, colour in enumerate((RED, BLUE, GREEN), start=1):
        Image.new("RGB", (320, 180), colour).save(tmp_path / "assets" / f"{number}.png")
        slides.append({"image": f"assets/{number}.png", "caption": ""})
    slides[2]["transition"] = "slide"
    return make_deck(slides=slides, settings={"transition": "fade", "transition_ms": 600, "fit": "cover"})


@pytest.fixture
def window(qtbot: QtBot, fade_deck: Path, tmp_path: Path) -> Iterator[SlideWindow]:
    deck = load_deck(fade_deck).deck
    assert deck is not None
    controller = ShowController(deck)
    pipeline, thumbnails = PicturePipeline(), PicturePipeline()
    memory = DeckMemory(fade_deck, QSettings(str(tmp_path / "memory.ini"), QSettings.Format.IniFormat))
    widget = SlideWindow(controller, pipeline, thumbnails=thumbnails, memory=memory)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.picture_shown, timeout=5000):
        widget.resize(320, 180)
        widget.show_on(None, fullscreen=False)
    widget.resize(320, 180)
    qtbot.waitUntil(lambda: not widget.in_transition)
    yield widget
    pipeline.shutdown()
    thumbnails.shutdown()


def centre(widget: SlideWindow) -> QColor:
    image = widget.grab().toImage()
    return image.pixelColor(image.width() // 2, image.height() // 3)


def test_fade_blends_old_into_new_without_a_black_frame(qtbot: QtBot, window: SlideWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: window.on_screen_index == 1)
    assert window.in_transition
    seen: list[QColor] = []

    def record() -> bool:
        seen.append(centre(window))
        return not window.in_transition

    qtbot.waitUntil(record, timeout=5000)
    assert all(colour.red() + colour.green() + colour.blue() > 150 for colour in seen), "a dark frame"
    blends = [c for c in seen if c not in (QColor(RED), QColor(BLUE))]
    assert blends, "no in-between frame of the fade was seen"
    assert centre(window) == QColor(BLUE)


def test_a_key_during_a_transition_finishes_it_and_goes_on(qtbot: QtBot, window: SlideWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: window.on_screen_index == 1)
    assert window.in_transition
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert window._controller.index == 0


def test_per_slide_transition_overrides_the_deck(qtbot: QtBot, window: SlideWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: window.on_screen_index == 2)
    assert window.transition is not None and window.transition.kind.value == "slide"


def test_help_overlay_opens_and_closes(qtbot: QtBot, window: SlideWindow) -> None:
    before = centre(window)
    qtbot.keyClick(window, Qt.Key.Key_Question)
    assert window.help_visible and centre(window) != before
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.help_visible


def test_overview_picks_a_slide_in_the_audience_window(qtbot: QtBot, window: SlideWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Tab)
    assert window.overview is not None and window.overview.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_End)
    qtbot.keyClick(window, Qt.Key.Key_Return)
    assert not window.overview.isVisible()
    assert window._controller.index == 2


def test_caption_size_keys_are_remembered_per_deck(qtbot: QtBot, window: SlideWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Plus)
    assert window.caption_size == 110
    assert window._memory is not None and window._memory.caption_scale == pytest.approx(1.1)
    qtbot.keyClick(window, Qt.Key.Key_Minus)
    qtbot.keyClick(window, Qt.Key.Key_Minus)
    assert window.caption_size == 90


def test_banner_shows_a_deck_problem(qtbot: QtBot, window: SlideWindow) -> None:
    window._controller.set_banner("slides.json:3:3: expected ',' or '}'")
    image = window.grab().toImage()
    top = image.pixelColor(image.width() // 2, 2)
    assert top.red() > 120 and top.green() < 80


def test_click_and_wheel_move_through_the_show(qtbot: QtBot, window: SlideWindow) -> None:
    qtbot.mouseClick(window, Qt.MouseButton.LeftButton)
    assert window._controller.index == 1
    qtbot.mouseClick(window, Qt.MouseButton.RightButton)
    assert window._controller.index == 0


def test_dropping_a_deck_asks_to_open_it(qtbot: QtBot, window: SlideWindow, fade_deck: Path) -> None:
    with qtbot.waitSignal(window.deck_dropped, timeout=1000) as blocker:
        drop_on(window, fade_deck)
    assert blocker.args == [fade_deck]


def test_pointer_hides_when_idle_in_full_screen(qtbot: QtBot, window: SlideWindow) -> None:
    window.set_fullscreen(True)
    qtbot.mouseMove(window, QPoint(50, 50))
    qtbot.waitUntil(lambda: window.cursor().shape() == Qt.CursorShape.BlankCursor, timeout=5000)
