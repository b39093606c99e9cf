"""The deck format as data: one table per JSON object, read by both the loader and the schema writer.

Keeping names, types, limits and descriptions in one place is what stops ``slides.schema.json`` and the
loader from drifting apart: a new key is added here once and both pick it up. What a kind of value
means (how it is checked, written in the schema and worded) is defined once too, in ``kinds.py``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from slideshow.deck.model import CaptionPosition, Fit, Transition


class Kind(Enum):
    """The shape a value must have; ``kinds.py`` says, for each, how it is checked, schemed and worded."""

    STRING = "string"
    NUMBER = "number"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    CHOICE = "choice"
    DATE = "date"
    LOCALE = "locale"
    TIME = "time"
    DAYS = "days"
    SCHEDULE = "schedule"
    SETTINGS = "settings"
    SLIDES = "slides"


#: The longest a slide may stay up in autoplay: a day. Longer is surely a typo (seconds for minutes, an
#: extra zero), and a kiosk that must show one picture all day has its opening hours for that.
LONGEST_SLIDE_SECONDS = 86_400
#: The longest talk the console counts down: a day, as ``--target`` takes.
LONGEST_TALK_MINUTES = 1_440


@dataclass(frozen=True)
class FieldSpec:
    """One key of one JSON object. ``example`` is JSON text, quoted in messages and the schema.

    Every number has a range: NUMBER fields ``exclusive_minimum`` < value <= ``maximum``, INTEGER
    fields ``minimum`` <= value <= ``maximum`` (a test holds the table to it).
    """

    name: str
    kind: Kind
    description: str
    example: str
    required: bool = False
    non_empty: bool = False
    choices: tuple[str, ...] = ()
    enum: type[Enum] | None = None  # a CHOICE read into this enum's member
    exclusive_minimum: float | None = None
    minimum: int | None = None
    maximum: float | None = None


# Patterns are written so that Python's ``re`` (compiled ASCII-only, used with fullmatch) and the ECMA-262
# dialect of JSON Schema read them alike, so the loader and the schema use the very same text.
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
NON_BLANK_PATTERN = r"\S"

_ALNUM = "[A-Za-z0-9]"
_LANGUAGE = "(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"
_SCRIPT = "(?:-[A-Za-z]{4})?"
_REGION = "(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
_VARIANT = f"(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*"
_EXTENSION = f"(?:-[0-9A-WYZa-wyz](?:-{_ALNUM}{{2,8}})+)*"
_PRIVATE = f"(?:-[Xx](?:-{_ALNUM}{{1,8}})+)?"
# RFC 5646 language tags (syntax only): "en-GB", "ar", "ku-Arab-IQ", "de-CH-1996", "x-private".
LOCALE_PATTERN = (
    f"^(?:{_LANGUAGE}{_SCRIPT}{_REGION}{_VARIANT}{_EXTENSION}{_PRIVATE}|[Xx](?:-{_ALNUM}{{1,8}})+)$"
)

DATE_RE = re.compile(DATE_PATTERN, re.ASCII)
TIME_RE = re.compile(TIME_PATTERN, re.ASCII)
LOCALE_RE = re.compile(LOCALE_PATTERN, re.ASCII)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
TRANSITIONS = tuple(t.value for t in Transition)
FITS = tuple(f.value for f in Fit)
CAPTION_POSITIONS = tuple(c.value for c in CaptionPosition)

TOP_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "$schema",
        Kind.STRING,
        "Link to slides.schema.json, so editors can check the deck as you type.",
        '"./slides.schema.json"',
    ),
    FieldSpec(
        "title",
        Kind.STRING,
        "The story's title: window title, title slide and handout cover.",
        '"The battle for Mosul explained in pictures"',
        required=True,
        non_empty=True,
    ),
    FieldSpec(
        "summary", Kind.STRING, "The stand-first shown under the title.", '"A week on the front line."'
    ),
    FieldSpec(
        "settings",
        Kind.SETTINGS,
        "Deck-wide settings: autoplay, looping, transition, fit, locale, caption, schedule, target time.",
        '{"interval": 8}',
    ),
    FieldSpec(
        "slides",
        Kind.SLIDES,
        "The show, in order. A slide without an image is a text slide.",
        '[{"image": "assets/photo.jpg", "caption": "What the photo shows"}]',
        required=True,
    ),
)

SETTINGS_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "interval",
        Kind.NUMBER,
        "Seconds each slide stays up in autoplay, unless the slide has its own duration (at most a day).",
        "8",
        exclusive_minimum=0,
        maximum=LONGEST_SLIDE_SECONDS,
    ),
    FieldSpec("loop", Kind.BOOLEAN, "Start again after the last slide.", "true"),
    FieldSpec(
        "transition", Kind.CHOICE, "How slides come in.", '"fade"', choices=TRANSITIONS, enum=Transition
    ),
    FieldSpec(
        "transition_ms",
        Kind.INTEGER,
        "Length of the transition in milliseconds.",
        "400",
        minimum=0,
        maximum=5000,
    ),
    FieldSpec(
        "fit",
        Kind.CHOICE,
        "contain: the whole photo with bars; cover: fill the screen and crop.",
        '"contain"',
        choices=FITS,
        enum=Fit,
    ),
    FieldSpec(
        "locale",
        Kind.LOCALE,
        "BCP 47 language tag used to write the date stamp, e.g. en-GB, ar, ku-Arab-IQ.",
        '"en-GB"',
    ),
    FieldSpec(
        "caption",
        Kind.CHOICE,
        "Where captions go. auto: beside or below the photo when the screen leaves room, else over its "
        "bottom; overlay: always over the photo; below: always under it; hidden: photos only.",
        '"auto"',
        choices=CAPTION_POSITIONS,
        enum=CaptionPosition,
    ),
    FieldSpec(
        "schedule",
        Kind.SCHEDULE,
        "Kiosk opening hours: outside every window the screen goes black. Leave out to stay always on.",
        '[{"days": ["mon", "tue", "wed", "thu", "fri"], "from": "08:00", "to": "18:00"}]',
    ),
    FieldSpec(
        "target_minutes",
        Kind.NUMBER,
        "The talk's target length in minutes (at most a day): the presenter console counts down to it.",
        "20",
        exclusive_minimum=0,
        maximum=LONGEST_TALK_MINUTES,
    ),
)

WINDOW_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "days",
        Kind.DAYS,
        "Days this window applies to: mon, tue, wed, thu, fri, sat, sun.",
        '["mon", "tue", "wed"]',
        required=True,
        choices=WEEKDAYS,
    ),
    FieldSpec("from", Kind.TIME, "Opening time, local, HH:MM (24-hour).", '"08:00"', required=True),
    FieldSpec(
        "to",
        Kind.TIME,
        "Closing time, local, HH:MM (24-hour); before 'from' runs past midnight.",
        '"18:00"',
        required=True,
    ),
)

SLIDE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "image",
        Kind.STRING,
        "Photo path relative to the deck folder, using '/'; leave out for a text slide.",
        '"assets/photo.jpg"',
    ),
    FieldSpec(
        "caption",
        Kind.STRING,
        "What the photo shows (may be empty).",
        '"What the photo shows"',
        required=True,
    ),
    FieldSpec("place", Kind.STRING, "Where it was taken.", '"Bashiqa, Iraq"'),
    FieldSpec(
        "date",
        Kind.DATE,
        "Calendar date YYYY-MM-DD, shown as a date stamp in the deck's locale.",
        '"2016-10-20"',
    ),
    FieldSpec("credit", Kind.STRING, "Photographer or agency.", '"Photo: A. Photographer"'),
    FieldSpec("title", Kind.STRING, "Headline of a text slide, or over a photo.", '"Day one"'),
    FieldSpec("notes", Kind.STRING, "Presenter notes; never shown to the audience.", '"Mention the map."'),
    FieldSpec(
        "duration",
        Kind.NUMBER,
        "Seconds this slide stays up in autoplay (at most a day); overrides the deck's interval.",
        "12",
        exclusive_minimum=0,
        maximum=LONGEST_SLIDE_SECONDS,
    ),
    FieldSpec(
        "transition",
        Kind.CHOICE,
        "How this slide comes in; overrides the deck's transition.",
        '"fade"',
        choices=TRANSITIONS,
        enum=Transition,
    ),
    FieldSpec("alt", Kind.STRING, "Text alternative of the photo.", '"Families queue at a camp gate"'),
    FieldSpec(
        "caption_position",
        Kind.CHOICE,
        "Where this slide's caption goes; overrides the deck's caption setting.",
        '"below"',
        choices=CAPTION_POSITIONS,
        enum=CaptionPosition,
    ),
    FieldSpec(
        "lang",
        Kind.LOCALE,
        "BCP 47 language tag of this slide; its date stamp is written in it, e.g. ar, ckb, ku-Arab-IQ.",
        '"ar"',
    ),
)


Table = Mapping[str, FieldSpec]
"""One JSON object's fields by name."""


def by_name(fields: tuple[FieldSpec, ...]) -> dict[str, FieldSpec]:
    return {spec.name: spec for spec in fields}
