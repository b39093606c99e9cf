"""The presenter's caption keys in the real window: the size ladder with its notice, Ctrl+0, and C."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from slideshow.core.caption_size import CAPTION_SIZES, nearest_size, size_notice, stepped
from slideshow.core.keymap import Action, KeyInterpreter
from slideshow.deck import load_deck
from slideshow.imaging.pipeline import PicturePipeline
from slideshow.render.geometry import Box
from slideshow.render.painter import SlideView, slide_layout
from slideshow.ui.controller import ShowController
from slideshow.ui.memory import DeckMemory
from slideshow.ui.window import SlideWindow

CAPTION = "Families who fled their homes queue at the gate of Degaba camp before dawn."


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, make_deck: Callable[..., Path]) -> Iterator[SlideWindow]:
    (tmp_path / "assets").mkdir()
    Image.new("RGB", (300, 450), "#2a6f97").save(tmp_path / "assets" / "portrait.png")
    deck_file = make_deck(
        slides=[
            {"image": "assets/portrait.png", "caption": CAPTION, "place": "Makhmour", "date": "2016-10-20"},
            {"image": "assets/portrait.png", "caption": CAPTION},
        ],
        settings={"transition": "none"},
    )
    deck = load_deck(deck_file).deck
    assert deck is not None
    memory = DeckMemory(deck_file, QSettings(str(tmp_path / "memory.ini"), QSettings.Format.IniFormat))
    pipeline = PicturePipeline()
    widget = SlideWindow(ShowController(deck), pipeline, memory=memory)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.picture_shown, timeout=5000):
        widget.resize(800, 450)
        widget.show_on(None, fullscreen=False)
    widget.resize(800, 450)
    qtbot.waitUntil(lambda: widget.on_screen_index == 0 and widget.width() == 800)
    yield widget
    pipeline.shutdown()


def test_the_ladder_has_fixed_steps_and_stops_at_its_ends() -> None:
    assert CAPTION_SIZES == (70, 80, 90, 100, 110, 120, 130, 140, 150, 160)
    assert stepped(100, 1) == 110 and stepped(100, -1) == 90
    assert stepped(160, 1) == 160 and stepped(70, -1) == 70
    assert nearest_size(1.06) == 110 and nearest_size(0.97) == 100 and nearest_size(5.0) == 160
    assert size_notice(110) == "Caption size 110 %" and size_notice(160).endswith("(largest)")


def test_c_and_ctrl_0_are_in_the_key_table() -> None:
    keys = KeyInterpreter()
    command_c, command_reset = keys.press("C"), keys.press("Ctrl+0")
    assert command_c is not None and command_c.action is Action.TOGGLE_CAPTIONS
    assert command_reset is not None and command_reset.action is Action.CAPTION_RESET
    assert keys.press("0") is None and keys.pending_digits == "0"  # a bare 0 still types a slide number
    assert KeyInterpreter(kiosk=True).press("C") is None


def test_plus_and_minus_step_the_ladder_and_say_so(qtbot: QtBot, window: SlideWindow) -> None:
    controller = window._controller
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_Minus)
    assert window.caption_size == 70 and controller.notice == "Caption size 70 % (smallest)"
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_Plus)
    assert window.caption_size == 100 and controller.notice == "Caption size 100 %"  # exactly back
    qtbot.keyClick(window, Qt.Key.Key_Equal)
    assert window.caption_size == 110 and controller.notice == "Caption size 110 %"
    for _ in range(10):
        qtbot.keyClick(window, Qt.Key.Key_Plus)
    assert window.caption_size == 160
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.caption_size == 100 and controller.notice == "Caption size 100 %"
    assert controller.keys.pending_digits == ""  # Ctrl+0 is not the digit 0
    assert window._memory is not None and window._memory.caption_scale == 1.0


def test_the_caption_grows_on_screen_with_the_ladder(qtbot: QtBot, window: SlideWindow) -> None:
    def caption_box() -> Box:
        view = SlideView.of(window._controller.deck, 0, caption_scale=window.caption_size / 100)
        layout, _ = slide_layout(Box(0, 0, window.width(), window.height()), _with_picture(view))
        assert layout.text is not None
        return layout.text

    before = caption_box()
    qtbot.keyClick(window, Qt.Key.Key_Plus)
    qtbot.keyClick(window, Qt.Key.Key_Plus)
    after = caption_box()
    assert after.height > before.height


def test_c_hides_every_caption_on_the_audience_screen_until_pressed_again(
    qtbot: QtBot, window: SlideWindow
) -> None:
    def text_pixels() -> int:
        image = window.grab().toImage()
        layout, _ = slide_layout(
            Box(0, 0, window.width(), window.height()),
            _with_picture(SlideView.of(window._controller.deck, window._controller.index)),
        )
        photo = QRect(round(layout.photo.right) + 2, 0, window.width() - round(layout.photo.right) - 2, 450)
        return _bright(image, photo)

    assert text_pixels() > 50  # the caption column beside the portrait photo
    qtbot.keyClick(window, Qt.Key.Key_C)
    assert window._controller.captions_hidden
    qtbot.waitUntil(lambda: text_pixels() == 0)
    assert window._controller.notice is None  # nothing on the audience screen says so
    qtbot.keyClick(window, Qt.Key.Key_Right)  # stays hidden on the next slide
    qtbot.waitUntil(lambda: window.on_screen_index == 1)
    assert text_pixels() == 0
    qtbot.keyClick(window, Qt.Key.Key_C)
    qtbot.waitUntil(lambda: text_pixels() > 50)


def _with_picture(view: SlideView) -> SlideView:
    from dataclasses import replace

    return replace(view, picture=QImage(300, 450, QImage.Format.Format_RGB32))


def _bright(image: QImage, rect: QRect) -> int:
    scale = image.width() / 800
    count = 0
    for y in range(round(rect.top() * scale), round(rect.bottom() * scale), 2):
        for x in range(round(rect.left() * scale), round(rect.right() * scale), 2):
            colour = image.pixelColor(x, y)
            if colour.red() + colour.green() + colour.blue() > 450:
                count += 1
    return count
