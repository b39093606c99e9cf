"""Bytes to JSON values, with syntax errors worded for people who edit decks by hand.

Python's C JSON scanner does the parsing (fast enough for 10,000 slides); this module adds what it lacks:
the encoding checks, duplicate keys, NaN/Infinity and out-of-range numbers kept as markers so the
validator can name their field path, and messages such as "expected ',' or '}'" instead of
"Expecting ',' delimiter".
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# A JSON string literal or a bracket: enough to know which containers are open at a position.
_TOKEN_RE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)
_WORD_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class JsonObject(dict[str, object]):
    """A JSON object that remembers which keys it saw more than once (the last value is kept)."""

    __slots__ = ("duplicates",)

    def __init__(self, pairs: list[tuple[str, object]]) -> None:
        super().__init__(pairs)
        self.duplicates: tuple[str, ...] = ()
        if len(self) != len(pairs):
            seen: set[str] = set()
            dups: list[str] = []
            for key, _ in pairs:
                if key in seen and key not in dups:
                    dups.append(key)
                seen.add(key)
            self.duplicates = tuple(dups)


@dataclass(frozen=True)
class BadNumber:
    """Stands in for NaN, Infinity or a number too large for a float, so its field path can be named."""

    text: str

    def __str__(self) -> str:
        return self.text


@dataclass
class Parsed:
    """The outcome of parsing: a value, or a syntax problem at ``where`` (``"line:col"`` or ``""``)."""

    value: object = None
    error: tuple[str, str] | None = None
    has_duplicates: bool = False
    has_bad_numbers: bool = False


def parse_json(data: bytes) -> Parsed:
    """Decode and parse a deck file; never raises for any bytes."""
    skipped = 0  # byte offsets in messages count from the start of the file, BOM included
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
        skipped = len(_UTF8_BOM)
    elif data.startswith(_UTF16_BOMS):
        return Parsed(error=("", "the file is saved as UTF-16; save it as UTF-8"))
    nul = data.find(b"\x00")
    if nul >= 0:
        return Parsed(
            error=(
                _byte_location(data, nul),
                f"this is not a text file (a NUL byte at byte offset {nul + skipped}); "
                "a deck is JSON text saved as UTF-8 (not UTF-16)",
            )
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        byte = data[exc.start]
        line = data.count(b"\n", 0, exc.start) + 1
        return Parsed(
            error=(
                _byte_location(data, exc.start),
                f"not valid UTF-8 (byte 0x{byte:02X} at byte offset {exc.start + skipped}, line {line}); "
                "save the file as UTF-8",
            )
        )
    if not text.strip():
        return Parsed(
            error=("", 'the file is empty; a deck is a JSON object: {"title": "...", "slides": [...]}')
        )
    return _parse_text(text)


def _parse_text(text: str) -> Parsed:
    result = Parsed()

    def on_object(pairs: list[tuple[str, object]]) -> JsonObject:
        obj = JsonObject(pairs)
        if obj.duplicates:
            result.has_duplicates = True
        return obj

    def on_bad(text: str) -> BadNumber:
        result.has_bad_numbers = True
        return BadNumber(text)

    def on_float(text: str) -> float | BadNumber:
        value = float(text)
        return value if math.isfinite(value) else on_bad(text)

    def on_int(text: str) -> int | BadNumber:
        # Python refuses to convert very long digit strings; no deck needs a 100-digit number.
        return int(text) if len(text) <= 100 else on_bad(text[:20] + "...")

    try:
        result.value = json.loads(
            text,
            object_pairs_hook=on_object,
            parse_constant=on_bad,
            parse_float=on_float,
            parse_int=on_int,
        )
    except json.JSONDecodeError as exc:
        result.error = _friendly(text, exc)
    except RecursionError:
        result.error = _too_deep(text)
    except (ValueError, MemoryError) as exc:
        result.error = ("", f"cannot read the JSON ({exc}); check that this is a deck file")
    return result


def _location(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    column = pos - text.rfind("\n", 0, pos)
    return f"{line}:{column}"


def _byte_location(data: bytes, pos: int) -> str:
    """``line:column`` of a byte, counting characters of the (valid) UTF-8 before it on its line."""
    start = data.rfind(b"\n", 0, pos) + 1
    column = len(data[start:pos].decode("utf-8", errors="replace")) + 1
    line = data.count(b"\n", 0, pos) + 1
    return f"{line}:{column}"


def _innermost(text: str, pos: int) -> tuple[str, int] | None:
    """The innermost bracket still open at ``pos`` and where it opened; strings are skipped."""
    stack: list[tuple[str, int]] = []
    for match in _TOKEN_RE.finditer(text, 0, pos):
        token = match.group()
        if token in ("[", "{"):
            stack.append((token, match.start()))
        elif token in ("]", "}") and stack:
            stack.pop()
    return stack[-1] if stack else None


def _found(text: str, pos: int) -> str:
    """Names the text at ``pos`` the way an editor shows it."""
    if text.startswith(("//", "/*"), pos):
        return "a comment; JSON has no comments, remove it"
    word = _WORD_RE.match(text, pos)
    if word:
        name = word.group()
        lower = {"True": "true", "False": "false", "None": "null", "TRUE": "true", "FALSE": "false"}
        if name in lower:
            return f"'{name}'; write {lower[name]} in lowercase"
        return f"'{name}'; put text in double quotes: \"{name}\""
    char = text[pos]
    if char == "'":
        return "a single quote; JSON strings use double quotes"
    return f"{char!r}" if char.isprintable() else f"the character {char!r}"


def _friendly(text: str, exc: json.JSONDecodeError) -> tuple[str, str]:
    pos = exc.pos
    message = exc.msg
    closer = {"{": "}", "[": "]"}
    if message.startswith("Unterminated string"):
        return _location(text, pos), "this string never ends; add the closing '\"'"
    if pos >= len(text) or not text[pos:].strip():
        open_one = _innermost(text, pos)
        if open_one is None:
            return _location(text, pos), "unexpected end of file; the deck is cut short"
        bracket, start = open_one
        return _location(text, pos), (
            f"unexpected end of file; the '{bracket}' opened at {_location(text, start)} "
            f"is never closed: add '{closer[bracket]}'"
        )
    if message.startswith(("Expecting value", "Expecting property name")) and text[pos] in "]}":
        before = len(text[:pos].rstrip()) - 1
        if before >= 0 and text[before] == ",":
            return _location(text, before), f"trailing comma before '{text[pos]}'; remove this ','"
    if message.startswith("Expecting ',' delimiter"):
        open_one = _innermost(text, pos)
        want = closer[open_one[0]] if open_one else "}"
        if open_one and text[pos] in "]}":
            return _location(text, pos), (
                f"expected ',' or '{want}', found '{text[pos]}'; the '{open_one[0]}' opened at "
                f"{_location(text, open_one[1])} must be closed with '{want}'"
            )
        return _location(text, pos), (
            f"expected ',' or '{want}'; add a ',' between the two values, or close with '{want}'"
        )
    if message.startswith("Expecting ':' delimiter"):
        return _location(text, pos), f"expected ':' after the key, found {_found(text, pos)}"
    if message.startswith("Expecting property name"):
        return _location(text, pos), f"expected a key in double quotes, found {_found(text, pos)}"
    if message.startswith("Expecting value"):
        return _location(text, pos), (
            f"expected a value (text in double quotes, a number, true, false, null, {{...}} or [...]), "
            f"found {_found(text, pos)}"
        )
    if message.startswith("Invalid control character"):
        return _location(text, pos), (
            "line break or control character inside a string; write a line break as \\n"
        )
    if message.startswith("Invalid \\uXXXX"):
        return _location(text, pos), "invalid \\u escape; write four hex digits, e.g. \\u00e9"
    if message.startswith("Invalid \\escape"):
        escape = text[pos : pos + 2]
        return _location(text, pos), (
            f"invalid escape '{escape}' in a string; write a backslash as \\\\ (and use '/' in paths)"
        )
    if message.startswith("Extra data"):
        return _location(text, pos), (
            f"unexpected {text[pos]!r} after the end of the deck; remove everything after the last '}}'"
        )
    return _location(text, pos), message  # a message this module does not know yet: keep Python's


def _too_deep(text: str) -> tuple[str, str]:
    """Points at the bracket where nesting went past anything a deck could need."""
    depth = 0
    for match in _TOKEN_RE.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            if depth > 200:
                return _location(text, match.start()), (
                    "nested too deeply (more than 200 levels of '[' or '{'); this is not a deck file"
                )
        elif token in ("]", "}"):
            depth -= 1
    return "", "nested too deeply; this is not a deck file"
