"""Every script and emoji: the font chain, colour offsets in Qt's units, dates in the slide's language,
one direction for the place/date/credit line, and ``check`` naming what no font can draw."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontDatabase, QImage, QPainter

from slideshow.cli import main
from slideshow.deck.model import Slide
from slideshow.render.caption import ACCENT, MUTED_COLOUR, meta_pieces
from slideshow.render.fonts import caption_family, font, font_chain, missing_characters
from slideshow.render.geometry import Box
from slideshow.render.painter import SlideView, paint_slide, slide_layout
from slideshow.render.text import (
    format_date,
    joined_pieces,
    layout_text,
    slide_is_right_to_left,
    utf16_length,
)

EMOJI_FONT = "Noto Color Emoji"
NEEDS_EMOJI_FONT = "needs a colour emoji font (Debian: fonts-noto-color-emoji)"
HIEROGLYPH = "\U00013000"  # Egyptian hieroglyph A001: in no font this project installs
DATE = dt.date(2016, 10, 20)


def has_emoji_font() -> bool:
    """Asked inside tests: the font database needs the QApplication that ``qapp`` makes."""
    return EMOJI_FONT in QFontDatabase.families()


# --- offsets in Qt's units ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "place",
    ["🇮🇶 Bashiqa, Iraq", "Qaraqosh\u0303, Iraq", "👨\u200d👩\u200d👧 Erbil", "e\u0301\u0301 🙂🙂 x"],
)
def test_the_date_colour_covers_the_date_exactly_whatever_precedes_it(qapp: object, place: str) -> None:
    slide = Slide(caption="", place=place, date=DATE, credit="AFP")
    text, ranges = joined_pieces(meta_pieces(slide, "en-GB"))
    units = text.encode("utf-16-le")
    coloured = {
        units[r.start * 2 : (r.start + r.length) * 2].decode("utf-16-le"): r.format.foreground().color()
        for r in ranges
    }
    assert coloured == {"20 October 2016": ACCENT, "AFP": MUTED_COLOUR}


def test_qt_counts_emoji_twice_and_combining_marks_once() -> None:
    assert utf16_length("🙂") == 2 and utf16_length("e\u0301") == 2 and utf16_length("🇮🇶") == 4


def test_the_date_is_painted_amber_from_its_first_digit_to_its_last(qapp: object) -> None:
    """Painted, not just computed: the "2" of 2016 and the "6" are both in the accent colour."""
    place = "🙂🙂🙂 Erbil"
    slide = Slide(caption="", place=place, date=dt.date(2024, 5, 6))
    text, ranges = joined_pieces(meta_pieces(slide, "en-GB"))
    layout, height = layout_text(text, font(40), 2000, Qt.AlignmentFlag.AlignLeft, formats=ranges)
    image = QImage(1400, round(height) + 4, QImage.Format.Format_RGB32)
    image.fill(QColor("#000000"))
    painter = QPainter(image)
    painter.setPen(QColor("#ffffff"))
    layout.draw(painter, QRectF(0, 0, 1, 1).topLeft())
    painter.end()
    line = layout.lineAt(0)
    start = utf16_length(text[: text.index("6 May")])
    end = start + utf16_length("6 May 2024")
    for first, last in ((start, start + 1), (end - 1, end)):  # the first and the last digit
        left, right = sorted((line.cursorToX(first)[0], line.cursorToX(last)[0]))
        colours = [
            image.pixelColor(x, y)
            for x in range(int(left), int(right) + 1)
            for y in range(image.height())
            if image.pixelColor(x, y).value() > 150
        ]
        assert colours and all(abs(c.hue() - ACCENT.hue()) < 12 for c in colours), (first, colours[:3])


# --- the font chain ----------------------------------------------------------------------------------


def test_the_shipped_font_comes_first(qapp: object) -> None:
    assert caption_family() == "DejaVu Sans" and font_chain()[0] == "DejaVu Sans"
    assert font(30).families()[0] == "DejaVu Sans"


def test_emoji_are_drawn_in_colour_not_as_boxes(qapp: object) -> None:
    if not has_emoji_font():
        if os.environ.get("SLIDESHOW_REQUIRE_E2E"):  # CI installs it: missing there is a failure
            pytest.fail(NEEDS_EMOJI_FONT)
        pytest.skip(NEEDS_EMOJI_FONT)
    assert EMOJI_FONT in font_chain()
    assert missing_characters("🙂👨\u200d👩\u200d👧🇮🇶 e\u0301 هەولێر نازحون") == []
    picture = QImage(1600, 900, QImage.Format.Format_RGB32)
    picture.fill(QColor("#000000"))
    view = SlideView(Slide(caption="🙂🙂🙂", image=Path("x.jpg")), 1, 1, picture=picture)
    image = QImage(1920, 1080, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    paint_slide(painter, QRectF(0, 0, 1920, 1080), view)
    painter.end()
    layout, _ = slide_layout(Box(0, 0, 1920, 1080), view)
    assert layout.text is not None
    box = layout.text
    yellow = sum(
        1
        for y in range(int(box.y), int(box.bottom), 2)
        for x in range(int(box.x), int(box.right), 2)
        if (c := image.pixelColor(x, y)).red() > 180 and c.green() > 140 and c.blue() < 90
    )
    assert yellow > 40  # the smiley's yellow face: a colour glyph, where a box would be white lines


def test_characters_no_font_has_are_named(qapp: object) -> None:
    assert missing_characters(f"Cairo {HIEROGLYPH} \u200d\u2068x\u2069\ufe0f") == [HIEROGLYPH]


# --- dates in the slide's language -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en-GB", "20 October 2016"),
        ("ar", "٢٠ أكتوبر ٢٠١٦"),
        ("ar-IQ", "٢٠ تشرين الأول ٢٠١٦"),
        ("ckb", "٢٠١٦ تشرینی یەکەم ٢٠"),  # Sorani Kurdish: year, month, day, in Arabic-Indic digits
        ("ku-Arab-IQ", "٢٠١٦ تشرینی یەکەم ٢٠"),  # the same language, tagged as Kurdish in Arabic script
        ("ku", "20ê cotmeha 2016an"),  # Kurmanji, in Latin script
    ],
)
def test_dates_are_written_in_the_slides_language(qapp: object, lang: str, expected: str) -> None:
    assert format_date(DATE, lang) == expected
    slide = Slide(caption="", date=DATE, lang=lang)
    assert meta_pieces(slide, "en-GB")[0][0] == expected  # the slide's lang wins over the deck's locale


def test_a_slide_without_lang_uses_the_decks_locale(qapp: object) -> None:
    assert meta_pieces(Slide(caption="", date=DATE), "de")[0][0] == "20. Oktober 2016"


def test_direction_comes_from_lang_then_from_the_text(qapp: object) -> None:
    assert slide_is_right_to_left(Slide(caption="Erbil", lang="ckb"))
    assert not slide_is_right_to_left(Slide(caption="نازحون", lang="en"))
    assert slide_is_right_to_left(Slide(caption="نازحون يصلون"))


def test_an_english_date_keeps_its_order_in_a_right_to_left_line(qapp: object) -> None:
    """No more "May 2024 5": each piece of the line keeps its own direction inside the slide's."""
    slide = Slide(caption="نازحون يصلون", place="الموصل", date=dt.date(2024, 5, 5), credit="Reuters")
    text, ranges = joined_pieces(meta_pieces(slide, "en-GB"))
    layout, _ = layout_text(text, font(30), 1500, Qt.AlignmentFlag.AlignRight, rtl=True, formats=ranges)
    line = layout.lineAt(0)

    def x_of(piece: str) -> float:
        """Where the piece's first character ends (the edge between its first two characters)."""
        return line.cursorToX(utf16_length(text[: text.index(piece) + 1]))[0]

    assert x_of("5 May") < x_of("May") < x_of("2024")  # read left to right, as English is
    assert x_of("الموصل") > x_of("2024") > x_of("Reuters")  # the pieces run right to left: place first


# --- check -------------------------------------------------------------------------------------------


def test_check_names_characters_no_font_has_and_the_slide(
    qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "assets").mkdir()
    Image.new("RGB", (1920, 1080), "#406080").save(tmp_path / "assets" / "a.jpg")
    slides = [
        {"image": "assets/a.jpg", "caption": "Emoji 🙂 and e\u0301 are fine", "alt": "a"},
        {"image": "assets/a.jpg", "caption": "", "place": f"Cairo {HIEROGLYPH}", "alt": "a"},
    ]
    (tmp_path / "slides.json").write_text(json.dumps({"title": "T", "slides": slides}), encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    font_lines = [line for line in err.splitlines() if "no installed font" in line]
    assert font_lines == [
        f"{tmp_path}/slides.json: slide 2 (slides[1]).place: warning: no installed font has "
        f'"{HIEROGLYPH}" (U+13000): it would show as a box; install a font that covers it or write it '
        "another way"
    ]


def test_check_warns_when_a_caption_is_cut_even_at_the_smallest_size(
    qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "assets").mkdir()
    Image.new("RGB", (1920, 1080), "#406080").save(tmp_path / "assets" / "a.jpg")
    fits = "A long caption that still fits. " * 12
    cut = "A caption far too long for any screen. " * 60
    slides = [
        {"image": "assets/a.jpg", "caption": fits, "alt": "a"},
        {"image": "assets/a.jpg", "caption": cut, "alt": "a", "notes": "x"},
    ]
    (tmp_path / "slides.json").write_text(json.dumps({"title": "T", "slides": slides}), encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    cut_lines = [line for line in err.splitlines() if "cut with" in line]
    assert len(cut_lines) == 1 and "slide 2 (slides[1]).caption" in cut_lines[0]
    assert "at 1920x1080" in cut_lines[0]
