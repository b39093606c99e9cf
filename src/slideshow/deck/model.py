"""The deck as the rest of the program sees it: plain, immutable, already validated.

Everything downstream (player, pipeline, painter, exporters) reads these objects and never the raw JSON,
so a rule enforced by the loader holds everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class Fit(str, Enum):  # noqa: UP042 (StrEnum would change str() and f-string output)
    """How a photo fills the screen: whole photo with bars, or filled and cropped."""

    CONTAIN = "contain"
    COVER = "cover"


class Transition(str, Enum):  # noqa: UP042
    """How a slide comes in: cut, cross-fade, or pushed in from the side."""

    NONE = "none"
    FADE = "fade"
    SLIDE = "slide"


class CaptionPosition(str, Enum):  # noqa: UP042
    """Where a photo's caption goes. ``auto`` keeps it off the photo whenever the screen leaves room."""

    AUTO = "auto"
    OVERLAY = "overlay"
    BELOW = "below"
    HIDDEN = "hidden"


class Severity(str, Enum):  # noqa: UP042
    ERROR = "error"
    WARNING = "warning"


MINUTES_PER_DAY = 24 * 60


@dataclass(frozen=True)
class OpeningWindow:
    """One opening window of a kiosk, in local time: on ``days`` (0 = Monday, the day it opens) from
    ``start`` minutes after midnight for ``length`` minutes (1 .. 1440)."""

    days: frozenset[int]
    start: int
    length: int

    @classmethod
    def between(cls, days: frozenset[int], opens: int, closes: int) -> OpeningWindow:
        """Closing before opening runs past midnight; closing when it opens is a whole day."""
        return cls(days, opens, (closes - opens) % MINUTES_PER_DAY or MINUTES_PER_DAY)


@dataclass(frozen=True)
class Settings:
    """Deck-wide settings with the contract's defaults."""

    interval: float = 8.0
    loop: bool = True
    transition: Transition = Transition.FADE
    transition_ms: int = 400
    fit: Fit = Fit.CONTAIN
    locale: str = "en-GB"
    caption: CaptionPosition = CaptionPosition.AUTO
    schedule: tuple[OpeningWindow, ...] = ()  # a kiosk's opening hours; none: always on
    target_minutes: float | None = None  # the talk's planned length: the console counts down to it


DEFAULT_SETTINGS = Settings()


@dataclass(frozen=True)
class Slide:
    """One step of the show. ``image`` is resolved (absolute); ``image_ref`` is what the deck says."""

    caption: str
    image: Path | None = None
    image_ref: str | None = None
    place: str | None = None
    date: dt.date | None = None
    credit: str | None = None
    title: str | None = None
    notes: str | None = None
    duration: float | None = None
    transition: Transition | None = None
    alt: str | None = None
    caption_position: CaptionPosition | None = None  # overrides the deck's ``settings.caption``
    lang: str | None = None  # BCP 47; the date stamp is written in it (else the deck's locale)

    @property
    def is_text_slide(self) -> bool:
        return self.image is None


@dataclass(frozen=True)
class Deck:
    """A loaded show. ``path`` is the JSON file; images live under ``folder``."""

    path: Path
    title: str
    slides: tuple[Slide, ...]
    summary: str | None = None
    settings: Settings = DEFAULT_SETTINGS

    @property
    def folder(self) -> Path:
        return self.path.parent

    def duration_of(self, index: int) -> float:
        """Seconds slide ``index`` stays up in autoplay: its own duration, else the deck interval."""
        own = self.slides[index].duration
        return own if own is not None else self.settings.interval


_SLIDE_PATH = re.compile(r"slides\[(\d+)\]")


def as_the_show_counts(where: str) -> str:
    """``slides[9].image`` -> ``slide 10 (slides[9]).image``: the number the audience saw, then the JSON path.

    The show counts slides from 1 and JSON arrays from 0; giving both lets a presenter find the slide
    and an editor find the line.
    """
    match = _SLIDE_PATH.match(where)
    if match is None:
        return where
    return f"slide {int(match.group(1)) + 1} ({match.group(0)}){where[match.end() :]}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a deck, worded for the person who has to fix it.

    ``where`` is either ``"line:column"`` (JSON syntax) or a field path such as ``slides[3].image``; printed,
    a slide's path also gives its number as the show counts it: ``slide 4 (slides[3]).image``.
    """

    file: str
    where: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        if self.where and self.where[0].isdigit():
            location = f"{self.file}:{self.where}"
        elif self.where:
            location = f"{self.file}: {as_the_show_counts(self.where)}"
        else:
            location = self.file
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{location}: {prefix}{self.message}"


@dataclass
class LoadResult:
    """What the loader found: the deck (``None`` when it cannot be shown) and every problem at once."""

    deck: Deck | None
    problems: list[Problem] = field(default_factory=list)
    source: str = ""  # the deck file as problems name it: the path given, plus /slides.json for a folder

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]
