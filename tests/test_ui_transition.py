"""Transitions without double text: the pictures cross-fade, the captions take turns; a slide moves both."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from slideshow.deck.model import Slide, Transition
from slideshow.render.geometry import Box
from slideshow.render.layout import Placement
from slideshow.render.painter import Layer, SlideView, decode_box, paint_slide, slide_layout
from slideshow.ui.transition import Frame, FrameTransition

SIZE = (960, 540)
OLD = Slide(
    caption="The outgoing caption, in a column beside a portrait photo, long enough to fill several "
    "lines of that column, well above the incoming caption that lies over the bottom of a wide photo.",
    image=Path("old.jpg"),
    place="Erbil",
    date=dt.date(2016, 10, 20),
)
NEW = Slide(caption="The incoming caption, over a wide photo.", image=Path("new.jpg"), place="Bashiqa")


def picture(colour: str, size: tuple[int, int]) -> QImage:
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    return image


@pytest.fixture
def views(qapp: object) -> tuple[SlideView, SlideView]:
    return (
        SlideView(OLD, 1, 2, picture=picture("#b03030", (300, 450))),
        SlideView(NEW, 2, 2, picture=picture("#3050b0", (1600, 900))),
    )


def frame_at(transition: FrameTransition, share: float) -> QImage:
    image = QImage(*SIZE, QImage.Format.Format_RGB32)
    image.fill(QColor("#ff00ff"))  # any of it left shows a hole
    painter = QPainter(image)
    transition.paint(painter, QRectF(0, 0, *SIZE), share)  # started at 0, lasting 1 s
    painter.end()
    return image


def white_text(image: QImage, box: Box) -> int:
    count = 0
    for y in range(int(box.y), int(box.bottom), 2):
        for x in range(int(box.x), int(box.right), 2):
            colour = image.pixelColor(x, y)
            if min(colour.red(), colour.green(), colour.blue()) > 200:
                count += 1
    return count


def words_seen(image: QImage, bare: QImage, box: Box) -> int:
    """Pixels in ``box`` where the frame differs from the same moment with the pictures alone."""
    count = 0
    for y in range(int(box.y), int(box.bottom), 2):
        for x in range(int(box.x), int(box.right), 2):
            a, b = image.pixelColor(x, y), bare.pixelColor(x, y)
            if abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) > 24:
                count += 1
    return count


def without_words(frame: Frame) -> Frame:
    return replace(frame, words=None)


def text_box(view: SlideView) -> Box:
    layout, _ = slide_layout(Box(0, 0, *SIZE), view)
    assert layout.text is not None
    return layout.text


def test_a_fade_lets_the_captions_take_turns(views: tuple[SlideView, SlideView]) -> None:
    old, new = views
    assert slide_layout(Box(0, 0, *SIZE), old)[0].placement is Placement.SIDE
    assert slide_layout(Box(0, 0, *SIZE), new)[0].placement is Placement.OVERLAY
    old_frame, new_frame = Frame.of(old, *SIZE), Frame.of(new, *SIZE)
    fade = FrameTransition(Transition.FADE, 1.0, old_frame, new_frame, forward=True, started=0.0)
    bare = FrameTransition(
        Transition.FADE, 1.0, without_words(old_frame), without_words(new_frame), forward=True, started=0.0
    )
    old_box, new_box = text_box(old), text_box(new)
    # Where only one of the two captions ever is: the old column above the new overlay, and the overlay
    # left of the column.
    old_box = Box(old_box.x, old_box.y, old_box.width, new_box.y - old_box.y - 20)
    new_box = Box(new_box.x, new_box.y, old_box.x - new_box.x - 20, new_box.height)
    assert old_box.height > 30 and new_box.width > 100

    def seen(share: float, box: Box) -> int:
        return words_seen(frame_at(fade, share), frame_at(bare, share), box)

    assert seen(0.0, old_box) > 30 and seen(1.0, new_box) > 30
    for share in (0.1, 0.25, 0.4):
        assert seen(share, old_box) > 0  # the old caption going
        assert seen(share, new_box) == 0  # the new one not yet there: never both
    assert seen(0.5, old_box) == 0 and seen(0.5, new_box) == 0
    for share in (0.6, 0.75, 0.9):
        assert seen(share, old_box) == 0
        assert seen(share, new_box) > 0
    assert seen(0.1, old_box) > seen(0.4, old_box) and seen(0.6, new_box) < seen(0.9, new_box)
    photo = slide_layout(Box(0, 0, *SIZE), old)[0].photo
    for share in (0.0, 0.3, 0.5, 0.7, 1.0):  # never a black frame: the photos cross-fade throughout
        image = frame_at(fade, share)
        point = image.pixelColor(round(photo.x + photo.width / 2), SIZE[1] // 3)
        assert point.red() + point.green() + point.blue() > 150
        assert not any(image.pixelColor(x, y) == QColor("#ff00ff") for x in (0, 479, 959) for y in (0, 539))


def test_a_slide_moves_caption_and_photo_together(views: tuple[SlideView, SlideView]) -> None:
    old, new = views
    old_frame, new_frame = Frame.of(old, *SIZE), Frame.of(new, *SIZE)
    move = FrameTransition(Transition.SLIDE, 1.0, old_frame, new_frame, forward=True, started=0.0)
    halfway = frame_at(move, 0.5)  # eased: exactly half the width
    whole_old = QImage(*SIZE, QImage.Format.Format_RGB32)
    painter = QPainter(whole_old)
    paint_slide(painter, QRectF(0, 0, *SIZE), old)
    painter.end()
    half = SIZE[0] // 2
    assert halfway.copy(0, 0, half, SIZE[1]) == whole_old.copy(half, 0, half, SIZE[1])
    assert white_text(halfway, Box(0, 0, half, SIZE[1])) > 0  # its caption went along with it


def painted(view: SlideView, layer: Layer = Layer.ALL) -> QImage:
    image = QImage(*SIZE, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    paint_slide(painter, QRectF(0, 0, *SIZE), view, layer)
    painter.end()
    return image


def largest_difference(a: QImage, b: QImage) -> int:
    """The largest difference of one colour channel between two images of the same size."""
    assert a.size() == b.size()
    first, second = bytes(a.constBits()), bytes(b.constBits())
    return max(abs(x - y) for x, y in zip(first, second, strict=True))


MORE = [
    Slide(caption="مدينة الموصل القديمة، على الضفة الغربية لنهر دجلة", image=Path("ar.jpg"), place="الموصل"),
    Slide(title="Day one", caption="A text slide: words on a gradient, no photo at all."),
    Slide(caption="Its file is missing: a placeholder names it.", image=Path("missing.jpg")),
]


@pytest.mark.parametrize("index", range(5))
def test_a_transition_starts_and_ends_on_exactly_the_slides_painted_whole(
    views: tuple[SlideView, SlideView], index: int
) -> None:
    """Kept as a photo and a box of words, each slide is still every pixel of itself."""
    old, new = views
    others = [
        old,
        new,
        SlideView(MORE[0], 1, 2, picture=picture("#307030", (1600, 1000))),
        SlideView(MORE[1], 1, 2),
        SlideView(MORE[2], 1, 2, problem="file not found"),
    ]
    view = others[index]
    for kind in (Transition.FADE, Transition.SLIDE):
        start = FrameTransition(
            kind, 1.0, Frame.of(view, *SIZE), Frame.of(new, *SIZE), forward=True, started=0.0
        )
        end = FrameTransition(
            kind, 1.0, Frame.of(old, *SIZE), Frame.of(view, *SIZE), forward=True, started=0.0
        )
        assert largest_difference(frame_at(start, 0.0), painted(view)) <= 2  # a scrim's rounding
        assert largest_difference(frame_at(end, 1.0), painted(view)) <= 2


def decoded_for_its_box(view: SlideView, colour: str) -> SlideView:
    """``view`` with its picture at the size the pipeline decodes it for, drawn 1:1."""
    assert view.picture is not None
    size = decode_box(Box(0, 0, *SIZE), view, (view.picture.width(), view.picture.height()))
    return replace(view, picture=picture(colour, size))


def test_a_photo_slides_frame_keeps_the_cached_picture_and_only_the_words_box(
    views: tuple[SlideView, SlideView],
) -> None:
    for shape in views:
        view = decoded_for_its_box(shape, "#a0a0a0")
        frame = Frame.of(view, *SIZE)
        assert frame.picture is None and frame.photo is not None  # no copy of the whole window
        assert view.picture is not None and frame.photo.picture.cacheKey() == view.picture.cacheKey()
        assert frame.words is not None
        assert frame.words.width() * frame.words.height() < SIZE[0] * SIZE[1] / 2
    hidden = replace(view, captions_hidden=True)
    assert Frame.of(hidden, *SIZE).words is None


@pytest.mark.parametrize("one_to_one", [True, False])
def test_halfway_through_a_fade_each_pixel_is_half_of_each_picture(
    views: tuple[SlideView, SlideView], one_to_one: bool
) -> None:
    old, new = views
    if one_to_one:  # kept as photos on black; else as painted layers
        old, new = decoded_for_its_box(old, "#d04040"), decoded_for_its_box(new, "#4060e0")
    assert (Frame.of(old, *SIZE).photo is not None) is one_to_one
    fade = FrameTransition(
        Transition.FADE,
        1.0,
        without_words(Frame.of(old, *SIZE)),
        without_words(Frame.of(new, *SIZE)),
        forward=True,
        started=0.0,
    )
    middle = frame_at(fade, 0.5)  # eased: the new picture at exactly half
    before, after = painted(old, Layer.PICTURE), painted(new, Layer.PICTURE)
    for x in range(0, SIZE[0], 37):
        for y in range(0, SIZE[1], 23):
            a, b, m = before.pixelColor(x, y), after.pixelColor(x, y), middle.pixelColor(x, y)
            for channel in ("red", "green", "blue"):
                expected = (getattr(a, channel)() + getattr(b, channel)()) / 2
                assert abs(getattr(m, channel)() - expected) <= 2, (x, y, channel)
