"""The deck room: models, the loader that collects every problem, the schema writer, path rules.

Pure Python: nothing here imports Qt or Pillow, so the rules can be checked anywhere.
"""

from slideshow.deck.model import (
    DEFAULT_SETTINGS,
    Deck,
    Fit,
    LoadResult,
    Problem,
    Settings,
    Severity,
    Slide,
    Transition,
)

__all__ = [
    "DEFAULT_SETTINGS",
    "Deck",
    "Fit",
    "LoadResult",
    "Problem",
    "Settings",
    "Severity",
    "Slide",
    "Transition",
]
