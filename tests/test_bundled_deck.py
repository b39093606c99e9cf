"""The demo deck is the Mosul story: a title slide, then thirteen captioned photos in the article's order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from slideshow.deck import load_deck


def test_the_bundled_deck_loads_without_a_single_problem(repo_root: Path) -> None:
    result = load_deck(repo_root / "slides.json")
    assert result.problems == []
    assert result.deck is not None


def test_the_bundled_deck_tells_the_story_in_order(repo_root: Path) -> None:
    deck = load_deck(repo_root / "slides.json").deck
    assert deck is not None
    assert deck.title == "The battle for Mosul explained in pictures"
    title, *photos = deck.slides
    assert title.is_text_slide and title.title == deck.title and title.caption == deck.summary
    assert title.notes is not None and len(title.notes.split("\n\n")) == 3
    assert len(photos) == 13
    assert all(not s.is_text_slide and s.place and s.date and s.caption and s.alt for s in photos)
    dates = [s.date for s in photos]
    assert dates == sorted(dates)
    assert dates[0] == dt.date(2016, 10, 17) and dates[-1] == dt.date(2016, 10, 23)
    sixth = deck.slides[5]
    assert (sixth.place, sixth.date) == ("Erbil, Iraq", dt.date(2016, 10, 20))
    assert sixth.caption.startswith("Only 7,500 tent shelters are available")
    assert all("Illustration" in (s.credit or "") for s in photos)  # never passed off as photographs
