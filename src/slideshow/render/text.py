"""Text rules: date stamps in the slide's language, text direction, the place/date/credit line, and
wrapped text layout.

Qt counts text in UTF-16 code units, Python in code points: an emoji is one code point but two units.
Every offset handed to Qt goes through :func:`utf16_length`, so a colour starts on the right character
whatever comes before it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence

from PySide6.QtCore import QDate, QLocale, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextLayout, QTextOption

from slideshow.deck.model import Slide

# The locale's long date format without the weekday: "20 October 2016" (en-GB), "October 20, 2016" (en-US),
# "20. Oktober 2016" (de). A weekday adds nothing on a date stamp and costs width.
_WEEKDAY = re.compile(r"^\s*dddd[\s,،]*|[\s,،]*dddd\s*$")
FIRST_STRONG_ISOLATE = "\u2068"  # the piece sets its own direction from its first strong character...
POP_ISOLATE = "\u2069"  # ... and neither it nor its neighbours reorder across the boundary
LINE_SEPARATOR = "\u2028"
SEPARATOR = "  ·  "


def qt_locale(tag: str) -> QLocale:
    """The QLocale for a BCP 47 tag.

    Qt files Kurdish in Arabic script ("ku-Arab", "ku-IQ") under Kurmanji without data, which writes
    "2024 M05 5"; that Kurdish is Sorani, whose CLDR code is "ckb".
    """
    parts = tag.replace("_", "-").split("-")
    if parts[0].lower() == "ku":
        rest = [p for p in parts[1:] if p.lower() != "arab"]
        arabic_script = len(rest) < len(parts) - 1 or any(p.upper() in ("IQ", "IR") for p in rest)
        if arabic_script:
            parts = ["ckb", *rest]
    return QLocale("_".join(parts))


def format_date(date: dt.date, locale_tag: str) -> str:
    """The date as a stamp in ``locale_tag``'s own words, digits and order ("20 October 2016", or in
    Arabic "٢٠ أكتوبر ٢٠١٦")."""
    locale = qt_locale(locale_tag)
    pattern = _WEEKDAY.sub("", locale.dateFormat(QLocale.FormatType.LongFormat)).strip() or "d MMMM yyyy"
    return locale.toString(QDate(date.year, date.month, date.day), pattern)


def slide_language(slide: Slide, deck_locale: str) -> str:
    """The slide's own ``lang``, else the deck's ``locale``."""
    return slide.lang or deck_locale


def slide_is_right_to_left(slide: Slide) -> bool:
    """A slide in a right-to-left language, or without ``lang`` whose text starts right to left."""
    if slide.lang:
        return qt_locale(slide.lang).textDirection() is Qt.LayoutDirection.RightToLeft
    return is_right_to_left(slide.caption or slide.title or slide.place or "")


def is_right_to_left(text: str) -> bool:
    """True when the first strongly directional character is right-to-left (Arabic, Hebrew, Kurdish...)."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def utf16_length(text: str) -> int:
    """Qt's length of ``text``: characters beyond the Basic Multilingual Plane (emoji) count twice."""
    return len(text.encode("utf-16-le")) // 2


def isolated(text: str) -> str:
    """``text`` wrapped in a first-strong isolate, so "5 May 2024" stays in that order in an Arabic line."""
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_ISOLATE}"


def joined_pieces(
    pieces: Sequence[tuple[str, QColor | None]], *, stacked: bool = False
) -> tuple[str, list[QTextLayout.FormatRange]]:
    """Place, date and credit as one line (or one a line when ``stacked``), each piece isolated, with the
    colour ranges in Qt's units."""
    text = ""
    ranges: list[QTextLayout.FormatRange] = []
    for piece, colour in pieces:
        if text:
            text += LINE_SEPARATOR if stacked else SEPARATOR
        text += FIRST_STRONG_ISOLATE
        if colour is not None:
            ranges.append(coloured_range(utf16_length(text), utf16_length(piece), colour))
        text += piece + POP_ISOLATE
    return text, ranges


def layout_text(
    text: str,
    text_font: QFont,
    width: float,
    align: Qt.AlignmentFlag,
    rtl: bool = False,
    formats: list[QTextLayout.FormatRange] | None = None,
) -> tuple[QTextLayout, float]:
    """Wraps ``text`` to ``width``; Qt shapes Arabic script and the option sets the paragraph direction."""
    layout = QTextLayout(text, text_font)
    option = QTextOption(align)
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    option.setTextDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
    layout.setTextOption(option)
    if formats:
        layout.setFormats(formats)
    layout.beginLayout()
    height = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0.0, height))
        height += line.height()
    layout.endLayout()
    return layout, height


def coloured_range(start: int, length: int, colour: QColor) -> QTextLayout.FormatRange:
    """A colour for ``length`` UTF-16 units from ``start`` (see :func:`utf16_length`)."""
    char_format = QTextCharFormat()
    char_format.setForeground(colour)
    formatted = QTextLayout.FormatRange()
    formatted.start = start
    formatted.length = length
    formatted.format = char_format
    return formatted
