"""The fonts text is set in: the DejaVu Sans shipped with the app first, so the look never depends on the
system, then the system's own fonts for whatever it lacks, a colour emoji font among them when one is
installed. No character the system can draw is drawn as a box; :func:`missing_characters` names those
no font has, so ``check`` can say so before the show.
"""

from __future__ import annotations

import functools
import logging
import unicodedata

from PySide6.QtGui import QFont, QFontDatabase, QRawFont

from slideshow.resources import font_files

log = logging.getLogger(__name__)
_FALLBACK_FAMILY = "DejaVu Sans"

EMOJI_FAMILIES = ("Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji", "Twemoji", "JoyPixels")
"""Colour emoji fonts looked for, in order: Debian's fonts-noto-color-emoji, macOS's, Windows's, others."""

_INVISIBLE = {"Cc", "Cf", "Zs", "Zl", "Zp"}  # controls, joiners, isolates, spaces: nothing to draw


@functools.cache
def caption_family() -> str:
    """Registers the bundled fonts once (needs a QGuiApplication) and returns their family name."""
    family = _FALLBACK_FAMILY
    for path in font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            family = families[0]
        else:
            log.warning("could not load the bundled font %s; using the system's", path.name)
    emoji = emoji_families()
    if emoji:
        QFontDatabase.setApplicationEmojiFontFamilies(list(emoji))
    return family


@functools.cache
def emoji_families() -> tuple[str, ...]:
    """The colour emoji fonts installed here, in the order of :data:`EMOJI_FAMILIES`."""
    installed = set(QFontDatabase.families())
    return tuple(family for family in EMOJI_FAMILIES if family in installed)


def font_chain() -> list[str]:
    """The families a caption asks for, in order; Qt falls back to any other installed font after them."""
    return [caption_family(), *emoji_families()]


def font(pixel_size: int, *, bold: bool = False) -> QFont:
    result = QFont()
    result.setFamilies(font_chain())
    result.setPixelSize(max(1, pixel_size))
    result.setBold(bold)
    result.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return result


def missing_characters(text: str) -> list[str]:
    """The characters of ``text`` that no installed font can draw, in order of first appearance.

    Invisible characters (joiners, direction marks, variation selectors, spaces) need no glyph.
    """
    missing: list[str] = []
    for char in dict.fromkeys(text):
        if unicodedata.category(char) in _INVISIBLE or _is_variation_selector(char):
            continue
        if not any(_covers(family, char) for family in _families_to_try()):
            missing.append(char)
    return missing


def _is_variation_selector(char: str) -> bool:
    code = ord(char)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


@functools.cache
def _families_to_try() -> tuple[str, ...]:
    chain = font_chain()
    return (*chain, *(family for family in QFontDatabase.families() if family not in chain))


@functools.cache
def _raw_font(family: str) -> QRawFont:
    query = QFont(family)
    query.setPixelSize(20)
    return QRawFont.fromFont(query)


@functools.cache
def _covers(family: str, char: str) -> bool:
    raw = _raw_font(family)
    return raw.isValid() and raw.familyName() == family and raw.supportsCharacter(ord(char))
