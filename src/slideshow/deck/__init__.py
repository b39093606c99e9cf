"""The deck room: models, the loader that collects every problem, the schema writer, path rules.

Pure Python: nothing here imports Qt or Pillow, so the rules can be checked anywhere.
"""

from slideshow.deck.loader import load_deck
from slideshow.deck.model import (
    DEFAULT_SETTINGS,
    CaptionPosition,
    Deck,
    Fit,
    LoadResult,
    Problem,
    Settings,
    Severity,
    Slide,
    Transition,
)


def schema_dict() -> dict[str, object]:
    """The deck's JSON Schema; imported on call so ``python -m slideshow.deck.schema`` runs cleanly."""
    from slideshow.deck import schema

    return schema.schema_dict()


__all__ = [
    "DEFAULT_SETTINGS",
    "CaptionPosition",
    "Deck",
    "Fit",
    "LoadResult",
    "Problem",
    "Settings",
    "Severity",
    "Slide",
    "Transition",
    "load_deck",
    "schema_dict",
]
