"""Zoom to detail through the real window offscreen: Z, Ctrl + wheel, drag, Shift + arrows, the sharp
region from the original replacing the enlarged picture, the reset on navigation, the console's mirror."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageStat
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QNativeGestureEvent, QPointingDevice, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from _gated_decoder import GatedDecoder
from slideshow.deck import load_deck
from slideshow.ui.app import Show, ShowOptions, build_show, show_pipeline
from test_imaging_picture import as_pillow

PHOTO = (1600, 1200)
WINDOW = (640, 360)


def detailed_photo(path: Path) -> Path:
    """Four coloured quarters covered in one-pixel lines: fitted to 640x360 they blur to a flat tint, at
    100 % every line shows."""
    width, height = PHOTO
    picture = Image.new("RGB", PHOTO)
    draw = ImageDraw.Draw(picture)
    colours = [(200, 40, 40), (40, 170, 40), (40, 60, 200), (210, 190, 40)]
    for n, colour in enumerate(colours):
        x, y = (n % 2) * width // 2, (n // 2) * height // 2
        draw.rectangle([x, y, x + width // 2 - 1, y + height // 2 - 1], fill=colour)
    for x in range(0, width, 3):
        draw.line([x, 0, x, height], fill=(255, 255, 255))
    picture.save(path)
    return path


@pytest.fixture
def zoom_deck(tmp_path: Path, make_deck: Callable[..., Path]) -> Path:
    detailed_photo(tmp_path / "map.png")
    return make_deck(
        slides=[
            {"image": "map.png", "caption": "The map"},
            {"photo": (640, 480), "caption": "Next"},
            {"title": "A text slide", "caption": "No zoom here"},
        ],
        settings={"transition": "none"},
    )


@pytest.fixture
def start(qtbot: QtBot) -> Iterator[Callable[..., Show]]:
    shows: list[Show] = []

    def begin(deck_path: Path, *, console: bool = False, decode: GatedDecoder | None = None) -> Show:
        deck = load_deck(deck_path).deck
        assert deck is not None
        options = ShowOptions(remember=False)
        screen = QGuiApplication.primaryScreen()
        pipeline = show_pipeline(options, screen, decode=decode) if decode is not None else None
        show = build_show(deck, options, pipeline, console=console)
        shows.append(show)
        qtbot.addWidget(show.window)
        with qtbot.waitSignal(show.window.picture_shown, timeout=5000):
            show.window.resize(*WINDOW)
            show.window.show()
        return show

    yield begin
    for show in shows:
        zoom = show.window.zoom
        if zoom is not None:
            zoom.details.shutdown()
        if show.console is not None:
            show.console.allow_close()
            show.console.close()
        show.shutdown()
        show.window.allow_close()


def wheel(show: Show, at: QPointF, notches: float, ctrl: bool = True) -> None:
    modifiers = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    event = QWheelEvent(
        at,
        show.window.mapToGlobal(at),
        QPoint(),
        QPoint(0, round(120 * notches)),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(show.window, event)


def photo_point(show: Show, x: float, y: float) -> tuple[float, float]:
    """The photo pixel under window point (x, y)."""
    view = show.controller.zoom
    assert view is not None
    point = view.photo_point((x, y))
    assert point is not None
    return point


def test_z_toggles_between_the_whole_photo_and_100_percent_at_the_pointer(
    qtbot: QtBot, start: Callable[..., Show], zoom_deck: Path
) -> None:
    show = start(zoom_deck)
    # The photo (4:3) is fitted to 480x360 in the middle of 640x360: window x 200 is photo x 400.
    qtbot.mouseMove(show.window, QPoint(200, 90))
    qtbot.keyClick(show.window, Qt.Key.Key_Z)
    view = show.controller.zoom
    assert view is not None and view.scale == 1.0
    assert view.centre == pytest.approx((400, 300), abs=1)
    assert show.controller.index == 0
    qtbot.keyClick(show.window, Qt.Key.Key_Z)
    assert show.controller.zoom is None


def test_z_with_the_pointer_beside_the_photo_centres_on_its_middle(
    qtbot: QtBot, start: Callable[..., Show], zoom_deck: Path
) -> None:
    show = start(zoom_deck)
    qtbot.mouseMove(show.window, QPoint(30, 180))  # the black bar left of the photo
    qtbot.keyClick(show.window, Qt.Key.Key_Z)
    assert show.controller.zoom is not None and show.controller.zoom.centre == (800, 600)


def test_ctrl_wheel_zooms_around_the_pointer_and_the_plain_wheel_still_turns_slides(
    qtbot: QtBot, start: Callable[..., Show], zoom_deck: Path
) -> None:
    show = start(zoom_deck)
    at = QPointF(300, 150)
    wheel(show, at, 1)
    view = show.controller.zoom
    assert view is not None and view.scale == pytest.approx(0.3 * 1.25)
    before = photo_point(show, 300, 150)
    wheel(show, at, 2)
    assert photo_point(show, 300, 150) == pytest.approx(before, abs=0.5)
    wheel(show, at, 30)
    assert show.controller.zoom is not None and show.controller.zoom.scale == 4.0  # 400 % at most
    wheel(show, at, -40)
    assert show.controller.zoom is None  # back to the whole photo, never smaller
    assert show.controller.index == 0
    wheel(show, at, 1)
    wheel(show, at, -1, ctrl=False)
    qtbot.waitUntil(lambda: show.controller.index == 1)
    assert show.controller.zoom is None


def test_a_pinch_zooms_around_the_fingers(qtbot: QtBot, start: Callable[..., Show], zoom_deck: Path) -> None:
    show = start(zoom_deck)
    at = QPointF(300, 150)
    pinch = QNativeGestureEvent(
        Qt.NativeGestureType.ZoomNativeGesture,
        QPointingDevice.primaryPointingDevice(),
        2,
        at,
        at,
        show.window.mapToGlobal(at),
        0.5,
        QPointF(),
    )
    QApplication.sendEvent(show.window, pinch)
    view = show.controller.zoom
    assert view is not None and view.scale == pytest.approx(0.3 * 1.5)
    assert show.controller.index == 0


def test_dragging_pans_a_zoomed_photo_and_does_not_turn_the_slide(
    qtbot: QtBot, start: Callable[..., Show], zoom_deck: Path
) -> None:
    show = start(zoom_deck)
    qtbot.keyClick(show.window, Qt.Key.Key_Z)
    centre = show.controller.zoom.centre  # type: ignore[union-attr]
    qtbot.mousePress(show.window, Qt.MouseButton.LeftButton, pos=QPoint(300, 200))
    qtbot.mouseMove(show.window, QPoint(340, 170))
    qtbot.mouseRelease(show.window, Qt.MouseButton.LeftButton, pos=QPoint(340, 170))
    assert show.controller.zoom is not None
    assert show.controller.zoom.centre == (centre[0] - 40, centre[1] + 30)
    assert show.controller.index == 0
    qtbot.keyClick(show.window, Qt.Key.Key_Z)
    qtbot.mouseClick(show.window, Qt.MouseButton.LeftButton, pos=QPoint(300, 200))  # unzoomed: next
    qtbot.waitUntil(lambda: show.controller.index == 1)


@pytest.mark.parametrize(
    "key", [Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_PageDown, Qt.Key.Key_Home, Qt.Key.Key_End]
)
def test_shift_arrows_pan_and_every_navigation_key_returns_to_the_whole_photo(
    qtbot: QtBot, start: Callable[..., Show], zoom_deck: Path, key: Qt.Key
) -> None:
    show = start(zoom_deck)
    qtbot.keyClick(show.window, Qt.Key.Key_Z)
    centre = show.controller.zoom.centre  # type: ignore[union-attr]
    qtbot.keyClick(show.window, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(show.window, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    assert show.controller.zoom is not None
    assert show.controller.zoom.centre == (centre[0] + 0.2 * WINDOW[0], centre[1] - 0.2 * WINDOW[1])
    assert show.controller.index == 0
    qtbot.keyClick(show.window, key)
    assert show.controller.zoom is None
    qtbot.waitUntil(lambda: show.window.on_screen_index == show.controller.index)


def test_a_new_window_size_shows_the_whole_photo_again(
    qtbot: QtBot, start: Callable[..., Show], zoom_deck: Path
) -> None:
    """Full screen on or off changes what 100 % and the pointer mean: the view starts again from the
    whole photo, on the same slide; and Z works at once, while the picture for the new size decodes."""
    gate = GatedDecoder()
    show = start(zoom_deck, decode=gate)
    qtbot.keyClick(show.window, Qt.Key.Key_Z)
    assert show.controller.zoom is not None
    gate.hold_all = True  # from now on every decode waits: the new size's picture cannot arrive
    try:
        show.window.resize(WINDOW[0] + 160, WINDOW[1] + 90)
        qtbot.waitUntil(lambda: show.controller.zoom is None)
        assert show.controller.index == 0
        key = show.window.picture_key()
        assert key is not None
        qtbot.waitUntil(lambda: key.path.name in gate.held)
        assert show.pipeline.cached(key) is None
        qtbot.keyClick(show.window, Qt.Key.Key_Z)
        view = show.controller.zoom
        assert view is not None and view.scale == 1.0
        assert view.box == (WINDOW[0] + 160, WINDOW[1] + 90)
        shown = middle(as_pillow(show.window.grab().toImage()))  # the old picture, enlarged meanwhile
        assert min(ImageStat.Stat(shown).mean) > 40  # the photo's lines and colours, not a black screen
    finally:
        gate.release.set()


def test_a_text_slide_does_not_zoom(qtbot: QtBot, start: Callable[..., Show], zoom_deck: Path) -> None:
    show = start(zoom_deck)
    qtbot.keyClick(show.window, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: show.window.on_screen_index == 2)
    qtbot.keyClick(show.window, Qt.Key.Key_Z)
    wheel(show, QPointF(300, 150), 2)
    assert show.controller.zoom is None


def middle(picture: Image.Image, size: int = 120) -> Image.Image:
    left, top = (picture.width - size) // 2, (picture.height - size) // 2
    return picture.crop((left, top, left + size, top + size))


def difference(one: Image.Image, other: Image.Image) -> float:
    return max(ImageStat.Stat(ImageChops.difference(one, other)).mean)


def test_the_sharp_region_from_the_original_replaces_the_enlarged_picture(
    qtbot: QtBot, start: Callable[..., Show], zoom_deck: Path, tmp_path: Path
) -> None:
    show = start(zoom_deck)
    zoom = show.window.zoom
    assert zoom is not None
    qtbot.mouseMove(show.window, QPoint(260, 120))
    qtbot.keyClick(show.window, Qt.Key.Key_Z)
    view = show.controller.zoom
    assert view is not None
    left, top = round(view.centre[0] - WINDOW[0] / 2), round(view.centre[1] - WINDOW[1] / 2)
    with Image.open(tmp_path / "map.png") as original:
        truth = middle(original.convert("RGB").crop((left, top, left + WINDOW[0], top + WINDOW[1])))
    # The region decodes on a worker; until its result is delivered the fitted picture is enlarged.
    assert zoom.detail is None
    enlarged = middle(as_pillow(show.window.grab().toImage()))
    assert difference(enlarged, truth) > 20  # one-pixel lines blurred into a tint
    assert difference(enlarged, truth.resize((1, 1)).resize(truth.size)) < 40  # ... of the right quarter
    qtbot.waitUntil(lambda: zoom.detail is not None, timeout=5000)
    sharp = middle(as_pillow(show.window.grab().toImage()))
    assert difference(sharp, truth) < 2  # 1:1, every line where it is in the photo


def test_the_console_shows_the_same_zoomed_region(
    qtbot: QtBot, start: Callable[..., Show], zoom_deck: Path
) -> None:
    show = start(zoom_deck, console=True)
    console = show.console
    assert console is not None
    qtbot.addWidget(console)
    console.resize(960, 600)
    console.show()
    current = console.layout_now().current
    spot = QPoint(round(current.x + current.width / 2), round(current.y + current.height / 2))
    qtbot.waitUntil(lambda: console.grab().toImage().pixelColor(spot).alpha() == 255, timeout=5000)
    before = console.grab().toImage().pixelColor(spot)
    qtbot.mouseMove(show.window, QPoint(230, 60))  # in the red top-left quarter of the photo
    qtbot.keyClick(console, Qt.Key.Key_Z)  # a key in the console zooms the audience's view
    assert show.controller.zoom is not None
    qtbot.waitUntil(lambda: console.grab().toImage().pixelColor(spot) != before, timeout=5000)
    colour = console.grab().toImage().pixelColor(spot)
    assert colour.red() > colour.green() + 40 and colour.red() > colour.blue() + 40, colour.name()
    qtbot.keyClick(console, Qt.Key.Key_Right)
    assert show.controller.zoom is None
