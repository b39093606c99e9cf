"""The command line's --loop/--no-loop, --autoplay SECONDS and --target MINUTES over a deck's settings.
No Qt; the controller applies them to every deck it is given, the reloaded ones too."""

from __future__ import annotations

from pathlib import Path

from slideshow.core.overrides import SettingsOverrides
from slideshow.deck.model import Deck, Settings, Slide


def deck(**settings: object) -> Deck:
    return Deck(Path("slides.json"), "Deck", (Slide("one"),), settings=Settings(**settings))  # type: ignore[arg-type]


def test_what_the_command_line_gives_replaces_the_decks_own_and_the_rest_stays() -> None:
    told = SettingsOverrides(loop=False, target_minutes=20)
    shown = told.apply(deck(loop=True, interval=5.0, target_minutes=45))
    assert (shown.settings.loop, shown.settings.interval, shown.settings.target_minutes) == (False, 5.0, 20)
    assert told.apply(deck(interval=3.0)).settings.loop is False  # a reloaded deck is told again
    assert SettingsOverrides(interval=2.5).apply(deck(loop=False)).settings == Settings(
        loop=False, interval=2.5
    )


def test_without_a_word_from_the_command_line_the_deck_is_shown_as_it_is() -> None:
    original = deck(loop=False, interval=5.0)
    assert SettingsOverrides().apply(original) is original
