"""The audience window while a presenter console is open, offscreen, through the composition root, the real
controller, key handler, pipeline and windows: what the audience sees, and what the presenter's keys do."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from _console import console_slides, count_pixels, drop_on, grab, is_laser_red, move_mouse, shows
from slideshow.core.player import Blank
from slideshow.deck import load_deck
from slideshow.ui.app import Show
from slideshow.ui.console_parts import tags


@pytest.fixture
def start(qtbot: QtBot, tmp_path: Path) -> Iterator[Callable[..., Show]]:
    yield from shows(qtbot, tmp_path)


@pytest.fixture
def deck(make_deck: Callable[..., Path]) -> Path:
    return make_deck(slides=console_slides(), settings={"loop": False, "transition": "none"})


def test_a_typed_digit_repaints_without_asking_for_a_picture(
    qtbot: QtBot, start: Callable[..., Show], deck: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(Nor converting one: the window draws the pipeline's QImage itself, with no QPixmap copy at all.)"""
    show = start(deck)
    requests: list[object] = []
    for pipeline in (show.pipeline, show.console_pipeline):
        assert pipeline is not None
        real = pipeline.request
        monkeypatch.setattr(
            pipeline, "request", lambda *a, real=real, **k: requests.append(a) or real(*a, **k)
        )
    for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4):
        with qtbot.waitSignal(show.controller.notice_changed, timeout=1000):
            qtbot.keyClick(show.console, key)
    assert show.controller.notice == "Go to 1234"
    assert requests == []
    qtbot.keyClick(show.console, Qt.Key.Key_Escape)  # the number is cancelled: still nothing asked for
    assert requests == []
    qtbot.keyClick(show.console, Qt.Key.Key_Right)  # the spy sees real work when there is some
    qtbot.waitUntil(lambda: show.window.on_screen_index == 1, timeout=5000)
    assert requests


def test_the_audience_sees_nothing_of_the_presenters_typing_notices_or_banner(
    qtbot: QtBot, start: Callable[..., Show], deck: Path
) -> None:
    show = start(deck)
    before = grab(show.window)
    qtbot.keyClick(show.console, Qt.Key.Key_1)
    qtbot.keyClick(show.window, Qt.Key.Key_2)  # typed in either window, it shows on the console
    assert show.controller.notice == "Go to 12"
    show.controller.show_notice("Captions 120 %")  # any notice, whoever adds it later
    show.controller.set_banner("Not reloaded: slides.json:3:5: expected ',' or '}'")
    assert grab(show.window) == before
    console = grab(show.console)
    strip = console.copy(0, round(show.console.layout_now().bar.bottom), console.width(), 12)
    assert count_pixels(strip, lambda c: c.red() > 180 and c.green() < 110, step=3) > 50  # the red banner


def test_without_a_console_notices_show_and_a_half_typed_number_goes_away_after_3_s(
    qtbot: QtBot, start: Callable[..., Show], deck: Path
) -> None:
    show = start(deck, console=False)
    before = grab(show.window)
    qtbot.keyClick(show.window, Qt.Key.Key_2)
    assert show.controller.audience_notice == "Go to 2" and grab(show.window) != before
    typed = time.monotonic()
    with qtbot.waitSignal(show.controller.notice_changed, timeout=5000):
        pass
    assert time.monotonic() - typed > 2.5  # not before its time
    assert show.controller.notice is None and show.controller.index == 0
    qtbot.waitUntil(lambda: grab(show.window) == before, timeout=2000)


def test_with_a_console_a_half_typed_number_waits_for_the_presenter(
    qtbot: QtBot, start: Callable[..., Show], deck: Path
) -> None:
    show = start(deck)
    alone = start(deck, console=False)  # the same deck without a console: its number goes after 3 s
    qtbot.keyClick(show.console, Qt.Key.Key_2)
    qtbot.keyClick(alone.window, Qt.Key.Key_2)  # typed second, so it is due second
    with (
        qtbot.assertNotEmitted(show.controller.notice_changed),
        qtbot.waitSignal(alone.controller.notice_changed, timeout=5000),
    ):
        pass
    assert alone.controller.notice is None  # the time a half-typed number waits alone has passed
    assert show.controller.notice == "Go to 2"
    qtbot.keyClick(show.console, Qt.Key.Key_Return)
    assert show.controller.index == 1


def test_a_missing_picture_is_a_neutral_placeholder_for_the_audience(
    qtbot: QtBot, start: Callable[..., Show], deck: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "assets" / "slide-2.jpg"
    broken.write_bytes(broken.read_bytes()[:300])

    def reason_pixels(image: QImage) -> int:  # the reason is set in a salmon red, nothing else is
        return count_pixels(image, _salmon, step=1)

    show = start(deck, start=1)
    qtbot.waitUntil(lambda: show.window.on_screen_problem is not None, timeout=5000)
    qtbot.waitUntil(lambda: reason_pixels(grab(show.console)) > 20, timeout=5000)  # the presenter is told
    assert reason_pixels(grab(show.window)) == 0
    alone = start(deck, console=False, start=1)
    qtbot.waitUntil(lambda: alone.window.on_screen_problem is not None, timeout=5000)
    assert reason_pixels(grab(alone.window)) > 20  # without a console the one window says why, as before


def test_esc_with_a_console_never_takes_the_audience_out_of_full_screen(
    qtbot: QtBot, start: Callable[..., Show], deck: Path
) -> None:
    show = start(deck)
    controller = show.controller
    for widget in (show.console, show.window):
        qtbot.keyClick(widget, Qt.Key.Key_Escape)
        assert show.window.isFullScreen()
    assert controller.notice == "The audience stays full screen: F leaves it"
    qtbot.keyClick(show.console, Qt.Key.Key_3)
    qtbot.keyClick(show.console, Qt.Key.Key_Escape)  # cancels the number, nothing else
    assert controller.notice != "Go to 3" and show.window.isFullScreen()
    qtbot.keyClick(show.console, Qt.Key.Key_O)
    qtbot.keyClick(show.console, Qt.Key.Key_Escape)  # closes the overview, nothing else
    assert not show.console.overview.isVisible() and show.window.isFullScreen()
    qtbot.keyClick(show.console, Qt.Key.Key_F)  # F toggles it from the console...
    qtbot.waitUntil(lambda: not show.window.isFullScreen())
    assert not controller.audience_fullscreen
    assert ("AUDIENCE NOT FULL SCREEN · F", QColor("#e05555")) in tags(controller)  # ...which says so
    qtbot.keyClick(show.console, Qt.Key.Key_F5)
    qtbot.waitUntil(show.window.isFullScreen)
    assert all("FULL SCREEN" not in words for words, _ in tags(controller))


def test_the_laser_dot_follows_the_pointer_on_the_console_and_the_audience_window(
    qtbot: QtBot, start: Callable[..., Show], deck: Path
) -> None:
    show = start(deck)
    window, controller = show.window, show.controller
    assert count_pixels(grab(window), is_laser_red) == 0
    qtbot.keyClick(show.console, Qt.Key.Key_L)
    assert controller.laser_on and window.cursor().shape() == Qt.CursorShape.BlankCursor
    current = show.console.layout_now().current
    move_mouse(show.console, QPointF(current.x + current.width * 0.25, current.y + current.height * 0.5))
    assert controller.laser == pytest.approx((0.25, 0.5), abs=0.01)
    image = grab(window)
    assert is_laser_red(image.pixelColor(round(image.width() * 0.25), round(image.height() * 0.5)))
    assert not is_laser_red(image.pixelColor(round(image.width() * 0.75), round(image.height() * 0.5)))
    move_mouse(window, QPointF(window.width() * 0.75, window.height() * 0.2))  # the audience window too
    image = grab(window)
    assert is_laser_red(image.pixelColor(round(image.width() * 0.75), round(image.height() * 0.2)))
    assert window.cursor().shape() == Qt.CursorShape.BlankCursor  # the dot, never the arrow
    qtbot.keyClick(window, Qt.Key.Key_L)
    assert controller.laser is None and count_pixels(grab(window), is_laser_red) == 0
    for off in (Qt.Key.Key_Escape, Qt.Key.Key_Right):  # Esc, or another slide, turn it off too
        qtbot.keyClick(show.console, Qt.Key.Key_L)
        move_mouse(window, QPointF(10, 10))
        assert controller.laser is not None
        qtbot.keyClick(show.console, off)
        assert controller.laser is None and window.isFullScreen()


def test_next_on_the_last_slide_ends_the_show_and_previous_comes_back(
    qtbot: QtBot, start: Callable[..., Show], deck: Path
) -> None:
    show = start(deck, start=2)
    controller = show.controller
    qtbot.waitUntil(lambda: show.window.on_screen_index == 2, timeout=5000)
    qtbot.keyClick(show.console, Qt.Key.Key_Right)
    assert controller.blank is Blank.END and controller.index == 2
    image = grab(show.window)
    dark = count_pixels(image, lambda c: c.lightness() < 8)
    grey = count_pixels(image, lambda c: c.lightness() > 100)
    assert dark > 0.97 * (image.width() // 2) * (image.height() // 2) and grey > 0  # black, small text
    assert all(y < image.height() * 0.2 for y in _bright_rows(image))  # the words sit at the top
    qtbot.keyClick(show.window, Qt.Key.Key_Space)  # next again does nothing
    assert controller.blank is Blank.END
    qtbot.keyClick(show.console, Qt.Key.Key_Left)
    assert controller.blank is Blank.NONE and controller.index == 2


def test_a_looping_show_has_no_end_screen(
    qtbot: QtBot, start: Callable[..., Show], make_deck: Callable[..., Path]
) -> None:
    looping = make_deck(slides=console_slides(), settings={"loop": True})
    show = start(looping, start=2)
    qtbot.keyClick(show.window, Qt.Key.Key_Right)
    assert show.controller.blank is Blank.NONE and show.controller.index == 2


def test_a_click_also_clears_a_half_typed_number(
    qtbot: QtBot, start: Callable[..., Show], deck: Path
) -> None:
    show = start(deck, console=False)
    qtbot.keyClick(show.window, Qt.Key.Key_3)
    qtbot.mouseClick(show.window, Qt.MouseButton.LeftButton)
    assert show.controller.notice is None and show.controller.index == 1
    qtbot.keyClick(show.window, Qt.Key.Key_Return)  # no number left: Enter is "next" again
    assert show.controller.index == 2


def test_swap_with_one_screen_says_so_on_the_console(
    qtbot: QtBot, start: Callable[..., Show], deck: Path
) -> None:
    show = start(deck)
    before = grab(show.window)
    qtbot.keyClick(show.console, Qt.Key.Key_S)
    assert show.controller.notice == "Nothing to swap: the console and the audience share one screen"
    assert grab(show.window) == before


def test_a_dropped_deck_is_remembered_under_its_own_name(
    qtbot: QtBot, start: Callable[..., Show], deck: Path, tmp_path: Path, make_deck: Callable[..., Path]
) -> None:
    show = start(deck)
    first_memory = show.memory
    assert first_memory is not None
    other_folder = tmp_path / "other"
    other_folder.mkdir()
    other = other_folder / "slides.json"
    other.write_text(
        '{"title": "Other", "slides": [{"caption": "a"}, {"caption": "b"}, {"caption": "c"}]}',
        encoding="utf-8",
    )
    with qtbot.waitSignal(show.controller.slide_changed, timeout=2000):
        drop_on(show.window, other)
    assert show.controller.deck.title == "Other"
    memory = show.memory
    assert memory is not None and memory is not first_memory
    qtbot.keyClick(show.window, Qt.Key.Key_Plus)
    qtbot.keyClick(show.console, Qt.Key.Key_Plus)
    qtbot.keyClick(show.window, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: memory.last_slide == 2)  # written once the slide has been painted
    assert memory.caption_scale > 1.0 and memory.notes_scale > 1.0
    assert first_memory.caption_scale == 1.0 and first_memory.notes_scale == 1.0
    assert first_memory.last_slide != 2
    assert load_deck(other).deck is not None


def _salmon(colour: QColor) -> bool:
    """The problem colour, or the edge of a glyph drawn in it on the placeholder's dark grey."""
    red, green, blue = colour.red(), colour.green(), colour.blue()
    return red > 120 and red - green > 40 and abs(green - blue) < 25 and red > blue + 40 and green > 75


def _bright_rows(image: QImage) -> list[int]:
    return [
        y
        for y in range(0, image.height(), 2)
        if any(image.pixelColor(x, y).lightness() > 100 for x in range(0, image.width(), 2))
    ]


def test_each_change_has_its_own_signal(qtbot: QtBot, start: Callable[..., Show], deck: Path) -> None:
    show = start(deck)
    controller = show.controller
    for key, emitted, quiet in (
        (Qt.Key.Key_B, controller.screen_changed, controller.slide_changed),
        (Qt.Key.Key_End, controller.slide_changed, controller.notice_changed),  # ends the black screen too
        (Qt.Key.Key_A, controller.autoplay_changed, controller.slide_changed),
        (Qt.Key.Key_T, controller.timers_changed, controller.screen_changed),
    ):
        with qtbot.waitSignal(emitted, timeout=1000), qtbot.assertNotEmitted(quiet):
            qtbot.keyClick(show.console, key)
    with (
        qtbot.waitSignal(controller.banner_changed, timeout=1000),
        qtbot.assertNotEmitted(controller.screen_changed),
    ):
        controller.set_banner("Not reloaded")
