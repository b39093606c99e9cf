"""Each kind of deck value, defined once: how the loader checks it, how the schema writes it, and how a
message words what it wants.

Adding a kind is one :class:`Kind` member in ``fields.py`` and one entry in :data:`RULES` here; the
loader, ``slides.schema.json`` and the messages all follow (a test checks every kind has its rule).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol, TypeVar

from slideshow.deck import fields as f
from slideshow.deck.fields import FieldSpec, Kind
from slideshow.deck.jsontext import BadNumber
from slideshow.deck.model import OpeningWindow, Settings, Slide
from slideshow.deck.wording import describe, quote

T = TypeVar("T")

SETTINGS_TABLE = f.by_name(f.SETTINGS_FIELDS)
WINDOW_TABLE = f.by_name(f.WINDOW_FIELDS)


class Invalid:
    """What a check returns once it has reported the problem: the field is left out of the model."""


INVALID = Invalid()


class Checker(Protocol):
    """The loader's side of a check: where problems go, and the objects that need more than a value."""

    def error(self, where: str, message: str) -> None: ...

    def fields(
        self, raw: dict[str, object], parent: str, table: Mapping[str, FieldSpec]
    ) -> dict[str, object]:
        """The good values of one JSON object checked against its table, by name."""
        ...

    def slide(self, raw: object, where: str) -> Slide | None: ...


Check = Callable[[Checker, FieldSpec, object, str], object]


@dataclass(frozen=True)
class KindRule:
    """One kind: ``wanted`` words it ("expected X ...; how to write it"), ``schema`` gives its JSON
    Schema keywords, ``check`` returns the typed value or :data:`INVALID` after reporting why."""

    wanted: Callable[[FieldSpec], tuple[str, str]]
    schema: Callable[[FieldSpec], dict[str, object]]
    check: Check


def wrong(checker: Checker, spec: FieldSpec, value: object, where: str) -> Invalid:
    """The common message: "expected X, found Y; how to write it"."""
    if not isinstance(value, BadNumber):  # the loader's scan has already reported it
        wanted, hint = RULES[spec.kind].wanted(spec)
        checker.error(where, f"expected {wanted}, found {describe(value)}; {hint}")
    return INVALID


def build(make: Callable[..., T], values: Mapping[str, object]) -> T:
    """A model from checked values: the field table names the model's arguments and typed them."""
    return make(**values)


def minutes_of(text: str) -> int:
    """``"HH:MM"`` (already matching :data:`fields.TIME_PATTERN`) as minutes after midnight."""
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def _string(checker: Checker, spec: FieldSpec, value: object, where: str) -> object:
    if not isinstance(value, str):
        return wrong(checker, spec, value, where)
    if spec.non_empty and not value.strip():
        checker.error(where, f"must not be empty; write e.g. {spec.example}")
        return INVALID
    return value


def _number(checker: Checker, spec: FieldSpec, value: object, where: str) -> object:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return wrong(checker, spec, value, where)
    if spec.exclusive_minimum is not None and value <= spec.exclusive_minimum:
        return wrong(checker, spec, value, where)
    if spec.maximum is not None and value > spec.maximum:
        return wrong(checker, spec, value, where)
    return float(value)


def _integer(checker: Checker, spec: FieldSpec, value: object, where: str) -> object:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return wrong(checker, spec, value, where)
    if isinstance(value, float) and not value.is_integer():
        return wrong(checker, spec, value, where)
    whole = int(value)
    low = spec.minimum if spec.minimum is not None else whole
    high = spec.maximum if spec.maximum is not None else whole
    return whole if low <= whole <= high else wrong(checker, spec, value, where)


def _boolean(checker: Checker, spec: FieldSpec, value: object, where: str) -> object:
    return value if isinstance(value, bool) else wrong(checker, spec, value, where)


def _choice(checker: Checker, spec: FieldSpec, value: object, where: str) -> object:
    if not isinstance(value, str) or value not in spec.choices:
        return wrong(checker, spec, value, where)
    return spec.enum(value) if spec.enum is not None else value


def _date(checker: Checker, spec: FieldSpec, value: object, where: str) -> object:
    if not isinstance(value, str):
        return wrong(checker, spec, value, where)
    hint = f"write it as YYYY-MM-DD, e.g. {spec.example}"
    if not f.DATE_RE.fullmatch(value):
        checker.error(where, f"{quote(value)} is not a YYYY-MM-DD date; {hint}")
        return INVALID
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        checker.error(where, f"{quote(value)} is not a real date; {hint}")
        return INVALID


def _locale(checker: Checker, spec: FieldSpec, value: object, where: str) -> object:
    if isinstance(value, str) and f.LOCALE_RE.fullmatch(value):
        return value
    if isinstance(value, str) and "_" in value:
        fixed = quote(value.replace("_", "-"))
        checker.error(where, f"{quote(value)} is not a BCP 47 tag; use '-', not '_': {fixed}")
        return INVALID
    return wrong(checker, spec, value, where)


def _time(checker: Checker, spec: FieldSpec, value: object, where: str) -> object:
    if isinstance(value, str) and f.TIME_RE.fullmatch(value):
        return minutes_of(value)
    return wrong(checker, spec, value, where)


def _days(checker: Checker, spec: FieldSpec, value: object, where: str) -> object:
    """The weekdays as numbers, 0 = Monday."""
    if not isinstance(value, list) or not value:
        return wrong(checker, spec, value, where)
    days: set[int] = set()
    good = True
    for i, day in enumerate(value):
        if isinstance(day, str) and day in spec.choices:
            days.add(spec.choices.index(day))
            continue
        good = False
        if not isinstance(day, BadNumber):  # the loader's scan has already reported it
            checker.error(
                f"{where}[{i}]",
                f'expected a day ({", ".join(spec.choices)}), found {describe(day)}; write e.g. "mon"',
            )
    return frozenset(days) if good else INVALID


def _schedule(checker: Checker, spec: FieldSpec, value: object, where: str) -> object:
    if not isinstance(value, list) or not value:
        return wrong(checker, spec, value, where)
    windows: list[OpeningWindow] = []
    for i, raw in enumerate(value):
        here = f"{where}[{i}]"
        if not isinstance(raw, dict):
            found = describe(raw)
            checker.error(
                here, f"expected an opening window object, found {found}; write e.g. {spec.example[1:-1]}"
            )
            continue
        values = checker.fields(raw, here, WINDOW_TABLE)
        days, opens, closes = values.get("days"), values.get("from"), values.get("to")
        if isinstance(days, frozenset) and isinstance(opens, int) and isinstance(closes, int):
            windows.append(OpeningWindow.between(days, opens, closes))
    return tuple(windows)


def _settings(checker: Checker, spec: FieldSpec, value: object, where: str) -> object:
    if not isinstance(value, dict):
        return wrong(checker, spec, value, where)
    return build(Settings, checker.fields(value, where, SETTINGS_TABLE))


def _slides(checker: Checker, spec: FieldSpec, value: object, where: str) -> object:
    if not isinstance(value, list):
        return wrong(checker, spec, value, where)
    if not value:
        checker.error(where, f"is empty; add at least one slide, e.g. {spec.example}")
        return INVALID
    slides = (checker.slide(raw, f"{where}[{i}]") for i, raw in enumerate(value))
    return tuple(slide for slide in slides if slide is not None)


def _quoted_text(spec: FieldSpec) -> tuple[str, str]:
    return "a string", f"write text in double quotes, e.g. {spec.example}"


def _like_example(wanted: str) -> Callable[[FieldSpec], tuple[str, str]]:
    return lambda spec: (wanted, f"write e.g. {spec.example}")


RULES: dict[Kind, KindRule] = {
    Kind.STRING: KindRule(
        _quoted_text,
        lambda spec: (
            {"type": "string", "minLength": 1, "pattern": f.NON_BLANK_PATTERN}
            if spec.non_empty
            else {"type": "string"}
        ),
        _string,
    ),
    Kind.NUMBER: KindRule(
        lambda spec: (
            f"a number greater than {spec.exclusive_minimum:g}"
            + (f" and at most {spec.maximum:g}" if spec.maximum is not None else ""),
            f"write a number without quotes, e.g. {spec.example}",
        ),
        lambda spec: {"type": "number", "exclusiveMinimum": spec.exclusive_minimum, "maximum": spec.maximum},
        _number,
    ),
    Kind.INTEGER: KindRule(
        lambda spec: (
            f"a whole number from {spec.minimum} to {spec.maximum}",
            f"write a whole number without quotes, e.g. {spec.example}",
        ),
        lambda spec: {"type": "integer", "minimum": spec.minimum, "maximum": spec.maximum},
        _integer,
    ),
    Kind.BOOLEAN: KindRule(
        lambda spec: ("true or false", "write true or false without quotes"),
        lambda spec: {"type": "boolean"},
        _boolean,
    ),
    Kind.CHOICE: KindRule(
        lambda spec: ("one of " + ", ".join(f'"{c}"' for c in spec.choices), f"write e.g. {spec.example}"),
        lambda spec: {"type": "string", "enum": list(spec.choices)},
        _choice,
    ),
    Kind.DATE: KindRule(
        lambda spec: ('a date "YYYY-MM-DD"', f"write it as YYYY-MM-DD, e.g. {spec.example}"),
        lambda spec: {"type": "string", "pattern": f.DATE_PATTERN, "format": "date"},
        _date,
    ),
    Kind.LOCALE: KindRule(
        lambda spec: ("a BCP 47 language tag", 'write e.g. "en-GB", "ar" or "ku-Arab-IQ"'),
        lambda spec: {"type": "string", "pattern": f.LOCALE_PATTERN},
        _locale,
    ),
    Kind.TIME: KindRule(
        lambda spec: ('a time "HH:MM"', f"write a 24-hour time from 00:00 to 23:59, e.g. {spec.example}"),
        lambda spec: {"type": "string", "pattern": f.TIME_PATTERN},
        _time,
    ),
    Kind.DAYS: KindRule(
        _like_example("a non-empty array of days"),
        lambda spec: {"type": "array", "minItems": 1, "items": {"enum": list(spec.choices)}},
        _days,
    ),
    Kind.SCHEDULE: KindRule(
        _like_example("a non-empty array of opening windows"),
        lambda spec: {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/window"}},
        _schedule,
    ),
    Kind.SETTINGS: KindRule(
        _like_example("an object"),
        lambda spec: {"$ref": "#/$defs/settings"},
        _settings,
    ),
    Kind.SLIDES: KindRule(
        _like_example("a non-empty array of slides"),
        lambda spec: {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/slide"}},
        _slides,
    ),
}
