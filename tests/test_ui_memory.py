"""Per-deck memory survives a restart (a new QSettings on the same store) and ignores junk values."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

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
