"""Kiosk opening hours (pure): on/off at a local time, past midnight, and the next change."""

from __future__ import annotations

from datetime import datetime

import pytest

from slideshow.core.schedule import Schedule
from slideshow.deck.fields import WEEKDAYS
from slideshow.deck.kinds import minutes_of
from slideshow.deck.model import OpeningWindow

# 2024-01-01 is a Monday.
MON, TUE, SAT, SUN = 1, 2, 6, 7


def at(day: int, hhmm: str, second: int = 0) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return datetime(2024, 1, day, hour, minute, second)


def schedule(*windows: tuple[list[str], str, str]) -> Schedule:
    """Windows written as in a deck: day names and "HH:MM" times."""
    return Schedule(
        OpeningWindow.between(frozenset(WEEKDAYS.index(day) for day in days), minutes_of(f), minutes_of(t))
        for days, f, t in windows
    )


OFFICE = schedule((["mon", "tue", "wed", "thu", "fri"], "08:00", "18:00"))


def test_no_schedule_is_always_on() -> None:
    empty = Schedule(())
    assert empty.always_on
    assert empty.is_on(at(MON, "03:00"))
    assert empty.next_change(at(MON, "03:00")) is None


@pytest.mark.parametrize(
    ("when", "on"),
    [
        (at(MON, "07:59"), False),
        (at(MON, "08:00"), True),
        (at(MON, "17:59", 59), True),
        (at(MON, "18:00"), False),
        (at(SAT, "12:00"), False),
    ],
)
def test_office_hours(when: datetime, on: bool) -> None:
    assert OFFICE.is_on(when) is on


def test_next_change_opens_and_closes() -> None:
    assert OFFICE.next_change(at(MON, "07:30", 12)) == at(MON, "08:00")
    assert OFFICE.next_change(at(MON, "12:00")) == at(MON, "18:00")
    # Friday evening: closed for the weekend, open again on Monday.
    assert OFFICE.next_change(datetime(2024, 1, 5, 18, 0)) == datetime(2024, 1, 8, 8, 0)


def test_to_before_from_runs_past_midnight() -> None:
    night = schedule((["sat"], "22:00", "02:00"))
    assert not night.is_on(at(SAT, "21:59"))
    assert night.is_on(at(SAT, "23:30"))
    assert night.is_on(at(SUN, "01:59"))  # still Saturday's window
    assert not night.is_on(at(SUN, "02:00"))
    assert not night.is_on(at(SUN, "23:00"))  # Sunday has no window of its own
    assert night.next_change(at(SAT, "23:00")) == at(SUN, "02:00")


def test_sunday_night_window_wraps_into_monday() -> None:
    late = schedule((["sun"], "23:00", "01:00"))
    assert late.is_on(at(MON, "00:30"))
    assert not late.is_on(at(MON, "01:00"))
    assert late.next_change(at(MON, "00:30")) == at(MON, "01:00")


def test_equal_times_mean_a_whole_day() -> None:
    day = schedule((["tue"], "00:00", "00:00"))
    assert day.is_on(at(TUE, "00:00")) and day.is_on(at(TUE, "23:59"))
    assert not day.is_on(at(MON, "23:59"))
    assert day.next_change(at(TUE, "10:00")) == datetime(2024, 1, 3, 0, 0)


def test_overlapping_and_touching_windows_merge() -> None:
    split = schedule((["mon"], "08:00", "12:00"), (["mon"], "12:00", "18:00"), (["mon"], "10:00", "11:00"))
    assert split.is_on(at(MON, "12:00"))
    assert split.next_change(at(MON, "09:00")) == at(MON, "18:00")


def test_open_all_week_never_changes() -> None:
    always = schedule((["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "06:00", "06:00"))
    assert not always.always_on
    assert always.is_on(at(SAT, "05:00"))
    assert always.next_change(at(SAT, "05:00")) is None


def test_settings_from_a_loaded_deck(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from slideshow.deck import load_deck

    (tmp_path / "slides.json").write_text(
        '{"title": "t", "settings": {"schedule": [{"days": ["mon"], "from": "09:00", "to": "17:00"}]},'
        ' "slides": [{"caption": "c"}]}'
    )
    deck = load_deck(tmp_path / "slides.json").deck
    assert deck is not None
    loaded = Schedule(deck.settings.schedule)
    assert loaded.is_on(at(MON, "09:00")) and not loaded.is_on(at(TUE, "09:00"))
