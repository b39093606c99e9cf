"""How the loader words what it found and what it wanted, so every message reads alike.

Messages follow one shape, "expected X, found Y; how to write it", because the person reading them is
editing JSON by hand and needs the fix as much as the fault.
"""

from __future__ import annotations

import re

_IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
#: What must never reach a terminal raw: control characters (a path can carry an escape sequence), the
#: bidirectional overrides and isolates (they reverse the rest of the line on screen), line separators,
#: and lone surrogates (a file name that is not valid UTF-8, or a "\ud800" escape in the JSON).
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (Python's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` safe to print on one line: every character in :data:`_UNPRINTABLE` written as an escape
    (``\\u202e``, ``\\x1b``), so a message reads as it is, in order, and encodes in any locale."""
    return _UNPRINTABLE.sub(lambda match: _escape(match.group()), text)


def key_path(parent: str, key: str) -> str:
    """``settings.interval`` for plain keys, ``extra["odd key"]`` for the rest (never starts with a digit)."""
    if _IDENTIFIER.fullmatch(key):
        return f"{parent}.{key}" if parent else key
    return f"{parent}[{quote(key)}]"


def quote(text: str, limit: int = 60) -> str:
    """``text`` in double quotes as JSON would write it, cut at ``limit`` characters, safe to print."""
    shown = text if len(text) <= limit else text[: limit - 3] + "..."
    return '"' + printable(shown.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")) + '"'


def describe(value: object) -> str:
    """What was found, in the words of someone reading the JSON."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"a boolean ({'true' if value else 'false'})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"a string ({quote(value)})"
    if isinstance(value, list):
        return f"an array of {len(value)} item{'' if len(value) == 1 else 's'}"
    if isinstance(value, dict):
        return "an object"
    return str(value)
