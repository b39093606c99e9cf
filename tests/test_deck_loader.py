"""The deck loader: every rule of the contract, every way a file can be broken, and big decks."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from slideshow.deck import CaptionPosition, Deck, Fit, LoadResult, Problem, Severity, Transition, load_deck
from slideshow.deck import loader as loader_module
from slideshow.deck.model import OpeningWindow


def good_deck() -> dict[str, Any]:
    return {
        "$schema": "./slides.schema.json",
        "title": "A story",
        "summary": "The stand-first.",
        "settings": {
            "interval": 6,
            "loop": False,
            "transition": "slide",
            "transition_ms": 250,
            "fit": "cover",
            "locale": "ku-Arab-IQ",
            "caption": "below",
            "target_minutes": 25,
        },
        "slides": [
            {"title": "Opening", "caption": "", "notes": "Say hello."},
            {
                "image": "assets/one.jpg",
                "caption": "The first photo",
                "place": "Bashiqa, Iraq",
                "date": "2016-10-17",
                "credit": "Someone",
                "duration": 2.5,
                "transition": "none",
                "alt": "A street",
                "caption_position": "overlay",
                "lang": "ar-IQ",
            },
            {"image": "assets/two.jpg", "caption": "The second photo"},
        ],
    }


def write(folder: Path, content: dict[str, Any] | str | bytes, images: tuple[str, ...] = ()) -> Path:
    """A deck folder with ``slides.json`` and empty files standing in for its images."""
    folder.mkdir(parents=True, exist_ok=True)
    for image in images:
        (folder / image).parent.mkdir(parents=True, exist_ok=True)
        (folder / image).write_bytes(b"not decoded by the loader")
    if isinstance(content, dict):
        content = json.dumps(content, indent=2)
    data = content.encode("utf-8") if isinstance(content, str) else content
    (folder / "slides.json").write_bytes(data)
    return folder / "slides.json"


IMAGES = ("assets/one.jpg", "assets/two.jpg")


def load(
    tmp_path: Path, content: dict[str, Any] | str | bytes, images: tuple[str, ...] = IMAGES
) -> LoadResult:
    return load_deck(write(tmp_path / "deck", content, images))


def only(result: LoadResult) -> Problem:
    assert len(result.problems) == 1, [str(p) for p in result.problems]
    return result.problems[0]


def with_change(path: str, value: Any) -> dict[str, Any]:
    """The good deck with one key set (``settings.interval``, ``slides.1.date``) or removed (value DROP)."""
    deck = copy.deepcopy(good_deck())
    *parents, last = path.split(".")
    target: Any = deck
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    key: Any = int(last) if last.isdigit() else last
    if value is DROP:
        del target[key]
    else:
        target[key] = value
    return deck


DROP = object()


# --- a good deck ------------------------------------------------------------------------------------


def test_good_deck_loads_with_every_field(tmp_path: Path) -> None:
    result = load(tmp_path, good_deck())
    assert result.problems == []
    deck = result.deck
    assert isinstance(deck, Deck)
    assert deck.title == "A story" and deck.summary == "The stand-first."
    assert deck.path == (tmp_path / "deck" / "slides.json").absolute()
    settings = deck.settings
    assert (settings.interval, settings.loop, settings.transition_ms) == (6.0, False, 250)
    assert settings.transition is Transition.SLIDE and settings.fit is Fit.COVER
    assert settings.locale == "ku-Arab-IQ" and settings.schedule == ()
    assert settings.caption is CaptionPosition.BELOW and settings.target_minutes == 25.0
    opening, first, second = deck.slides
    assert opening.is_text_slide and opening.title == "Opening" and opening.notes == "Say hello."
    assert first.image == (tmp_path / "deck" / "assets" / "one.jpg").absolute() and first.image.is_absolute()
    assert first.image_ref == "assets/one.jpg"
    assert first.date == dt.date(2016, 10, 17) and first.duration == 2.5
    assert first.transition is Transition.NONE
    assert (first.place, first.credit, first.alt) == ("Bashiqa, Iraq", "Someone", "A street")
    assert first.caption_position is CaptionPosition.OVERLAY and first.lang == "ar-IQ"
    assert second.caption_position is None and second.lang is None
    assert second.duration is None and deck.duration_of(2) == 6.0


def test_defaults_when_settings_are_left_out(tmp_path: Path) -> None:
    result = load(tmp_path, {"title": "T", "slides": [{"caption": "c"}]}, ())
    assert result.problems == [] and result.deck is not None
    s = result.deck.settings
    assert (s.interval, s.loop, s.transition, s.transition_ms, s.fit, s.locale, s.caption) == (
        8.0, True, Transition.FADE, 400, Fit.CONTAIN, "en-GB", CaptionPosition.AUTO
    )  # fmt: skip


def test_accepts_a_path_object_a_string_and_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "deck", good_deck(), IMAGES)
    monkeypatch.chdir(tmp_path)
    assert load_deck("deck/slides.json").deck is not None
    assert load_deck(Path("deck")).deck is not None
    assert load_deck("deck/").deck is not None


def test_whole_number_float_is_an_integer(tmp_path: Path) -> None:
    result = load(tmp_path, with_change("settings.transition_ms", 400.0))
    assert result.deck is not None and result.deck.settings.transition_ms == 400
    assert isinstance(result.deck.settings.transition_ms, int)


@pytest.mark.parametrize(
    "tag", ["en-GB", "ar", "ku-Arab-IQ", "de", "zh-Hant-TW", "es-419", "de-CH-1996", "x-kiosk"]
)
def test_valid_locales(tmp_path: Path, tag: str) -> None:
    result = load(tmp_path, with_change("settings.locale", tag))
    assert result.problems == [] and result.deck is not None and result.deck.settings.locale == tag


def test_schedule_is_kept(tmp_path: Path) -> None:
    windows = [
        {"days": ["mon", "fri"], "from": "08:00", "to": "18:00"},
        {"days": ["sat"], "from": "22:00", "to": "02:30"},
    ]
    result = load(tmp_path, with_change("settings.schedule", windows))
    assert result.problems == [] and result.deck is not None
    assert result.deck.settings.schedule == (  # read into numbers once, here: Monday is day 0
        OpeningWindow(frozenset({0, 4}), 8 * 60, 10 * 60),
        OpeningWindow(frozenset({5}), 22 * 60, 4 * 60 + 30),  # past midnight
    )


# --- wrong values -----------------------------------------------------------------------------------

WRONG = [
    ("title", 5, "title", "expected a string, found a number (5)"),
    ("title", "  ", "title", "must not be empty"),
    ("summary", ["x"], "summary", "expected a string, found an array of 1 item"),
    ("settings", [], "settings", "expected an object, found an array"),
    (
        "settings.interval",
        "8",
        "settings.interval",
        'expected a number greater than 0 and at most 86400, found a string ("8")',
    ),
    ("settings.interval", True, "settings.interval", "found a boolean (true)"),
    ("settings.interval", 0, "settings.interval", "greater than 0 and at most 86400, found a number (0)"),
    ("settings.interval", 86_401, "settings.interval", "at most 86400, found a number (86401)"),
    (
        "settings.interval",
        2_147_484,
        "settings.interval",
        "found a number (2147484)",
    ),  # 2^31 ms: QTimer's end
    ("settings.interval", None, "settings.interval", "found null"),
    ("settings.loop", "yes", "settings.loop", "expected true or false"),
    ("settings.loop", 1, "settings.loop", "expected true or false, found a number (1)"),
    ("settings.transition", "dissolve", "settings.transition", 'expected one of "none", "fade", "slide"'),
    ("settings.transition_ms", 400.5, "settings.transition_ms", "expected a whole number from 0 to 5000"),
    ("settings.transition_ms", 5001, "settings.transition_ms", "found a number (5001)"),
    ("settings.transition_ms", -1, "settings.transition_ms", "found a number (-1)"),
    ("settings.transition_ms", False, "settings.transition_ms", "found a boolean (false)"),
    ("settings.fit", "fill", "settings.fit", 'expected one of "contain", "cover"'),
    ("settings.target_minutes", 0, "settings.target_minutes", "expected a number greater than 0"),
    ("settings.target_minutes", 1441, "settings.target_minutes", "at most 1440, found a number (1441)"),
    ("settings.target_minutes", "20", "settings.target_minutes", 'found a string ("20")'),
    ("settings.caption", "top", "settings.caption", 'expected one of "auto", "overlay", "below", "hidden"'),
    ("settings.caption", True, "settings.caption", "found a boolean (true)"),
    ("slides.1.caption_position", "side", "slides[1].caption_position", 'expected one of "auto", "overlay"'),
    ("slides.1.lang", "ar_IQ", "slides[1].lang", "use '-', not '_': \"ar-IQ\""),
    ("slides.1.lang", "arabic!", "slides[1].lang", "expected a BCP 47 language tag"),
    ("settings.locale", "en_GB", "settings.locale", "use '-', not '_': \"en-GB\""),
    ("settings.locale", "english!", "settings.locale", "expected a BCP 47 language tag"),
    ("settings.locale", "", "settings.locale", "expected a BCP 47 language tag"),
    ("settings.locale", "en--GB", "settings.locale", "expected a BCP 47 language tag"),
    ("settings.locale", 44, "settings.locale", "expected a BCP 47 language tag, found a number (44)"),
    ("settings.schedule", {}, "settings.schedule", "expected a non-empty array of opening windows"),
    ("settings.schedule", [], "settings.schedule", "expected a non-empty array of opening windows"),
    ("settings.schedule", ["mon"], "settings.schedule[0]", "expected an opening window object"),
    ("slides", {}, "slides", "expected a non-empty array of slides, found an object"),
    ("slides", [], "slides", "is empty; add at least one slide"),
    ("slides.1", "photo.jpg", "slides[1]", 'expected a slide object, found a string ("photo.jpg")'),
    ("slides.1.caption", 5, "slides[1].caption", "expected a string, found a number (5)"),
    ("slides.1.caption", None, "slides[1].caption", "expected a string, found null"),
    ("slides.1.place", 1, "slides[1].place", "expected a string"),
    ("slides.1.credit", {}, "slides[1].credit", "expected a string, found an object"),
    ("slides.1.title", True, "slides[1].title", "expected a string"),
    ("slides.1.notes", [], "slides[1].notes", "expected a string"),
    ("slides.1.alt", False, "slides[1].alt", "expected a string"),
    ("slides.1.image", 5, "slides[1].image", "expected a string, found a number (5)"),
    ("slides.1.date", 20161020, "slides[1].date", 'expected a date "YYYY-MM-DD", found a number (20161020)'),
    ("slides.1.date", "17/10/2016", "slides[1].date", '"17/10/2016" is not a YYYY-MM-DD date'),
    ("slides.1.date", "2016-1-7", "slides[1].date", "is not a YYYY-MM-DD date"),
    ("slides.1.date", "2016-02-30", "slides[1].date", '"2016-02-30" is not a real date'),
    ("slides.1.date", "2015-02-29", "slides[1].date", "is not a real date"),
    ("slides.1.date", "0000-01-01", "slides[1].date", "is not a real date"),
    ("slides.1.duration", 0, "slides[1].duration", "greater than 0 and at most 86400, found a number (0)"),
    ("slides.1.duration", 1e300, "slides[1].duration", "at most 86400, found a number (1e+300)"),
    ("slides.1.duration", 10**99, "slides[1].duration", "at most 86400, found a number (1000000000"),
    ("slides.1.duration", -3, "slides[1].duration", "found a number (-3)"),
    ("slides.1.duration", True, "slides[1].duration", "found a boolean (true)"),
    ("slides.1.duration", "5", "slides[1].duration", 'found a string ("5")'),
    ("slides.1.transition", "Fade", "slides[1].transition", 'expected one of "none", "fade", "slide"'),
]


@pytest.mark.parametrize(("change", "value", "where", "message"), WRONG)
def test_wrong_value_is_one_error_and_no_deck(
    tmp_path: Path, change: str, value: Any, where: str, message: str
) -> None:
    result = load(tmp_path, with_change(change, value))
    problem = only(result)
    assert result.deck is None
    assert (problem.where, problem.severity) == (where, Severity.ERROR)
    assert message in problem.message
    assert ";" in problem.message, "every message says what to do after the ';'"


def test_impossible_date_message_says_how_to_write_it(tmp_path: Path) -> None:
    problem = only(load(tmp_path, with_change("slides.2.date", "2016-10-32")))
    assert str(problem).endswith(
        'slides.json: slide 3 (slides[2]).date: "2016-10-32" is not a real date; '
        'write it as YYYY-MM-DD, e.g. "2016-10-20"'
    )


@pytest.mark.parametrize(
    ("change", "where"),
    [("title", "title"), ("slides", "slides"), ("slides.1.caption", "slides[1].caption")],
)
def test_missing_required_key(tmp_path: Path, change: str, where: str) -> None:
    result = load(tmp_path, with_change(change, DROP))
    problem = only(result)
    assert result.deck is None and problem.where == where and problem.message.startswith("missing; add")


@pytest.mark.parametrize(
    ("window", "where", "message"),
    [
        (
            {"days": ["mon", "Tue"], "from": "08:00", "to": "18:00"},
            "settings.schedule[0].days[1]",
            "expected a day",
        ),
        (
            {"days": [], "from": "08:00", "to": "18:00"},
            "settings.schedule[0].days",
            "non-empty array of days",
        ),
        (
            {"days": "mon", "from": "08:00", "to": "18:00"},
            "settings.schedule[0].days",
            "non-empty array of days",
        ),
        (
            {"days": ["mon"], "from": "8:00", "to": "18:00"},
            "settings.schedule[0].from",
            'expected a time "HH:MM"',
        ),
        (
            {"days": ["mon"], "from": "08:00", "to": "24:00"},
            "settings.schedule[0].to",
            'expected a time "HH:MM"',
        ),
        ({"days": ["mon"], "from": "08:00"}, "settings.schedule[0].to", "missing"),
    ],
)
def test_schedule_shapes(tmp_path: Path, window: dict[str, Any], where: str, message: str) -> None:
    result = load(tmp_path, with_change("settings.schedule", [window]))
    problem = only(result)
    assert result.deck is None and problem.where == where and message in problem.message


# --- duplicates, NaN, unknown keys ------------------------------------------------------------------


def test_duplicate_keys_anywhere_are_errors_naming_key_and_object(tmp_path: Path) -> None:
    text = """{
      "title": "A", "title": "B",
      "settings": {"interval": 3, "loop": true, "interval": 4},
      "slides": [{"caption": "a"}, {"caption": "b", "caption": "c", "extra": {"k": 1, "k": 2}}]
    }"""
    result = load(tmp_path, text)
    assert result.deck is None
    found = {(p.where, p.message.split(";")[0]) for p in result.errors}
    assert found == {
        ("", 'duplicate key "title" in the top-level object'),
        ("settings", 'duplicate key "interval"'),
        ("slides[1]", 'duplicate key "caption"'),
        ("slides[1].extra", 'duplicate key "k"'),
    }
    assert [p.where for p in result.warnings] == ["slides[1].extra"]


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e400", "1" * 5000])
def test_non_finite_numbers_are_errors(tmp_path: Path, literal: str) -> None:
    text = json.dumps(good_deck()).replace('"interval": 6', f'"interval": {literal}')
    result = load(tmp_path, text)
    problem = only(result)
    assert result.deck is None and problem.where == "settings.interval"
    assert "write a plain number" in problem.message


def test_unknown_keys_are_warnings_and_the_deck_loads(tmp_path: Path) -> None:
    deck = good_deck()
    deck["interval"] = 5
    deck["version"] = 2
    deck["settings"]["intervall"] = 5
    deck["slides"][1]["captoin"] = "typo"
    deck["slides"][1]["$schema"] = "x"
    deck["slides"][1]["odd key"] = 1
    result = load(tmp_path, deck)
    assert result.deck is not None and result.errors == []
    by_where = {p.where: p.message for p in result.warnings}
    assert set(by_where) == {
        "interval", "version", "settings.intervall",
        "slides[1].captoin", "slides[1].$schema", 'slides[1]["odd key"]',
    }  # fmt: skip
    assert 'belongs inside "settings"' in by_where["interval"]
    assert 'did you mean "interval"?' in by_where["settings.intervall"]
    assert 'did you mean "caption"?' in by_where["slides[1].captoin"]
    assert all(p.severity is Severity.WARNING for p in result.warnings)


# --- image paths ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ref",
    ["/etc/hosts", "\\\\server\\share\\x.jpg", "\\x.jpg", "C:/x.jpg", "c:x.jpg", "assets\\one.jpg",
     "..\\..\\x.jpg", "../x.jpg", "assets/../../x.jpg", "./../deck/assets/one.jpg", "https://example.com/x.jpg"],
)  # fmt: skip
def test_image_paths_must_stay_inside_the_folder(tmp_path: Path, ref: str) -> None:
    (tmp_path / "x.jpg").write_bytes(b"outside")
    result = load(tmp_path, with_change("slides.1.image", ref))
    problem = only(result)
    assert result.deck is None and problem.where == "slides[1].image"
    assert "must stay inside the deck folder" in problem.message


@pytest.mark.parametrize("ref", ["", "  ", ".", "assets/.."])
def test_image_path_that_names_no_file(tmp_path: Path, ref: str) -> None:
    result = load(tmp_path, with_change("slides.1.image", ref))
    assert result.deck is None and only(result).where == "slides[1].image"


def test_image_path_with_a_line_break_is_quoted_on_one_line(tmp_path: Path) -> None:
    result = load(tmp_path, with_change("slides.1.image", "assets/one\n.jpg"))
    message = only(result).message
    assert message.startswith('"assets/one\\n.jpg" contains a control character') and "\n" not in message


def test_dot_dot_inside_the_folder_is_fine(tmp_path: Path) -> None:
    result = load(tmp_path, with_change("slides.1.image", "assets/../assets/./one.jpg"))
    assert result.problems == [] and result.deck is not None
    assert result.deck.slides[1].image == (tmp_path / "deck" / "assets" / "one.jpg").absolute()
    assert result.deck.slides[1].image_ref == "assets/../assets/./one.jpg"


def _symlink(link: Path, target: Path) -> None:
    try:
        link.symlink_to(target, target_is_directory=target.is_dir())
    except (OSError, NotImplementedError):
        pytest.skip("symlinks are not available here")


def test_symlinked_file_leading_outside_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "deck", with_change("slides.1.image", "assets/link.jpg"), IMAGES)
    (tmp_path / "secret.jpg").write_bytes(b"x")
    _symlink(tmp_path / "deck" / "assets" / "link.jpg", tmp_path / "secret.jpg")
    result = load_deck(tmp_path / "deck")
    assert result.deck is None and "must stay inside the deck folder" in only(result).message


def test_symlinked_folder_leading_outside_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "deck", with_change("slides.1.image", "pics/one.jpg"), IMAGES)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "one.jpg").write_bytes(b"x")
    _symlink(tmp_path / "deck" / "pics", tmp_path / "elsewhere")
    result = load_deck(tmp_path / "deck")
    assert result.deck is None and "must stay inside the deck folder" in only(result).message


def test_symlink_inside_the_folder_is_fine(tmp_path: Path) -> None:
    write(tmp_path / "deck", with_change("slides.1.image", "assets/link.jpg"), IMAGES)
    _symlink(tmp_path / "deck" / "assets" / "link.jpg", tmp_path / "deck" / "assets" / "two.jpg")
    assert load_deck(tmp_path / "deck").problems == []


def test_missing_image_is_an_error_but_the_deck_still_loads(tmp_path: Path) -> None:
    result = load(tmp_path, with_change("slides.1.image", "assets/x.jpg"))
    problem = only(result)
    assert problem.severity is Severity.ERROR and problem.where == "slides[1].image"
    assert problem.message.startswith("file not found: assets/x.jpg; ")
    assert result.deck is not None
    assert result.deck.slides[1].image == (tmp_path / "deck" / "assets" / "x.jpg").absolute()
    assert result.deck.slides[1].image_ref == "assets/x.jpg"


def test_image_that_is_a_folder_is_an_error_but_the_deck_still_loads(tmp_path: Path) -> None:
    result = load(tmp_path, with_change("slides.1.image", "assets"))
    assert result.deck is not None and only(result).message.startswith("not a file: assets is a folder")


# --- one pass, and how problems read ----------------------------------------------------------------


def test_five_mistakes_give_five_problems_in_one_pass(tmp_path: Path) -> None:
    deck = good_deck()
    deck["settings"]["interval"] = -1
    deck["settings"]["colour"] = "red"
    del deck["slides"][0]["caption"]
    deck["slides"][1]["date"] = "2016-13-01"
    deck["slides"][2]["image"] = "assets/missing.jpg"
    result = load(tmp_path, deck)
    assert [(p.where, p.severity) for p in result.problems] == [
        ("settings.interval", Severity.ERROR),
        ("settings.colour", Severity.WARNING),
        ("slides[0].caption", Severity.ERROR),
        ("slides[1].date", Severity.ERROR),
        ("slides[2].image", Severity.ERROR),
    ]
    assert result.deck is None


def test_problem_text_has_the_documented_shape(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deck = with_change("slides.1.image", "assets/x.jpg")
    deck["slides"][2]["colour"] = "red"
    write(tmp_path / "deck", deck, IMAGES)
    monkeypatch.chdir(tmp_path)
    lines = [str(p) for p in load_deck("deck").problems]
    assert lines[0].startswith("deck/slides.json: slide 2 (slides[1]).image: file not found: assets/x.jpg")
    assert lines[1].startswith('deck/slides.json: slide 3 (slides[2]).colour: warning: unknown key "colour"')
    (tmp_path / "deck" / "slides.json").write_text('{\n  "title": "T"\n  "slides": []\n}')
    assert [str(p) for p in load_deck("deck/slides.json").problems] == [
        "deck/slides.json:3:3: expected ',' or '}'; add a ',' between the two values, or close with '}'"
    ]


# --- JSON syntax and broken files -------------------------------------------------------------------

SYNTAX = [
    (
        '{\n  "title": "T",\n  "slides": [\n    {"caption": "a"}\n    {"caption": "b"}\n  ]\n}',
        "5:5",
        "expected ',' or ']'",
    ),
    ('{\n  "title": "T"\n  "slides": []\n}', "3:3", "expected ',' or '}'"),
    ('{"title": "T", "slides": [{"caption": "a"},]}', "1:43", "trailing comma before ']'"),
    ('{"title": "T",\n "slides": [{"caption": "a"}],\n}', "2:30", "trailing comma before '}'"),
    ('{"title": "T", "slides": [{"caption": "a"}', "1:43", "unexpected end of file; the '[' opened at 1:26"),
    ('{"title": "T"', "1:14", "unexpected end of file; the '{' opened at 1:1 is never closed"),
    ("{'title': 'T'}", "1:2", "JSON strings use double quotes"),
    ('{"title": "T", // note\n"slides": []}', "1:16", "JSON has no comments"),
    ('{"title": True}', "1:11", "write true in lowercase"),
    ('{"title": "T", "slides": [{"image": "assets\\photo.jpg"}]}', "1:44", "invalid escape '\\p'"),
    ('{"title": "T\nU"}', "1:13", "line break or control character inside a string"),
    ('{"title": "T} ', "1:11", "this string never ends"),
    ('{"title": "T"}}', "1:15", "unexpected '}' after the end of the deck"),
    ('{"title": "T", "slides": [{"caption": "a"}}', "1:43", "expected ',' or ']', found '}'"),
    ('{"title" "T"}', "1:10", "expected ':' after the key"),
]


@pytest.mark.parametrize(("text", "where", "message"), SYNTAX)
def test_syntax_errors_point_at_line_and_column(tmp_path: Path, text: str, where: str, message: str) -> None:
    result = load(tmp_path, text)
    problem = only(result)
    assert result.deck is None and problem.where == where and message in problem.message
    assert str(problem).startswith(f"{tmp_path / 'deck' / 'slides.json'}:{where}: ")


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    result = load(tmp_path, b"\xef\xbb\xbf" + json.dumps(good_deck()).encode())
    assert result.problems == [] and result.deck is not None


@pytest.mark.parametrize(
    ("data", "where", "message"),
    [
        (b"", "", "the file is empty"),
        (b" \n\t\n", "", "the file is empty"),
        (b"\xff\xfe{\x00}\x00", "", "saved as UTF-16; save it as UTF-8"),
        (b'{"title": "T",\n "slides": [{"caption": "caf\xe9"}]}', "2:29",
         "not valid UTF-8 (byte 0xE9 at byte offset 43, line 2)"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "1:5", "this is not a text file"),
        (b'\xef\xbb\xbf{"title": "\xe9"}', "1:12", "(byte 0xE9 at byte offset 14, line 1)"),
        (b"[" * 100_000, "1:201", "nested too deeply"),
        (b'{"a":' * 100_000, "1:1001", "nested too deeply"),
        (b'[{"title": "T", "slides": []}]', "", "expected a JSON object at the top, found an array of 1"),
        (b'"a deck"', "", 'expected a JSON object at the top, found a string ("a deck")'),
        (b"null", "", "expected a JSON object at the top, found null"),
    ],
)  # fmt: skip
def test_broken_files_give_one_clear_problem(tmp_path: Path, data: bytes, where: str, message: str) -> None:
    result = load(tmp_path, data)
    problem = only(result)
    assert result.deck is None and problem.where == where and message in problem.message


def test_random_junk_and_every_truncation_never_raise(tmp_path: Path) -> None:
    rng = random.Random(7)
    full = json.dumps(good_deck(), indent=1).encode()
    inputs = [full[:n] for n in range(0, len(full), 3)]
    inputs += [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400))) for _ in range(100)]
    inputs += [bytes(rng.choice(b'{}[],:"0a\\ \n') for _ in range(200)) for _ in range(100)]
    path = write(tmp_path / "deck", b"", IMAGES)
    for data in inputs:
        path.write_bytes(data)
        result = load_deck(path)
        assert isinstance(result, LoadResult)
        assert result.deck is not None or result.errors, data


def test_missing_file(tmp_path: Path) -> None:
    problem = only(load_deck(tmp_path / "nope.json"))
    assert problem.file == str(tmp_path / "nope.json") and problem.message.startswith("file not found")


def test_folder_without_slides_json(tmp_path: Path) -> None:
    problem = only(load_deck(str(tmp_path)))
    assert problem.file == f"{tmp_path}/slides.json"
    assert "this folder has no slides.json" in problem.message


def test_slides_json_that_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "slides.json").mkdir()
    assert "is a folder, not a deck file" in only(load_deck(tmp_path)).message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "slides.json")
    assert "not a regular file" in only(load_deck(tmp_path)).message


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "deck", good_deck(), IMAGES)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(loader_module, "open_regular", refuse)
    assert "permission denied" in only(load_deck(path)).message


def test_huge_file_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader_module, "MAX_DECK_BYTES", 1000)
    result = load(tmp_path, good_deck() | {"notes": "x" * 2000})
    assert result.deck is None and "far more than any deck" in only(result).message


# --- big decks and the room's boundary --------------------------------------------------------------


@pytest.mark.parametrize("distinct", [True, False], ids=["distinct-images", "same-image"])
def test_ten_thousand_slides_load(tmp_path: Path, distinct: bool) -> None:
    folder = tmp_path / "big"
    (folder / "assets").mkdir(parents=True)
    slides = []
    for i in range(10_000):
        image = f"assets/p{i:05d}.jpg" if distinct else "assets/p.jpg"
        if distinct or i == 0:
            (folder / image).write_bytes(b"")
        slides.append({"image": image, "caption": f"Photo {i}", "date": "2016-10-20", "duration": 5})
    write(folder, {"title": "Big", "slides": slides})
    result = load_deck(folder)
    assert result.problems == [] and result.deck is not None and len(result.deck.slides) == 10_000


def test_importing_the_deck_room_pulls_in_no_qt_and_no_pillow() -> None:
    code = (
        "import sys, slideshow.deck, slideshow.deck.schema\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'PIL')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_every_number_in_the_deck_has_a_range() -> None:
    """A new number added to the field table without limits would reach Qt's timers unchecked."""
    from slideshow.deck import fields

    tables = (fields.TOP_FIELDS, fields.SETTINGS_FIELDS, fields.WINDOW_FIELDS, fields.SLIDE_FIELDS)
    for spec in (spec for table in tables for spec in table):
        if spec.kind is fields.Kind.NUMBER:
            assert spec.exclusive_minimum is not None and spec.maximum is not None, spec.name
        if spec.kind is fields.Kind.INTEGER:
            assert spec.minimum is not None and spec.maximum is not None, spec.name


def test_the_longest_slide_and_the_schema_agree(tmp_path: Path) -> None:
    result = load(tmp_path, with_change("slides.1.duration", 86_400))
    assert result.problems == [] and result.deck is not None
    assert result.deck.slides[1].duration == 86_400
    from slideshow.deck import schema_dict

    duration = schema_dict()["$defs"]["slide"]["properties"]["duration"]  # type: ignore[index]
    assert (duration["exclusiveMinimum"], duration["maximum"]) == (0, 86_400)
