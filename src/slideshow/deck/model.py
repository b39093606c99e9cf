"""The deck as the rest of the program sees it: plain, immutable, already validated.

Everything downstream (player, pipeline, painter, exporters) reads these objects and never the raw JSON,
so a rule enforced by the loader holds everywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class Fit(str, Enum):  # noqa: UP042 (StrEnum would change str() and f-string output)
    """How a photo fills the screen: whole photo with bars, or filled and cropped."""

    CONTAIN = "contain"
    COVER = "cover"


class Transition(str, Enum):  # noqa: UP042
    """How a slide comes in (drawn by the briefing-tools work; accepted and validated now)."""

    NONE = "none"
    FADE = "fade"
    SLIDE = "slide"


class Severity(str, Enum):  # noqa: UP042
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Settings:
    """Deck-wide settings with the contract's defaults."""

    interval: float = 8.0
    loop: bool = True
    transition: Transition = Transition.FADE
    transition_ms: int = 400
    fit: Fit = Fit.CONTAIN
    locale: str = "en-GB"
    # Opening hours for kiosks arrive with the kiosk work; kept verbatim so nothing is lost.
    schedule: tuple[dict[str, object], ...] = ()


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


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a deck, worded for the person who has to fix it.

    ``where`` is either ``"line:column"`` (JSON syntax) or a field path such as ``slides[3].image``.
    """

    file: str
    where: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        if self.where and self.where[0].isdigit():
            location = f"{self.file}:{self.where}"
        elif self.where:
            location = f"{self.file}: {self.where}"
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
