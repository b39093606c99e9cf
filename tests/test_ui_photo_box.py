"""The audience window asks for the picture at the size its layout draws the photo: never rescaled per paint.

With the caption beside or below the photo, the photo's box is smaller than the window. The picture the
pipeline delivers must have that box's size in device pixels, and the window must show it pixel for
pixel; the +/- keys and C change the box, and the window asks again while the old picture stays up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from conftest import make_photo
from slideshow.deck import load_deck
from slideshow.deck.model import Fit
from slideshow.imaging.header import header_size
from slideshow.imaging.job import HeadStart
from slideshow.imaging.pipeline import PictureKey, PicturePipeline
from slideshow.render.geometry import Box
from slideshow.render.layout import Placement
from slideshow.render.painter import SlideView, picture_rect, slide_layout
from slideshow.ui.controller import ShowController
from slideshow.ui.window import SlideWindow
from test_imaging_region import UPRIGHT, stored

PHOTO = (1200, 800)  # 3:2, on a 4:3 window: the caption goes below and the photo gives up some height
WINDOW = (800, 600)
CAPTION = "Families who fled their homes queue at the gate of Degaba camp before dawn, waiting for the"


class Delivered:
    """Every picture the pipeline hands over, by key."""

    def __init__(self, pipeline: PicturePipeline) -> None:
        self.pictures: dict[PictureKey, QImage] = {}
        pipeline.picture_ready.connect(self.pictures.__setitem__)


@pytest.fixture
def window(qtbot: QtBot, make_deck: Callable[..., Path]) -> Iterator[tuple[SlideWindow, Delivered]]:
    yield from _window(
        qtbot,
        make_deck(
            slides=[
                {"photo": PHOTO, "caption": CAPTION, "place": "Makhmour, Iraq", "date": "2016-10-20"},
                {"photo": PHOTO, "caption": CAPTION},
            ],
            settings={"transition": "none"},
        ),
    )


def _window(qtbot: QtBot, deck_file: Path) -> Iterator[tuple[SlideWindow, Delivered]]:
    deck = load_deck(deck_file).deck
    assert deck is not None
    pipeline = PicturePipeline()
    delivered = Delivered(pipeline)
    widget = SlideWindow(ShowController(deck), pipeline)
    qtbot.addWidget(widget)
    widget.resize(*WINDOW)
    widget.show_on(None, fullscreen=False)
    widget.resize(*WINDOW)
    qtbot.waitUntil(lambda: widget.size().toTuple() == WINDOW)
    yield widget, delivered
    pipeline.shutdown()


def _layout(window: SlideWindow, photo: tuple[int, int] = PHOTO) -> tuple[Placement, Box]:
    """The painting function's own layout of the current slide, for the photo's full size."""
    controller = window._controller
    view = SlideView.of(
        controller.deck,
        controller.index,
        caption_scale=window.caption_size / 100,
        captions_hidden=controller.captions_hidden,
    )
    layout, _ = slide_layout(Box(0, 0, window.width(), window.height()), view, photo)
    return layout.placement, layout.photo


def _exact_picture(qtbot: QtBot, window: SlideWindow, delivered: Delivered) -> QImage:
    """The picture delivered for the key the window wants now, once it is on screen."""
    qtbot.waitUntil(lambda: window.picture_key() in delivered.pictures, timeout=5000)
    qtbot.waitUntil(lambda: window.on_screen_index == window._controller.index)
    key = window.picture_key()
    assert key is not None
    return delivered.pictures[key]


def _assert_drawn_one_to_one(window: SlideWindow, picture: QImage, photo: Box) -> None:
    """The picture has the photo box's size and the window shows exactly its pixels there (below the top
    third, where a notice such as "Caption size 120 %" may lie over the photo)."""
    assert abs(picture.width() - photo.width) <= 1 and abs(picture.height() - photo.height) <= 1
    target = picture_rect(photo, picture).toRect()
    assert target.size() == picture.size()
    skip = target.height() // 3
    shown = window.grab().toImage().copy(target.adjusted(0, skip, 0, 0))
    expected = picture.copy(QRect(0, skip, picture.width(), picture.height() - skip))
    rgb = QImage.Format.Format_RGB32
    assert shown.convertToFormat(rgb) == expected.convertToFormat(rgb)


def test_the_picture_is_decoded_for_the_photo_box_and_drawn_pixel_for_pixel(
    qtbot: QtBot, window: tuple[SlideWindow, Delivered]
) -> None:
    widget, delivered = window
    placement, photo = _layout(widget)
    assert placement is Placement.BELOW and photo.height < WINDOW[0] * PHOTO[1] / PHOTO[0] - 1
    picture = _exact_picture(qtbot, widget, delivered)
    _assert_drawn_one_to_one(widget, picture, photo)
    qtbot.keyClick(widget, Qt.Key.Key_Right)  # the neighbour was decoded for its own box too
    qtbot.waitUntil(lambda: widget.on_screen_index == 1)
    _assert_drawn_one_to_one(widget, _exact_picture(qtbot, widget, delivered), _layout(widget)[1])


def test_a_bigger_caption_or_none_asks_again_and_the_old_picture_stays_up_meanwhile(
    qtbot: QtBot, window: tuple[SlideWindow, Delivered]
) -> None:
    widget, delivered = window
    first = _exact_picture(qtbot, widget, delivered)
    before = _layout(widget)[1]
    qtbot.keyClick(widget, Qt.Key.Key_Plus)
    qtbot.keyClick(widget, Qt.Key.Key_Plus)
    after = _layout(widget)[1]
    assert after.height < before.height - 2
    # Before the new picture is delivered, the old one is drawn scaled into the new box: no black frame.
    centre = widget.grab().toImage().pixelColor(round(after.x + after.width / 4), round(after.y + 10))
    assert centre.value() > 40 and widget.on_screen_index == 0
    bigger = _exact_picture(qtbot, widget, delivered)
    assert bigger.size() != first.size()
    _assert_drawn_one_to_one(widget, bigger, after)

    qtbot.keyClick(widget, Qt.Key.Key_C)  # captions hidden: the photo takes the whole window's fit
    placement, photo = _layout(widget)
    assert placement is Placement.NONE and round(photo.width) == WINDOW[0]
    alone = _exact_picture(qtbot, widget, delivered)
    _assert_drawn_one_to_one(widget, alone, photo)


def test_a_resized_window_asks_for_its_new_box(qtbot: QtBot, window: tuple[SlideWindow, Delivered]) -> None:
    widget, delivered = window
    _exact_picture(qtbot, widget, delivered)
    widget.resize(640, 480)
    qtbot.waitUntil(lambda: widget.size().toTuple() == (640, 480))
    picture = _exact_picture(qtbot, widget, delivered)
    _assert_drawn_one_to_one(widget, picture, _layout(widget)[1])
    assert QRect(0, 0, 640, 480).contains(picture_rect(_layout(widget)[1], picture).toRect())


@pytest.mark.parametrize("orientation", range(1, 9))
@pytest.mark.parametrize("suffix", ["jpg", "png"])
def test_the_upright_size_is_read_from_the_header(tmp_path: Path, orientation: int, suffix: str) -> None:
    assert header_size(stored(tmp_path, orientation, suffix)) == UPRIGHT


def test_a_file_that_is_no_picture_has_no_header_size(tmp_path: Path) -> None:
    (tmp_path / "notes.jpg").write_text("not a picture", encoding="utf-8")
    assert header_size(tmp_path / "notes.jpg") is None
    assert header_size(tmp_path / "gone.jpg") is None


def test_a_turned_png_is_decoded_for_the_upright_photo_box(
    qtbot: QtBot, tmp_path: Path, make_deck: Callable[..., Path]
) -> None:
    """Whatever the header told, the picture the window keeps is the one for the upright photo's box."""
    photo = stored(tmp_path, 6, "png")
    deck_file = make_deck(slides=[{"image": photo.name, "caption": CAPTION}], settings={"transition": "none"})
    for widget, delivered in _window(qtbot, deck_file):
        placement, box = _layout(widget, UPRIGHT)
        assert placement is Placement.BELOW
        _assert_drawn_one_to_one(widget, _exact_picture(qtbot, widget, delivered), box)


def test_the_start_up_decode_of_another_size_stands_in_until_the_picture_asked_for(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = make_photo(tmp_path / "a.jpg", (320, 180))
    head_start = HeadStart(PictureKey(path, 160, 90, Fit.CONTAIN))  # before the caption was laid out
    pipeline = PicturePipeline()
    stand_ins: list[PictureKey] = []
    pipeline.stand_in_ready.connect(lambda key, _image: stand_ins.append(key))
    try:
        pipeline.adopt(head_start)
        with qtbot.waitSignal(pipeline.picture_ready, timeout=5000) as blocker:
            pipeline.request(PictureKey(path, 320, 180, Fit.CONTAIN))
        assert blocker.args[1].width() == 320
        qtbot.waitUntil(pipeline.is_idle, timeout=5000)
        assert stand_ins == [head_start.job.key]
        other = pipeline.stand_in(PictureKey(path, 640, 360, Fit.CONTAIN))  # any size of it, cached
        assert other is not None and other.width() in (160, 320)
        assert pipeline.stand_in(PictureKey(path, 640, 360, Fit.COVER)) is None  # fitted otherwise
    finally:
        pipeline.shutdown()
