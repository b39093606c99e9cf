"""The presenter console as a speaker uses it, offscreen through the composition root and the real keys:
notes as written and scrolled, the dashboard and the target time, help and overview, and the layout
measured at the sizes presenters have."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from _console import LONG_NOTES, console_slides, grab, shows
from slideshow.core.keymap import MOUSE_TABLE
from slideshow.core.stopwatch import TalkTimers
from slideshow.render.geometry import Box
from slideshow.render.notes import NotesText
from slideshow.render.overlays import PANEL, help_card
from slideshow.ui.app import Show
from slideshow.ui.console_layout import console_layout
from slideshow.ui.console_parts import ACCENT, TEXT, WARNING, dashboard
from slideshow.ui.presenter import PresenterConsole


@pytest.fixture
def start(qtbot: QtBot, tmp_path: Path) -> Iterator[Callable[..., Show]]:
    yield from shows(qtbot, tmp_path)


@pytest.fixture
def deck(make_deck: Callable[..., Path]) -> Path:
    return make_deck(slides=console_slides(), settings={"transition": "none"})


def row_texts(notes: NotesText) -> list[str]:
    texts = []
    for row in notes.rows:
        line = row.layout.lineAt(row.line)
        texts.append(row.layout.text()[line.textStart() : line.textStart() + line.textLength()].strip())
    return texts


# --- notes ---------------------------------------------------------------------------------------------


def test_notes_keep_their_paragraphs_and_bullets(qapp: object) -> None:
    notes = NotesText(LONG_NOTES, 24, 500)
    texts = row_texts(notes)
    paragraphs = [p for p in LONG_NOTES.split("\n\n")]
    assert texts[0].startswith("The battle for Mosul")
    assert any(t.startswith("The Iraqi government") for t in texts)  # a paragraph starts a line
    assert "first point to make" in texts and "second point to make" in texts  # one bullet a line
    bullets = [row for row in notes.rows if row.bullet]
    assert len(bullets) == 2 and all(row.x > 0 for row in bullets)  # indented beside their bullet
    for text in texts:  # no line mixes two paragraphs
        assert sum(text in paragraph for paragraph in paragraphs) >= 1, text
    starts = {t: row.y for t, row in zip(texts, notes.rows, strict=True)}
    second = next(t for t in texts if t.startswith("The Iraqi government"))
    before = notes.rows[texts.index(second) - 1]
    assert starts[second] - (before.y + before.height) > 5  # a gap marks the paragraph


def test_notes_scroll_by_whole_lines_with_marks_and_reach_the_last_sentence(qapp: object) -> None:
    notes = NotesText(LONG_NOTES, 30, 400)
    room = notes.height * 0.45
    page = notes.page(0, room)
    assert not page.more_above and page.more_below
    seen = [page]
    first = 0
    while page.more_below:
        first = notes.scrolled(first, room, pages=1)
        page = notes.page(first, room)
        seen.append(page)
        assert len(seen) < 20
    for shown in seen:
        top = notes.mark_height if shown.more_above else 0.0
        bottom = notes.mark_height if shown.more_below else 0.0
        used = notes.rows[shown.last - 1].y + notes.rows[shown.last - 1].height - notes.rows[shown.first].y
        assert used <= room - top - bottom + 0.01  # never a line cut in half, nor under a mark
    assert page.more_above and page.last == len(notes.rows)
    assert row_texts(notes)[page.last - 1].endswith("territory.")  # the last sentence, reached
    assert notes.scrolled(first, room, pages=1) == first  # no scrolling past the end
    assert notes.scrolled(first, room, pages=-100) == 0


def test_u_d_and_the_wheel_scroll_the_consoles_notes_from_either_window(
    qtbot: QtBot, start: Callable[..., Show], deck: Path
) -> None:
    show = start(deck)
    console = show.console
    assert console is not None
    for _ in range(4):
        qtbot.keyClick(console, Qt.Key.Key_Plus)  # big enough not to fit
    assert console.notes_page().more_below and not console.notes_page().more_above
    qtbot.keyClick(show.window, Qt.Key.Key_D)  # pressed in the audience window, scrolls the console
    assert console.notes_page().more_above and console.notes_page().first > 0
    while console.notes_page().more_below:
        qtbot.keyClick(console, Qt.Key.Key_D)
    assert console.notes_page().last == len(console.notes_text().rows)
    qtbot.keyClick(console, Qt.Key.Key_U)
    assert console.notes_page().more_below
    notes = console.layout_now().notes
    centre = QPoint(round(notes.x + notes.width / 2), round(notes.y + notes.height / 2))
    first = console.notes_page().first
    _wheel(console, centre, -120)
    assert console.notes_page().first > first
    _wheel(console, QPoint(20, round(console.layout_now().current.y + 20)), 120)  # not over the notes
    assert show.controller.index == 0
    qtbot.keyClick(console, Qt.Key.Key_Right)
    qtbot.keyClick(console, Qt.Key.Key_Left)
    assert console.notes_page().first == 0  # another slide's notes, and back: from the top


def test_notes_painted_show_a_more_mark(qtbot: QtBot, start: Callable[..., Show], deck: Path) -> None:
    show = start(deck)
    console = show.console
    assert console is not None
    notes = console.layout_now().notes
    strip = QRectF(notes.x, notes.bottom - console.notes_text().mark_height - 4, notes.width, 4 + 20)

    def accent_in_strip() -> int:
        image = grab(console)
        return _count(image, strip, lambda c: _close(c, ACCENT))

    fits = accent_in_strip()
    for _ in range(4):
        qtbot.keyClick(console, Qt.Key.Key_Plus)
    assert console.notes_page().more_below
    assert accent_in_strip() > fits + 20


# --- the dashboard -------------------------------------------------------------------------------------


def test_the_dashboard_counts_down_to_the_target_and_shows_the_overrun(
    qtbot: QtBot, start: Callable[..., Show], deck: Path
) -> None:
    show = start(deck, target_minutes=1)
    controller = show.controller
    cells = {cell.label: cell for cell in dashboard(controller)}
    assert {"SLIDE", "ELAPSED", "THIS SLIDE", "TIME LEFT", "CLOCK"} <= set(cells)
    assert cells["SLIDE"].value == "1 / 3" and cells["TIME LEFT"].colour == TEXT
    now = time.monotonic()
    controller.timers = TalkTimers(now - 55, target_seconds=60)  # 5 s left: the last tenth
    cell = next(c for c in dashboard(controller) if c.label == "TIME LEFT")
    assert cell.value in ("0:05", "0:04") and cell.colour == ACCENT
    controller.timers = TalkTimers(now - 140, target_seconds=60)
    cell = next(c for c in dashboard(controller) if c.label == "OVER TIME")
    assert cell.value == "+1:20" and cell.colour == WARNING


def test_the_target_comes_from_the_deck_and_the_command_line_wins(
    qtbot: QtBot, start: Callable[..., Show], make_deck: Callable[..., Path]
) -> None:
    deck = make_deck(slides=console_slides(), settings={"target_minutes": 20})
    assert start(deck).controller.timers.target_seconds == 1200
    assert start(deck, target_minutes=5).controller.timers.target_seconds == 300
    no_target = start(make_deck(slides=console_slides()))
    assert all("LEFT" not in cell.label for cell in dashboard(no_target.controller))


def test_t_pauses_and_r_resets_every_timer(qtbot: QtBot, start: Callable[..., Show], deck: Path) -> None:
    show = start(deck)
    timers = show.controller.timers
    with qtbot.waitSignal(show.controller.timers_changed, timeout=1000):
        qtbot.keyClick(show.console, Qt.Key.Key_T)
    assert not timers.talk.running and not timers.slide.running
    assert next(c for c in dashboard(show.controller) if c.label.startswith("ELAPSED")).label.endswith(
        "PAUSED"
    )
    with qtbot.waitSignal(show.controller.timers_changed, timeout=1000):
        qtbot.keyClick(show.window, Qt.Key.Key_R)
    now = time.monotonic()
    assert timers.talk.elapsed(now) == 0 and timers.slide.elapsed(now) == 0
    qtbot.keyClick(show.console, Qt.Key.Key_T)
    assert timers.talk.running and timers.slide.running


def test_the_time_on_the_slide_starts_again_on_another_slide(
    qtbot: QtBot, start: Callable[..., Show], deck: Path
) -> None:
    show = start(deck)
    timers = show.controller.timers
    qtbot.waitUntil(lambda: timers.slide.elapsed(time.monotonic()) > 0.2, timeout=2000)
    talk = timers.talk.elapsed(time.monotonic())
    qtbot.keyClick(show.console, Qt.Key.Key_Right)
    assert timers.slide.elapsed(time.monotonic()) < 0.2 <= talk <= timers.talk.elapsed(time.monotonic())


# --- help and overview ---------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(1024, 768), (1366, 768), (1920, 1080), (800, 600)])
def test_the_help_card_fits_without_overlapping_text(qapp: object, size: tuple[int, int]) -> None:
    card = help_card(QRectF(0, 0, *size))
    assert QRectF(0, 0, *size).contains(card.card)
    for number, block in enumerate(card.blocks):
        assert card.card.contains(block), block
        for other in card.blocks[number + 1 :]:
            assert not block.intersects(other), (block, other)
    texts = [layout.text() for layout, _, _ in card.parts]
    assert all(binding.label in texts for binding in MOUSE_TABLE)  # the mouse is listed too
    assert "Mouse" in texts and card.px >= 10


def test_the_help_card_is_opaque_and_any_acting_key_closes_it(
    qtbot: QtBot, start: Callable[..., Show], deck: Path
) -> None:
    show = start(deck, start=1)
    window = show.window
    cards = []
    for screen in (Qt.Key.Key_B, Qt.Key.Key_W):  # over a black screen, then over a white one
        qtbot.keyClick(window, screen)
        qtbot.keyClick(window, Qt.Key.Key_F1)
        assert window.help_visible
        card = help_card(QRectF(window.rect())).card.adjusted(2, 2, -2, -2).toRect()
        cards.append(grab(window).copy(card))
        qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert cards[0] == cards[1]  # nothing of what is under the card shows through it
    assert cards[0].pixelColor(4, cards[0].height() - 4) == PANEL
    qtbot.keyClick(window, Qt.Key.Key_W)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.keyClick(window, Qt.Key.Key_Right)  # an acting key closes the card and acts
    assert not window.help_visible and show.controller.index == 2
    qtbot.keyClick(window, Qt.Key.Key_Question)
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # Esc and help's own keys only close it
    assert not window.help_visible and show.controller.index == 2 and window.isFullScreen()


def test_the_consoles_overview_leaves_the_clock_and_timers_in_view(
    qtbot: QtBot, start: Callable[..., Show], deck: Path
) -> None:
    show = start(deck)
    console = show.console
    assert console is not None
    qtbot.keyClick(console, Qt.Key.Key_O)
    assert console.overview.isVisible()
    assert console.overview.geometry().top() >= console.layout_now().bar.bottom
    qtbot.keyClick(console, Qt.Key.Key_Escape)


def test_overview_tiles_carry_number_place_and_date_and_decode_the_current_first(
    qtbot: QtBot, start: Callable[..., Show], deck: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    show = start(deck, start=1)
    asked: list[object] = []
    real = show.thumbnails.request
    monkeypatch.setattr(show.thumbnails, "request", lambda *a: asked.append(a[0]) or real(*a))
    qtbot.keyClick(show.window, Qt.Key.Key_O)
    grid = show.window.overview
    assert grid is not None
    assert asked[0] is not None and asked[0].path.name == "slide-2.jpg"  # the current slide first
    assert grid.tile_label(1) == ("2  ·  Erbil, Iraq", "")
    assert grid.tile_label(2) == ("3", "21 October 2016")


def test_at_1024x768_the_overview_scrolls_every_selection_into_view(
    qtbot: QtBot, start: Callable[..., Show], make_deck: Callable[..., Path]
) -> None:
    slides = [
        {"title": f"Section {n}", "caption": "", "place": "Mosul", "date": "2016-10-17"} for n in range(40)
    ]
    show = start(make_deck(slides=slides))
    show.window.set_fullscreen(False)
    show.window.resize(1024, 768)
    qtbot.keyClick(show.window, Qt.Key.Key_O)
    grid = show.window.overview
    assert grid is not None
    for key in [Qt.Key.Key_Down] * 12 + [Qt.Key.Key_End, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Home]:
        qtbot.keyClick(show.window, key)
        cell = grid.tile_rect(grid.selected)
        assert QRectF(grid.rect()).contains(cell), (grid.selected, cell)
    assert grid.selected == 0


# --- layout --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768), (1280, 800)])
@pytest.mark.parametrize("aspect", [16 / 9, 4 / 3])
def test_no_region_of_the_console_over_15_percent_is_left_empty(size: tuple[int, int], aspect: float) -> None:
    width, height = size
    layout = console_layout(width, height, aspect)
    assert _largest_empty_share(width, height, layout.areas) < 0.15
    assert layout.current.width > layout.upcoming.width * 1.5  # "Now" is the large one
    assert layout.notes.height > 0.7 * height and layout.bar.height >= 0.1 * height


def test_the_current_slide_keeps_the_audience_windows_shape(
    qtbot: QtBot, start: Callable[..., Show], deck: Path
) -> None:
    show = start(deck)
    console = show.console
    assert isinstance(console, PresenterConsole)
    width, height = show.window.width(), show.window.height()
    current = console.layout_now().current
    assert current.width / current.height == pytest.approx(width / height, rel=0.01)


def _largest_empty_share(width: int, height: int, boxes: tuple[Box, ...], cell: int = 4) -> float:
    """The largest rectangle no region covers, as a share of the console (a histogram sweep on a grid)."""
    columns, rows = width // cell, height // cell
    covered = [[False] * columns for _ in range(rows)]
    for box in boxes:
        for row in range(max(0, int(box.y // cell)), min(rows, int(-(-box.bottom // cell)))):
            for column in range(max(0, int(box.x // cell)), min(columns, int(-(-box.right // cell)))):
                covered[row][column] = True
    best = 0
    heights = [0] * columns
    for row in range(rows):
        heights = [0 if covered[row][c] else heights[c] + 1 for c in range(columns)]
        stack: list[tuple[int, int]] = []
        for column in range(columns + 1):
            here = heights[column] if column < columns else 0
            start = column
            while stack and stack[-1][1] >= here:
                start, tall = stack.pop()
                best = max(best, tall * (column - start))
            stack.append((start, here))
    return best * cell * cell / (width * height)


def _wheel(widget: PresenterConsole, at: QPoint, turn: int) -> None:
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    event = QWheelEvent(
        QPointF(at),
        QPointF(widget.mapToGlobal(at)),
        QPoint(0, 0),
        QPoint(0, turn),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def _count(image: QImage, rect: QRectF, test: Callable[[QColor], bool]) -> int:
    return sum(
        1
        for y in range(max(0, int(rect.top())), min(image.height(), int(rect.bottom())))
        for x in range(max(0, int(rect.left())), min(image.width(), int(rect.right())), 2)
        if test(image.pixelColor(x, y))
    )


def _close(colour: QColor, target: QColor) -> bool:
    return all(abs(a - b) < 40 for a, b in zip(colour.getRgb()[:3], target.getRgb()[:3], strict=True))
