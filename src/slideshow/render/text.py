"""Text rules that depend on language: date stamps in the deck's locale and right-to-left detection."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from PySide6.QtCore import QDate, QLocale

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
