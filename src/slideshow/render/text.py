"""Text rules: date stamps in the deck's locale, right-to-left detection, and wrapped text layout."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from PySide6.QtCore import QDate, QLocale, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextLayout, QTextOption

# The locale's long date format without the weekday: "20 October 2016" (en-GB), "October 20, 2016" (en-US),
# "20. Oktober 2016" (de). A weekday adds nothing on a date stamp and costs width.
_WEEKDAY = re.compile(r"^\s*dddd[\s,،]*|[\s,،]*dddd\s*$")


def format_date(date: dt.date, locale_tag: str) -> str:
    locale = QLocale(locale_tag.replace("-", "_"))
    pattern = _WEEKDAY.sub("", locale.dateFormat(QLocale.FormatType.LongFormat)).strip() or "d MMMM yyyy"
    return locale.toString(QDate(date.year, date.month, date.day), pattern)


def is_right_to_left(text: str) -> bool:
    """True when the first strongly directional character is right-to-left (Arabic, Hebrew, Kurdish...)."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


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
    char_format = QTextCharFormat()
    char_format.setForeground(colour)
    formatted = QTextLayout.FormatRange()
    formatted.start = start
    formatted.length = length
    formatted.format = char_format
    return formatted
