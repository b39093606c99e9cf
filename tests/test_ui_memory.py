"""Per-deck memory survives a restart (a new QSettings on the same store) and ignores junk values."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings
from pytestqt.qtbot import QtBot

from slideshow.ui.memory import DeckMemory


def store(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_values_come_back_for_the_same_deck_only(tmp_path: Path) -> None:
    deck_a, deck_b = tmp_path / "a" / "slides.json", tmp_path / "b" / "slides.json"
    memory = DeckMemory(deck_a, store(tmp_path))
    memory.caption_scale = 1.3
    memory.notes_scale = 2.0
    memory.screen_name = "HDMI-1"
    memory.last_slide = 7
    memory.set_console_geometry(QByteArray(b"geometry"))
    memory.sync()

    again = DeckMemory(deck_a, store(tmp_path))
    assert (again.caption_scale, again.notes_scale, again.screen_name, again.last_slide) == (
        1.3,
        2.0,
        "HDMI-1",
        7,
    )
    assert again.console_geometry() == QByteArray(b"geometry")
    other = DeckMemory(deck_b, store(tmp_path))
    assert (other.caption_scale, other.screen_name, other.last_slide, other.console_geometry()) == (
        1.0,
        None,
        None,
        None,
    )


def test_out_of_range_and_junk_values_are_tamed(tmp_path: Path) -> None:
    settings = store(tmp_path)
    memory = DeckMemory(tmp_path / "slides.json", settings)
    memory.caption_scale = 50
    assert memory.caption_scale == 1.6  # the ladder's largest step
    settings.setValue(memory._key("caption_scale"), "large")
    settings.setValue(memory._key("last_slide"), "-3")
    assert memory.caption_scale == 1.0 and memory.last_slide is None


def test_resume_starts_where_the_last_show_of_the_deck_ended(qtbot: object, make_deck: object) -> None:
    from slideshow.deck import load_deck
    from slideshow.ui.app import ShowOptions, build_show

    deck = load_deck(make_deck()).deck  # type: ignore[operator]
    assert deck is not None
    first = build_show(deck, ShowOptions())
    first.controller.go_to(2)  # the presenter ends the show on slide 3
    first.shutdown()
    again = build_show(deck, ShowOptions(resume=True))
    assert again.controller.index == 2
    fresh = build_show(deck, ShowOptions())
    assert fresh.controller.index == 0
    again.shutdown()
    fresh.shutdown()


BAD_SIZES = [
    "nan",
    "NaN",
    "inf",
    "-inf",
    "-1",
    "0",
    "1e400",
    "3.5",
    "true",
    "large",
    "1,2",
    "@ByteArray(x)",
    "",
]


def hand_edited(tmp_path: Path, deck_file: Path, **values: str) -> QSettings:
    """The store as someone (or a broken disk) left it: raw INI text, not values QSettings wrote."""
    group = DeckMemory(deck_file, store(tmp_path))._key("")[:-1]  # "decks/<hash>"
    lines = [f"[{group.split('/')[0]}]"] + [f"{group.split('/')[1]}\\{k}={v}" for k, v in values.items()]
    (tmp_path / "settings.ini").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return store(tmp_path)


@pytest.mark.parametrize("raw", BAD_SIZES)
def test_a_size_that_is_not_a_size_falls_back_to_the_default(tmp_path: Path, raw: str) -> None:
    deck_file = tmp_path / "slides.json"
    memory = DeckMemory(deck_file, hand_edited(tmp_path, deck_file, caption_scale=raw, notes_scale=raw))
    assert (memory.caption_scale, memory.notes_scale) == (1.0, 1.0)


@pytest.mark.parametrize("raw", ["-3", "²", "٣", "3.5", "1e3", "x", "1,2", "99999999999999999999", ""])
def test_a_slide_number_that_is_not_one_counts_as_none(tmp_path: Path, raw: str) -> None:
    deck_file = tmp_path / "slides.json"
    memory = DeckMemory(deck_file, hand_edited(tmp_path, deck_file, last_slide=raw, screen="1,2"))
    assert memory.last_slide is None
    assert memory.screen_name is None  # "1,2" reads back as a list, not a screen's name


def test_a_nan_caption_size_in_the_store_still_shows_the_slide(
    qtbot: QtBot, make_deck: Callable[..., Path]
) -> None:
    from slideshow.deck import load_deck
    from slideshow.ui.app import ShowOptions, build_show
    from slideshow.ui.memory import app_settings

    deck = load_deck(make_deck()).deck
    assert deck is not None
    settings = app_settings()
    assert settings is not None
    memory = DeckMemory(deck.path, settings)
    settings.setValue(memory._key("caption_scale"), "nan")
    settings.setValue(memory._key("notes_scale"), "nan")
    settings.sync()
    show = build_show(deck, ShowOptions(start=1, presenter=True))
    qtbot.addWidget(show.window)
    with qtbot.waitSignal(show.window.picture_shown, timeout=5000):
        show.window.resize(640, 360)
        show.window.show_on(None, fullscreen=False)
    image = show.window.grab().toImage()
    centre = image.pixelColor(image.width() // 2, image.height() // 4)
    assert centre.getRgb()[:3] != (0, 0, 0)  # the photo, not a black screen
    show.shutdown()
