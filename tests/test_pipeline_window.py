"""The pipeline as the audience window uses it: what is decoded, when, and what stays on screen meanwhile.

The parts are wired by hand (as the composition root does) so a test can give the pipeline one worker
and a gate around the decoder: it holds a chosen file mid-decode, so "the user moved on before the
picture came" is a certainty, not a race. Waiting is always qtbot.waitUntil / waitSignal.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from _gated_decoder import GatedDecoder
from slideshow.deck import load_deck
from slideshow.imaging.pipeline import PictureKey, PicturePipeline
from slideshow.ui.controller import ShowController
from slideshow.ui.window import SlideWindow

COLOURS = ["#c03030", "#30c030", "#3030c0", "#c0c030", "#30c0c0", "#c030c0", "#808080", "#f08000"]
SIZE = (640, 360)


@dataclass
class Rig:
    controller: ShowController
    pipeline: PicturePipeline
    window: SlideWindow
    gate: GatedDecoder
    images: list[Path]

    def key(self, index: int) -> PictureKey:
        """The key the window asks for: the photo's box in device pixels."""
        key = self.window.picture_key(index)
        assert key is not None and key.path == self.images[index]
        return key

    def colour(self) -> QColor:
        image = self.window.grab().toImage()
        return image.pixelColor(image.width() // 2, image.height() // 3)


@pytest.fixture
def rig(qtbot: QtBot, tmp_path: Path) -> Iterator[Callable[..., Rig]]:
    made: list[Rig] = []
    gate = GatedDecoder()

    def build(*, threads: int = 1, cache_bytes: int = 64 * 2**20, hold: tuple[int, ...] = ()) -> Rig:
        (tmp_path / "assets").mkdir(exist_ok=True)
        images = []
        for number, colour in enumerate(COLOURS):
            path = tmp_path / "assets" / f"{number}.png"
            Image.new("RGB", (400, 300), colour).save(path)  # 4:3, so a 16:9 window shows bars
            images.append(path)
        deck_file = tmp_path / "slides.json"
        slides = ",".join(
            f'{{"image": "assets/{n}.png", "caption": "Slide {n}"}}' for n in range(len(COLOURS))
        )
        settings = '{"transition": "none"}'  # the screen shows the new slide at once, not mid-fade
        deck_file.write_text(
            f'{{"title": "Gate", "settings": {settings}, "slides": [{slides}]}}', encoding="utf-8"
        )
        deck = load_deck(deck_file).deck
        assert deck is not None
        gate.hold.update(images[i].name for i in hold)
        pipeline = PicturePipeline(threads=threads, cache_bytes=cache_bytes, decode=gate)
        controller = ShowController(deck)
        window = SlideWindow(controller, pipeline)
        qtbot.addWidget(window)
        window.resize(*SIZE)
        window.show()
        made.append(Rig(controller, pipeline, window, gate, images))
        return made[-1]

    yield build
    gate.release.set()
    for made_rig in made:
        made_rig.window.allow_close()
        made_rig.pipeline.shutdown()


def shown_on_screen(qtbot: QtBot, rig: Rig, index: int) -> None:
    qtbot.waitUntil(lambda: rig.window.on_screen_index == index, timeout=5000)


def test_a_jump_cancels_queued_prefetches_and_drops_the_picture_of_the_slide_left(
    qtbot: QtBot, rig: Callable[..., Rig]
) -> None:
    r = rig(hold=(0,))
    qtbot.waitUntil(lambda: r.gate.held == ["0.png"], timeout=5000)  # slide 1 is mid-decode
    ready: list[PictureKey] = []
    shown: list[int] = []
    r.pipeline.picture_ready.connect(lambda key, image: ready.append(key))
    r.window.picture_shown.connect(shown.append)

    r.controller.go_to(5)  # a jump while slide 1 decodes and slide 2 waits as its prefetch
    r.gate.release.set()
    shown_on_screen(qtbot, r, 5)
    qtbot.waitUntil(r.pipeline.is_idle, timeout=5000)

    assert r.gate.calls[:2] == ["0.png", "5.png"]  # the current slide decodes first
    assert sorted(r.gate.calls[2:]) == ["4.png", "6.png"]  # then its neighbours; never slide 2
    assert r.key(0) not in ready and shown == [5]  # slide 1 arrived after it was left: not shown
    assert r.colour() == QColor(COLOURS[5])


def test_the_old_picture_stays_until_the_new_one_is_ready(qtbot: QtBot, rig: Callable[..., Rig]) -> None:
    r = rig(hold=(7,))
    shown_on_screen(qtbot, r, 0)
    r.window.setFocus()
    qtbot.keyClick(r.window, Qt.Key.Key_End)  # slide 8 is far from any prefetch: decoded now
    qtbot.waitUntil(lambda: "7.png" in r.gate.held, timeout=5000)
    assert r.controller.index == 7
    assert r.window.on_screen_index == 0 and r.colour() == QColor(COLOURS[0])  # never a black frame
    r.gate.release.set()
    shown_on_screen(qtbot, r, 7)
    assert r.colour() == QColor(COLOURS[7])


def test_a_shorter_deck_keeps_the_old_picture_until_its_own_is_ready(
    qtbot: QtBot, rig: Callable[..., Rig], tmp_path: Path
) -> None:
    """A reloaded or dropped deck may have fewer slides than the index still on screen."""
    r = rig()
    r.controller.go_to(7)
    shown_on_screen(qtbot, r, 7)
    short_file = tmp_path / "short.json"
    short_file.write_text(
        '{"title": "Short", "settings": {"transition": "none"},'
        ' "slides": [{"image": "assets/2.png", "caption": "Only"}]}',
        encoding="utf-8",
    )
    short = load_deck(short_file).deck
    assert short is not None
    r.gate.hold.add("2.png")
    r.controller.replace_deck(short)
    qtbot.waitUntil(lambda: "2.png" in r.gate.held, timeout=5000)
    assert r.window.on_screen_index == 7 and r.colour() == QColor(COLOURS[7])  # painted, no IndexError
    r.gate.release.set()
    shown_on_screen(qtbot, r, 0)
    assert r.colour() == QColor(COLOURS[2])


def test_the_cache_keeps_the_current_slide_and_its_neighbours_within_its_budget(
    qtbot: QtBot, rig: Callable[..., Rig]
) -> None:
    picture = SIZE[1] * 4 // 3 * SIZE[1] * 4  # 480x360 pixels, 4 bytes each
    r = rig(threads=2, cache_bytes=4 * picture)
    for index in range(len(COLOURS)):
        r.controller.go_to(index)
        shown_on_screen(qtbot, r, index)
        neighbours = [i for i in (index - 1, index, index + 1) if 0 <= i < len(COLOURS)]
        qtbot.waitUntil(lambda n=neighbours: all(r.pipeline.cached(r.key(i)) for i in n), timeout=5000)
        qtbot.waitUntil(r.pipeline.is_idle, timeout=5000)
        assert r.pipeline.cache.bytes_used <= r.pipeline.cache.max_bytes
    assert len(r.pipeline.cache) == 4  # the budget is used, not exceeded


def test_resizing_decodes_again_at_the_new_size_while_the_old_picture_stays_in_proportion(
    qtbot: QtBot, rig: Callable[..., Rig]
) -> None:
    r = rig()
    shown_on_screen(qtbot, r, 0)
    old = r.key(0)
    qtbot.waitUntil(r.pipeline.is_idle, timeout=5000)
    r.gate.hold.add("0.png")
    r.gate.release.clear()
    r.gate.held.clear()
    r.window.resize(800, 300)
    qtbot.waitUntil(lambda: "0.png" in r.gate.held, timeout=5000)  # re-decoding at 800x300
    new = r.key(0)
    assert (new.width, new.height) != (old.width, old.height)

    frame = r.window.grab().toImage()  # meanwhile: the old picture, scaled to fit, with black bars
    height = frame.height()
    row = [frame.pixelColor(x, height // 3) for x in range(frame.width())]
    picture_columns = [x for x, colour in enumerate(row) if colour == QColor(COLOURS[0])]
    left, right = picture_columns[0], picture_columns[-1]
    assert right - left + 1 == pytest.approx(
        height * 4 / 3, abs=2
    )  # a 4:3 picture, full height: in proportion
    assert len(picture_columns) == right - left + 1  # one picture, not pieces of it
    assert QColor("#000000") in row[:left] or QColor("#000000") in row[right + 1 :]  # with black beside it

    r.gate.release.set()
    qtbot.waitUntil(lambda: r.pipeline.cached(new) is not None, timeout=5000)
    picture = r.pipeline.cached(new)
    assert picture is not None and (picture.width(), picture.height()) == (new.height * 4 // 3, new.height)


def test_a_changed_photo_is_picked_up_the_next_time_its_slide_is_shown(
    qtbot: QtBot, rig: Callable[..., Rig]
) -> None:
    r = rig(threads=2)
    shown_on_screen(qtbot, r, 0)
    assert r.colour() == QColor(COLOURS[0])
    r.window.setFocus()
    qtbot.keyClick(r.window, Qt.Key.Key_Right)
    shown_on_screen(qtbot, r, 1)
    qtbot.waitUntil(lambda: r.pipeline.cached(r.key(0)) is not None, timeout=5000)  # slide 1 is cached

    Image.new("RGB", (400, 300), "#ffffff").save(r.images[0])  # edited while the show runs
    st = r.images[0].stat()
    os.utime(r.images[0], ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))  # coarse file clocks

    qtbot.keyClick(r.window, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: r.window.on_screen_index == 0 and r.colour() == QColor("#ffffff"), timeout=5000)
    assert r.gate.calls.count("0.png") == 2


def test_autoplay_prefetches_the_next_two_slides(qtbot: QtBot, rig: Callable[..., Rig]) -> None:
    r = rig(threads=2)
    shown_on_screen(qtbot, r, 0)
    qtbot.waitUntil(r.pipeline.is_idle, timeout=5000)
    assert r.pipeline.cached(r.key(1)) is not None and r.pipeline.cached(r.key(2)) is None
    r.window.setFocus()
    qtbot.keyClick(r.window, Qt.Key.Key_A)  # autoplay on: it only goes forward
    qtbot.waitUntil(lambda: r.pipeline.cached(r.key(2)) is not None, timeout=5000)


def test_the_sharp_picture_replaces_the_fast_one_and_is_ready_for_the_next_press(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The first slide goes up fast and is then repainted sharp; its neighbour is made sharp while the
    briefer talks, so the next press shows the sharp picture at once and nothing repaints after it."""
    (tmp_path / "assets").mkdir()
    for number in range(3):
        hatching = Image.new("RGB", (1600, 1200), (70, 70, 70))
        for x in range(number, 1600, 6):
            hatching.paste((230, 220, 200), (x, 0, x + 2, 1200))
        hatching.save(tmp_path / "assets" / f"{number}.jpg", quality=92)
    slides = ",".join(f'{{"image": "assets/{n}.jpg", "caption": "Slide {n}"}}' for n in range(3))
    (tmp_path / "slides.json").write_text(
        f'{{"title": "Sharp", "settings": {{"transition": "none"}}, "slides": [{slides}]}}', encoding="utf-8"
    )
    deck = load_deck(tmp_path / "slides.json").deck
    assert deck is not None
    pipeline = PicturePipeline()
    window = SlideWindow(ShowController(deck), pipeline)
    qtbot.addWidget(window)
    shown: list[int] = []
    window.picture_shown.connect(shown.append)
    try:
        with qtbot.waitSignal(window.picture_shown, timeout=5000):
            window.resize(*SIZE)
            window.show()
        first = window.grab().toImage()
        qtbot.waitUntil(lambda: pipeline.is_idle() and shown.count(0) >= 2, timeout=10000)
        assert window.grab().toImage() != first  # repainted with the sharp picture

        qtbot.keyClick(window, Qt.Key.Key_Right)
        qtbot.waitUntil(lambda: 1 in shown and pipeline.is_idle(), timeout=10000)
        assert shown.count(1) == 1  # already sharp when the key was pressed: no second paint
    finally:
        window.allow_close()
        pipeline.shutdown()
