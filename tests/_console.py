"""Helpers for the console tests: a show with an audience window and a presenter console, built by the
composition root as the app builds it, offscreen. A plain module; test modules import it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QImage, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from slideshow.deck import load_deck
from slideshow.ui.app import Show, ShowOptions, build_show
from slideshow.ui.memory import DeckMemory
from slideshow.ui.window import SlideWindow

LONG_NOTES = (
    "The battle for Mosul has been continuing for over a week. The northern Iraqi city is the second "
    "largest city in the country.\n\nThe Iraqi government, US military, local militias and Kurdish "
    "fighters have launched an operation to take back the city.\n\n- first point to make\n- second point "
    "to make\n\nAt stake is a fight to end the group's two-year stranglehold over Iraqi territory."
)
CONSOLE_SIZE = (1366, 768)


def console_slides() -> list[dict[str, Any]]:
    return [
        {"title": "Title", "caption": "Stand-first", "notes": LONG_NOTES},
        {
            "photo": (640, 360),
            "caption": "First photo",
            "place": "Erbil, Iraq",
            "notes": "Say where Erbil is.",
        },
        {"photo": (640, 360), "caption": "Second photo", "date": "2016-10-21"},
    ]


def shows(qtbot: QtBot, tmp_path: Path) -> Iterator[Callable[..., Show]]:
    """Yields ``start(deck_path, console=True, **options)``: the show up, the audience full screen."""
    started: list[Show] = []

    def start(deck_path: Path, *, console: bool = True, **options: Any) -> Show:
        deck = load_deck(deck_path).deck
        assert deck is not None
        memory = DeckMemory(deck_path, QSettings(str(tmp_path / "memory.ini"), QSettings.Format.IniFormat))
        show = build_show(deck, ShowOptions(**options), console=console, memory=memory)
        started.append(show)
        qtbot.addWidget(show.window)
        with qtbot.waitSignal(show.window.picture_shown, timeout=5000):
            show.window.show_on(None, fullscreen=True)
        if show.console is not None:
            qtbot.addWidget(show.console)
            show.console.allow_close()
            show.console.resize(*CONSOLE_SIZE)
            show.console.show()
        qtbot.waitUntil(show.window.isFullScreen)
        return show

    yield start
    for show in started:
        show.window.allow_close()
        show.shutdown()


def grab(widget: QWidget) -> QImage:
    return widget.grab().toImage()


def count_pixels(image: QImage, test: Callable[[QColor], bool], step: int = 2) -> int:
    return sum(
        1
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
        if test(image.pixelColor(x, y))
    )


def is_laser_red(colour: QColor) -> bool:
    return colour.red() > 200 and colour.green() < 90 and colour.blue() < 90


def move_mouse(widget: QWidget, at: QPointF) -> None:
    """A real mouse-move event through Qt's event delivery (event filters included), no button held."""
    event = QMouseEvent(
        QMouseEvent.Type.MouseMove,
        at,
        widget.mapToGlobal(QPoint(round(at.x()), round(at.y()))).toPointF(),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def drop_on(window: SlideWindow, path: Path) -> None:
    """Drops ``path`` on ``window``. Qt discards a synthetic drop no drag started, so the window's dropEvent
    is called as Qt would call it (the mime data must outlive the event, hence one function)."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    no_button, no_key = Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    window.dropEvent(QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, no_button, no_key))
