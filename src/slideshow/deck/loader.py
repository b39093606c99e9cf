"""slides.json -> Deck, collecting every problem in one pass.

``check``, ``show`` and ``export`` all come through :func:`load_deck`, so the rules in ``fields.py`` hold
everywhere. The loader never raises: whatever the input, the caller gets a :class:`LoadResult` whose
problems say where (``line:column`` or a field path such as ``slides[3].image``), what is wrong and
what to do. A missing or unreadable image is an error but still yields a deck, because the viewer
shows a placeholder for that slide and the show goes on; every other error means no deck.
"""

from __future__ import annotations

import difflib
import logging
import os
import stat
from collections.abc import Mapping
from pathlib import Path

from slideshow.deck import fields as f
from slideshow.deck.fields import FieldSpec, Kind, Table
from slideshow.deck.jsontext import BadNumber, JsonObject, parse_json
from slideshow.deck.kinds import INVALID, RULES, build
from slideshow.deck.model import Deck, LoadResult, Problem, Severity, Slide
from slideshow.deck.opening import RefusedFile, open_regular
from slideshow.deck.paths import DECK_FILE_NAME, ImageResolver
from slideshow.deck.wording import describe, key_path, quote

_log = logging.getLogger(__name__)

MAX_DECK_BYTES = 64 * 1024 * 1024
"""A 10,000-slide deck is about 3 MB; anything past this is not a deck and is not read into memory."""

_TOP = f.by_name(f.TOP_FIELDS)
_SETTINGS = f.by_name(f.SETTINGS_FIELDS)
_SLIDE = f.by_name(f.SLIDE_FIELDS)


def load_deck(path: str | os.PathLike[str]) -> LoadResult:
    """Load a deck file, or the slides.json inside a folder, and report everything wrong with it."""
    shown = str(path)
    try:
        shown = os.fspath(path)
        return _load(shown)
    except Exception:  # the contract: no input may crash the viewer or put a traceback on screen
        _log.debug("unexpected failure while loading %s", shown, exc_info=True)  # shown with --debug
        return LoadResult(
            None,
            [
                Problem(
                    shown,
                    "",
                    "could not load the deck because of an internal error; run with --debug and report it",
                )
            ],
            shown,
        )


def _load(given: str) -> LoadResult:
    shown, data, problem = _read(given)
    if data is None:
        return LoadResult(None, [problem] if problem else [], shown)
    parsed = parse_json(data)
    if parsed.error is not None:
        where, message = parsed.error
        return LoadResult(None, [Problem(shown, where, message)], shown)
    checker = _Checker(shown, Path(os.path.abspath(shown)))
    if parsed.has_duplicates or parsed.has_bad_numbers:
        checker.scan(parsed.value)
    deck = checker.deck(parsed.value)
    return LoadResult(None if checker.broken else deck, checker.problems, shown)


def _read(given: str) -> tuple[str, bytes | None, Problem | None]:
    """The name to show in problems, and the file's bytes or the reason there are none."""
    shown = given

    def fail(message: str) -> tuple[str, None, Problem]:
        return shown, None, Problem(shown, "", message)

    try:
        info = os.stat(given)
        if stat.S_ISDIR(info.st_mode):
            shown = given + ("" if given.endswith(("/", os.sep)) else "/") + DECK_FILE_NAME
            try:
                info = os.stat(shown)
            except FileNotFoundError:
                return fail(
                    "file not found: this folder has no slides.json; create one, or give the deck file"
                )
    except (FileNotFoundError, NotADirectoryError):
        return fail("file not found; give the path of a slides.json file, or of a folder that holds one")
    except (OSError, ValueError) as exc:
        return fail(f"cannot open: {_reason(exc)}")
    if stat.S_ISDIR(info.st_mode):
        return fail("this is a folder, not a deck file; give the path of the slides.json inside it")
    if not stat.S_ISREG(info.st_mode):
        return fail("this is not a regular file; give the path of a slides.json file")
    too_big = (
        f"the file is larger than {MAX_DECK_BYTES // (1024 * 1024)} MB, far more than any deck "
        "(10,000 slides take about 3 MB); is this the right file?"
    )
    if info.st_size > MAX_DECK_BYTES:
        return fail(too_big)
    try:
        with open_regular(shown) as stream:  # never blocks, even if a pipe was swapped in since the stat
            data = stream.read(MAX_DECK_BYTES + 1)
    except RefusedFile:
        return fail("this is not a regular file; give the path of a slides.json file")
    except PermissionError:
        return fail("cannot read: permission denied; check the file's permissions")
    except OSError as exc:
        return fail(f"cannot read: {_reason(exc)}")
    if len(data) > MAX_DECK_BYTES:
        return fail(too_big)
    return shown, data, None


def _reason(exc: Exception) -> str:
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc)


class _Checker:
    """One pass over the parsed JSON: builds the models and records every problem on the way."""

    def __init__(self, file: str, deck_path: Path) -> None:
        self.file = file
        self.deck_path = deck_path
        self.problems: list[Problem] = []
        self.broken = False
        self.images = ImageResolver(deck_path.parent)

    def error(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.file, where, message))
        self.broken = True

    def scan(self, value: object) -> None:
        """Reports duplicate keys and NaN/Infinity anywhere, even under keys the loader ignores."""
        stack: list[tuple[object, str]] = [(value, "")]
        while stack:
            item, where = stack.pop()
            if isinstance(item, JsonObject):
                for key in item.duplicates:
                    place = "" if where else " in the top-level object"
                    self.error(where, f"duplicate key {quote(key)}{place}; keep only one of them")
                children = [(child, key_path(where, key)) for key, child in item.items()]
            elif isinstance(item, list):
                children = [(child, f"{where}[{i}]") for i, child in enumerate(item)]
            else:
                if isinstance(item, BadNumber):
                    text = str(item)
                    what = (
                        "is not allowed in JSON"
                        if text.lstrip("-") in ("NaN", "Infinity")
                        else "is too large"
                    )
                    self.error(where, f"{text} {what}; write a plain number, e.g. 8")
                continue
            stack.extend(c for c in reversed(children) if isinstance(c[0], dict | list | BadNumber))

    def unknown(self, parent: str, key: str, known: Table) -> None:
        where = key_path(parent, key)
        if not parent and key in _SETTINGS:
            advice = f'it belongs inside "settings": {{"{key}": ...}}'
        elif not parent and key in _SLIDE:
            advice = "it belongs inside a slide"
        else:
            close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.7)
            in_settings = [] if parent else difflib.get_close_matches(key, list(_SETTINGS), n=1, cutoff=0.7)
            if close:
                advice = f"did you mean {quote(close[0])}?"
            elif in_settings:
                advice = f'did you mean {quote(in_settings[0])} inside "settings"?'
            else:
                advice = "check the spelling or remove it"
        self.problems.append(
            Problem(self.file, where, f"unknown key {quote(key)} is ignored; {advice}", Severity.WARNING)
        )

    def fields(
        self, raw: dict[str, object], parent: str, known: Mapping[str, FieldSpec]
    ) -> dict[str, object]:
        """Checks the keys of one object against its table; returns the good values by name."""
        values: dict[str, object] = {}
        for key, value in raw.items():
            spec = known.get(key)
            if spec is None:
                self.unknown(parent, key, known)
            elif spec.kind is Kind.STRING and type(value) is str and not spec.non_empty:
                values[key] = value  # the common case, kept fast for big decks
            else:
                got = RULES[spec.kind].check(self, spec, value, key_path(parent, key))
                if got is not INVALID:
                    values[key] = got
        for spec in known.values():
            if spec.required and spec.name not in raw:
                extra = ' (an empty caption "" is fine)' if spec.name == "caption" else ""
                self.error(key_path(parent, spec.name), f'missing; add "{spec.name}": {spec.example}{extra}')
        return values

    def slide(self, raw: object, where: str) -> Slide | None:
        if not isinstance(raw, dict):
            self.error(
                where, f'expected a slide object, found {describe(raw)}; write e.g. {{"caption": "..."}}'
            )
            return None
        values = self.fields(raw, where, _SLIDE)
        ref = values.pop("image", None)
        if isinstance(ref, str):
            check = self.images.check(ref)
            if check.problem is not None:
                problem = Problem(self.file, f"{where}.image", check.problem)
                self.problems.append(problem)
                self.broken = self.broken or check.breaks_rules
            values["image"] = check.path
            values["image_ref"] = ref
        return build(Slide, values) if "caption" in values else None

    def deck(self, value: object) -> Deck | None:
        if not isinstance(value, dict):
            self.error(
                "",
                f"expected a JSON object at the top, found {describe(value)}; a deck looks like "
                '{"title": "...", "slides": [...]}',
            )
            return None
        values = self.fields(value, "", _TOP)
        if self.broken or "title" not in values or "slides" not in values:
            return None
        values.pop("$schema", None)
        return build(Deck, {"path": self.deck_path, **values})
