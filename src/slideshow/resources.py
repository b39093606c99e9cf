"""Finds what ships with the app (the demo deck, the caption font) wherever the app runs from.

Three layouts exist: a source checkout (deck at the top of the repository), an installed wheel (the deck is
copied into the package as ``slideshow/demo``), and a frozen app (PyInstaller unpacks data under
``sys._MEIPASS``). Nothing else in the program guesses paths.
"""

from __future__ import annotations

import sys
from pathlib import Path

from slideshow.deck.paths import DECK_FILE_NAME

__all__ = ["DECK_FILE_NAME", "bundled_deck", "font_files", "icon_file"]

_PACKAGE_DIR = Path(__file__).resolve().parent


def _candidate_deck_folders() -> list[Path]:
    frozen_root = getattr(sys, "_MEIPASS", None)
    folders = []
    if frozen_root:
        folders.append(Path(frozen_root) / "slideshow" / "demo")
    folders.append(_PACKAGE_DIR / "demo")  # installed wheel
    folders.append(_PACKAGE_DIR.parent.parent)  # checkout: src/slideshow -> repository root
    return folders


def bundled_deck() -> Path | None:
    """The demo deck's slides.json, or None if this installation lost it."""
    for folder in _candidate_deck_folders():
        candidate = folder / DECK_FILE_NAME
        if candidate.is_file():
            return candidate
    return None


def icon_file() -> Path | None:
    """The app icon as a PNG for the window, or None when this installation has none (a plain wheel).

    A frozen app carries it at ``slideshow/icons``; a checkout has it where tools/make_icon.py writes it.
    """
    name = "slideshow-256.png"
    frozen_root = getattr(sys, "_MEIPASS", None)
    folders = [Path(frozen_root) / "slideshow" / "icons"] if frozen_root else []
    folders += [_PACKAGE_DIR / "icons", _PACKAGE_DIR.parent.parent / "packaging" / "icons"]
    return next((folder / name for folder in folders if (folder / name).is_file()), None)


def font_files() -> list[Path]:
    """The caption fonts shipped in the package (regular first)."""
    fonts = _PACKAGE_DIR / "fonts"
    return sorted(fonts.glob("*.ttf"), key=lambda p: ("Bold" in p.name, p.name))
