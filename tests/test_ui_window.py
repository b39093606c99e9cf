"""The real window, offscreen: keys go through the real key handler, pictures through the real pipeline."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from slideshow.core.player import Blank, PlayState
from slideshow.deck import load_deck
from slideshow.ui.app import Show

COLOURS = ["#c03030", "#30c030", "#3030c0", "#c0c030", "#30c0c0", "#c030c0"]


@pytest.fixture
def colour_deck(tmp_path: Path, make_deck: Callable[..., Path]) -> Path:
    """A title slide, then one solid-colour photo per colour, so the screen says which slide is up."""
    slides: list[dict[str, object]] = [{"title": "Colours", "caption": "A test deck"}]
    for number, colour in enumerate(COLOURS, start=2):
        name = f"assets/{number:02d}.png"
        (tmp_path / "assets").mkdir(exist_ok=True)
        Image.new("RGB", (320, 240), colour).save(tmp_path / name)
        slides.append({"image": name, "caption": f"Slide {number}"})
    return make_deck(slides=slides)


def press(
    qtbot: QtBot, show: Show, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(show.window, key, modifier)


def screen_colour(show: Show) -> QColor:
    image: QImage = show.window.grab().toImage()
    return image.pixelColor(image.width() // 2, image.height() // 3)


def wait_for_slide(qtbot: QtBot, show: Show, index: int) -> None:
    """The slide is up and any transition into it has finished."""
    qtbot.waitUntil(
        lambda: (
            show.controller.index == index
            and show.window.on_screen_index == index
            and not show.window.in_transition
        ),
        timeout=5000,
    )


def test_arrow_keys_page_keys_and_home_end_move_through_the_show(
    qtbot: QtBot, start_show: Callable[..., Show], colour_deck: Path
) -> None:
    show = start_show(colour_deck)
    assert show.controller.index == 0
    for key, expected in [
        (Qt.Key.Key_Right, 1),
        (Qt.Key.Key_PageDown, 2),
        (Qt.Key.Key_Space, 3),
        (Qt.Key.Key_Left, 2),
        (Qt.Key.Key_PageUp, 1),
        (Qt.Key.Key_End, 6),
        (Qt.Key.Key_Right, 6),
        (Qt.Key.Key_Home, 0),
        (Qt.Key.Key_Left, 0),
    ]:
        press(qtbot, show, key)
        wait_for_slide(qtbot, show, expected)
    press(qtbot, show, Qt.Key.Key_N)
    wait_for_slide(qtbot, show, 1)
    assert screen_colour(show) == QColor(COLOURS[0])


def test_typed_number_then_enter_jumps_and_shows_what_is_typed(
    qtbot: QtBot, start_show: Callable[..., Show], colour_deck: Path
) -> None:
    show = start_show(colour_deck)
    press(qtbot, show, Qt.Key.Key_4)
    assert show.controller.notice == "Go to 4"
    press(qtbot, show, Qt.Key.Key_Return)
    wait_for_slide(qtbot, show, 3)
    assert screen_colour(show) == QColor(COLOURS[2])
    for key in (Qt.Key.Key_9, Qt.Key.Key_9, Qt.Key.Key_Enter):
        press(qtbot, show, key)
    assert show.controller.index == 3
    assert show.controller.notice == "No slide 99: this deck has 7 slides"
    press(qtbot, show, Qt.Key.Key_2)
    press(qtbot, show, Qt.Key.Key_Escape)  # cancels the number, does not leave anything
    assert show.controller.notice != "Go to 2" and show.controller.index == 3


def test_black_and_white_screens_and_next_returns_from_them(
    qtbot: QtBot, start_show: Callable[..., Show], colour_deck: Path
) -> None:
    show = start_show(colour_deck, start=1)
    press(qtbot, show, Qt.Key.Key_B)
    assert show.controller.blank is Blank.BLACK
    assert screen_colour(show) == QColor("#000000")
    press(qtbot, show, Qt.Key.Key_Comma)
    assert screen_colour(show) == QColor("#ffffff")
    press(qtbot, show, Qt.Key.Key_Right)  # returns to the slide that was up
    assert show.controller.blank is Blank.NONE and show.controller.index == 1
    assert screen_colour(show) == QColor(COLOURS[0])
    press(qtbot, show, Qt.Key.Key_Period)
    press(qtbot, show, Qt.Key.Key_Period)
    assert screen_colour(show) == QColor(COLOURS[0])


def test_old_picture_stays_until_the_new_one_is_ready(
    qtbot: QtBot, start_show: Callable[..., Show], colour_deck: Path
) -> None:
    show = start_show(colour_deck, start=1)
    wait_for_slide(qtbot, show, 1)
    press(qtbot, show, Qt.Key.Key_End)  # not prefetched: decoded now, in a worker
    assert show.controller.index == 6
    if show.window.on_screen_index != 6:  # the picture is still decoding
        assert screen_colour(show) == QColor(COLOURS[0])
    wait_for_slide(qtbot, show, 6)
    assert screen_colour(show) == QColor(COLOURS[-1])


def test_autoplay_advances_after_the_slide_time_and_a_pauses_it(
    qtbot: QtBot, start_show: Callable[..., Show], make_deck: Callable[..., Path]
) -> None:
    deck = make_deck(settings={"interval": 0.05, "loop": True})
    show = start_show(deck, autoplay=True)
    assert show.controller.player.state is PlayState.PLAYING
    for expected in (1, 2, 0):  # loops back to the start
        with qtbot.waitSignal(show.controller.slide_changed, timeout=5000) as blocker:
            pass
        assert blocker.args == [expected]
    with qtbot.waitSignal(show.controller.autoplay_changed, timeout=1000):
        press(qtbot, show, Qt.Key.Key_A)
    assert show.controller.player.state is PlayState.PAUSED
    assert show.controller.notice == "Autoplay paused"
    assert show.controller.player.deadline() is None  # nothing is left to move the slide on
    paused_at = show.controller.index
    with qtbot.waitSignal(show.controller.slide_changed, timeout=5000) as resumed:
        press(qtbot, show, Qt.Key.Key_A)  # playing again: the next slide, not one skipped while paused
    assert resumed.args == [(paused_at + 1) % 3]


def test_autoplay_seconds_from_the_command_line_outlast_a_reload(
    qtbot: QtBot, start_show: Callable[..., Show], make_deck: Callable[..., Path]
) -> None:
    deck = make_deck(settings={"interval": 600, "loop": True})
    show = start_show(deck, autoplay=True, interval=0.05)  # slideshow DECK --autoplay 0.05
    reloaded = load_deck(deck).deck  # what a live reload of the unchanged file hands over
    assert reloaded is not None
    show.controller.replace_deck(reloaded, start=0)
    assert show.controller.deck.settings.interval == 0.05
    with qtbot.waitSignal(show.controller.slide_changed, timeout=5000) as blocker:
        pass  # the deck says 600 s; the command line's 0.05 s still holds
    assert blocker.args == [1]


def test_full_screen_keys(qtbot: QtBot, start_show: Callable[..., Show], colour_deck: Path) -> None:
    show = start_show(colour_deck)
    press(qtbot, show, Qt.Key.Key_F)
    qtbot.waitUntil(show.window.isFullScreen)
    press(qtbot, show, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not show.window.isFullScreen())
    press(qtbot, show, Qt.Key.Key_F11)
    qtbot.waitUntil(show.window.isFullScreen)


def test_q_asks_to_quit(qtbot: QtBot, start_show: Callable[..., Show], colour_deck: Path) -> None:
    show = start_show(colour_deck)
    with qtbot.waitSignal(show.controller.quit_requested, timeout=1000):
        press(qtbot, show, Qt.Key.Key_Q)


def test_kiosk_refuses_everything_but_the_exit_chord(
    qtbot: QtBot, start_show: Callable[..., Show], colour_deck: Path
) -> None:
    show = start_show(colour_deck, kiosk=True)
    assert show.window.isFullScreen()
    assert show.window.cursor().shape() == Qt.CursorShape.BlankCursor
    assert show.controller.player.state is PlayState.PLAYING
    with qtbot.assertNotEmitted(show.controller.quit_requested):
        for key in (
            Qt.Key.Key_Escape,
            Qt.Key.Key_Q,
            Qt.Key.Key_F11,
            Qt.Key.Key_A,
            Qt.Key.Key_B,
            Qt.Key.Key_Right,
        ):
            press(qtbot, show, key)
        press(qtbot, show, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    assert show.controller.index == 0 and show.controller.blank is Blank.NONE
    assert show.controller.player.state is PlayState.PLAYING
    assert show.window.isFullScreen()
    show.window.close()  # a close request (Alt+F4 from a window manager) is refused
    assert show.window.isVisible()
    with qtbot.waitSignal(show.controller.quit_requested, timeout=1000):
        press(
            qtbot, show, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )


def test_broken_picture_shows_a_placeholder_and_the_show_goes_on(
    qtbot: QtBot, start_show: Callable[..., Show], make_deck: Callable[..., Path], tmp_path: Path
) -> None:
    deck = make_deck()
    broken = tmp_path / "assets" / "slide-2.jpg"
    broken.write_bytes(broken.read_bytes()[:300])
    show = start_show(deck, start=1)
    wait_for_slide(qtbot, show, 1)
    assert show.window.on_screen_problem
    assert screen_colour(show) == QColor("#1c1f24")
    press(qtbot, show, Qt.Key.Key_Right)
    wait_for_slide(qtbot, show, 2)
    assert show.window.on_screen_problem is None


def test_the_slide_is_saved_for_resume_only_after_it_is_painted(
    qtbot: QtBot, start_show: Callable[..., Show], colour_deck: Path
) -> None:
    """What a key press sets off besides its picture comes after the picture is on the screen."""
    show = start_show(colour_deck)
    memory = show.memory
    assert memory is not None
    before = memory.last_slide
    assert before != 1
    saved_at_paints: list[int | None] = []

    class PaintWatch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                saved_at_paints.append(memory.last_slide)
            return False

    watch = PaintWatch()
    show.window.installEventFilter(watch)
    press(qtbot, show, Qt.Key.Key_Right)
    assert memory.last_slide == before  # the key handler has returned: no settings file written yet
    qtbot.waitUntil(lambda: memory.last_slide == 1)
    assert saved_at_paints[:1] == [before]  # the first frame after the press came before the write
