"""The command line's word on a deck's settings, which outlasts every reload of the deck."""

from __future__ import annotations

from dataclasses import dataclass, replace

from slideshow.deck.model import Deck


@dataclass(frozen=True)
class SettingsOverrides:
    """--loop or --no-loop (a kiosk always loops), --autoplay SECONDS and --target MINUTES; None leaves
    the deck's own setting."""

    loop: bool | None = None
    interval: float | None = None
    target_minutes: float | None = None

    def apply(self, deck: Deck) -> Deck:
        """``deck`` with these settings in place of its own; ``deck`` itself when none is given."""
        settings = deck.settings
        if self.loop is not None:
            settings = replace(settings, loop=self.loop)
        if self.interval is not None:
            settings = replace(settings, interval=self.interval)
        if self.target_minutes is not None:
            settings = replace(settings, target_minutes=self.target_minutes)
        return deck if settings is deck.settings else replace(deck, settings=settings)
