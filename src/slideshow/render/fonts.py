"""Loads the caption font shipped with the app, so the look never depends on the system's fonts."""

from __future__ import annotations

import functools
import logging

from PySide6.QtGui import QFont, QFontDatabase

from slideshow.resources import font_files

log = logging.getLogger(__name__)
_FALLBACK_FAMILY = "DejaVu Sans"


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
    return family


def font(pixel_size: int, *, bold: bool = False) -> QFont:
    result = QFont(caption_family())
    result.setPixelSize(max(1, pixel_size))
    result.setBold(bold)
    result.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return result
