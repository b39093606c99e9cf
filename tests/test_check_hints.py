"""check hints: each fires on a deck made to trip it, none on a clean deck, and hints never fail check."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from conftest import make_photo
from slideshow.cli import main
from slideshow.deck import Severity, load_deck
from slideshow.hints import CAPTION_MAX_CHARS, deck_hints

FULL_HD = (1920, 1080)


def clean_slides(tmp_path: Path) -> list[dict[str, Any]]:
    """Three photo slides that deserve no hint: full size, distinct, described, short captions."""
    slides: list[dict[str, Any]] = [{"title": "A story", "caption": "Text slides need no alt"}]
    for number, colour in enumerate([(200, 60, 40), (40, 160, 70), (50, 70, 200)], start=1):
        make_photo(tmp_path / "assets" / f"big-{number}.jpg", FULL_HD, colour)
        slides.append(
            {"image": f"assets/big-{number}.jpg", "caption": "A short caption.", "alt": f"Photo {number}"}
        )
    return slides


def hints_for(deck_path: Path, screen: tuple[int, int] = FULL_HD) -> list[str]:
    result = load_deck(deck_path)
    assert result.deck is not None and not result.errors, result.problems
    hints = deck_hints(result.deck, "slides.json", screen)
    assert all(h.severity is Severity.WARNING for h in hints)
    return [str(h) for h in hints]


def test_a_clean_deck_has_no_hints(tmp_path: Path, make_deck: Callable[..., Path]) -> None:
    assert hints_for(make_deck(slides=clean_slides(tmp_path))) == []


def test_a_picture_smaller_than_the_screen(tmp_path: Path, make_deck: Callable[..., Path]) -> None:
    slides = clean_slides(tmp_path)
    make_photo(tmp_path / "assets" / "small.jpg", (640, 480))
    make_photo(tmp_path / "assets" / "tall.jpg", (1000, 2000))  # fits 1080 high: not enlarged
    slides += [
        {"image": "assets/small.jpg", "caption": "", "alt": "small"},
        {"image": "assets/tall.jpg", "caption": "", "alt": "tall"},
    ]
    assert hints_for(make_deck(slides=slides)) == [
        "slides.json: slide 5 (slides[4]).image: warning: assets/small.jpg is 640x480, "
        "smaller than the 1920x1080 screen, so it is enlarged 2.2x and looks soft; use a larger original "
        "(at least 1920 wide or 1080 high)"
    ]
    assert hints_for(make_deck(slides=slides), screen=(640, 360)) == []


def test_exif_rotation_counts_and_cover_needs_both_sides(
    tmp_path: Path, make_deck: Callable[..., Path]
) -> None:
    stored = Image.new("RGB", (1000, 700), (90, 90, 90))
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways: shown 700 wide, 1000 high
    (tmp_path / "assets").mkdir()
    stored.save(tmp_path / "assets" / "turned.jpg", exif=exif.tobytes())
    make_photo(tmp_path / "assets" / "wide.jpg", (2400, 900))
    slides = [
        {"image": "assets/turned.jpg", "caption": "", "alt": "a"},
        {"image": "assets/wide.jpg", "caption": "", "alt": "b"},
    ]
    contain = hints_for(make_deck(slides=slides))
    assert len(contain) == 1 and "assets/turned.jpg is 700x1000" in contain[0]
    cover = hints_for(make_deck(slides=slides, settings={"fit": "cover"}))
    assert len(cover) == 2 and "assets/wide.jpg is 2400x900" in cover[1]
    assert "(at least 1920x1080)" in cover[1]


def test_a_caption_too_long_for_the_band(tmp_path: Path, make_deck: Callable[..., Path]) -> None:
    slides = clean_slides(tmp_path)
    slides[1]["caption"] = "x" * CAPTION_MAX_CHARS  # at the limit: fine
    slides[2]["caption"] = "word " * 100
    hints = hints_for(make_deck(slides=slides))
    assert len(hints) == 1 and hints[0].startswith(
        "slides.json: slide 3 (slides[2]).caption: warning: 500 characters"
    )
    assert 'move detail to "notes"' in hints[0]


def test_a_missing_alt_on_a_photo_slide(tmp_path: Path, make_deck: Callable[..., Path]) -> None:
    slides = clean_slides(tmp_path)
    del slides[1]["alt"]
    slides[3]["alt"] = "   "
    hints = hints_for(make_deck(slides=slides))
    assert [h.split(": warning:")[0] for h in hints] == [
        "slides.json: slide 2 (slides[1]).alt",
        "slides.json: slide 4 (slides[3]).alt",
    ]


def test_the_same_picture_twice(tmp_path: Path, make_deck: Callable[..., Path]) -> None:
    slides = clean_slides(tmp_path)
    shutil.copy(tmp_path / "assets" / "big-1.jpg", tmp_path / "assets" / "copy.jpg")
    slides.append({"image": "assets/./big-2.jpg", "caption": "again", "alt": "again"})
    slides.append({"image": "assets/copy.jpg", "caption": "a copy", "alt": "copy"})
    hints = hints_for(make_deck(slides=slides))
    assert hints == [
        "slides.json: slide 5 (slides[4]).image: warning: "
        "the same picture as slide 3 (slides[2]) (assets/big-2.jpg); "
        "use another photo or remove one of the slides",
        "slides.json: slide 6 (slides[5]).image: warning: "
        "the same picture as slide 2 (slides[1]) (assets/big-1.jpg); "
        "use another photo or remove one of the slides",
    ]


def test_check_exits_0_with_only_hints_and_says_how_many(
    tmp_path: Path, make_deck: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    slides = clean_slides(tmp_path)
    del slides[1]["alt"]
    slides.append({"image": "assets/big-3.jpg", "caption": "x " * 300, "alt": "y"})
    deck = make_deck(slides=slides)
    assert main(["check", str(deck)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == f"{deck}: ok: 5 slides, 3 pictures, 3 warning(s)"
    lines = captured.err.strip().splitlines()
    assert [line.split(": warning:")[0] for line in lines] == [
        f"{deck}: slide 2 (slides[1]).alt",
        f"{deck}: slide 5 (slides[4]).image",
        f"{deck}: slide 5 (slides[4]).caption",
    ]


def test_hints_sit_beside_errors_without_hiding_them(
    tmp_path: Path, make_deck: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    slides = clean_slides(tmp_path)
    del slides[2]["alt"]
    slides.append({"image": "assets/missing.jpg", "caption": "gone", "alt": "gone"})
    deck = make_deck(slides=slides)
    assert main(["check", str(deck), "--size", "1280x720"]) == 1
    err = capsys.readouterr().err
    assert (
        "slide 5 (slides[4]).image: file not found" in err
        and "slide 3 (slides[2]).alt: warning: missing" in err
    )
    assert err.strip().endswith("1 problem(s), 1 warning(s)")
    assert json.loads(deck.read_text())["slides"][4]["image"] == "assets/missing.jpg"
