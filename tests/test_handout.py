"""The PDF handout read back with poppler: each page shows its slide's picture and text, as real text.

pdftoppm, pdftotext and pdfinfo come from Debian's poppler-utils; the tests skip without them unless
SLIDESHOW_REQUIRE_E2E is set, as in CI.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from conftest import make_photo
from slideshow.deck import Deck, load_deck
from slideshow.handout import export_handout, page_layout, place_picture

COLOURS = [(200, 60, 40), (40, 160, 70), (50, 70, 200), (220, 200, 40), (150, 40, 160)]
NOTES = "Mention the map first.\nThen the camp."


def poppler(tool: str, *args: str) -> str:
    if shutil.which(tool) is None:
        if os.environ.get("SLIDESHOW_REQUIRE_E2E"):
            pytest.fail(f"{tool} is needed to read the handout back; .ci/run installs poppler-utils")
        pytest.skip(f"{tool} is not installed (apt-get install poppler-utils)")
    result = subprocess.run([tool, *args], capture_output=True, timeout=120, check=True)
    return result.stdout.decode("utf-8", "replace")


def page_text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return " ".join(poppler("pdftotext", "-enc", "UTF-8", *pages, str(pdf), "-").split())


def page_image(pdf: Path, page: int, dpi: int = 50) -> Image.Image:
    if shutil.which("pdftoppm") is None:
        poppler("pdftoppm")
    data = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", str(pdf)],
        capture_output=True,
        timeout=120,
        check=True,
    ).stdout
    return Image.open(io.BytesIO(data)).convert("RGB")


def pages_of(pdf: Path) -> int:
    info = poppler("pdfinfo", str(pdf))
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def difference(a: Image.Image, b: Image.Image) -> float:
    small_a, small_b = a.convert("RGB").resize((48, 32)), b.convert("RGB").resize((48, 32))
    return sum(ImageStat.Stat(ImageChops.difference(small_a, small_b)).mean) / 3


@pytest.fixture
def story(tmp_path: Path, make_deck: Callable[..., Path]) -> Deck:
    """A title slide and five photos of different colours and shapes (one portrait), all with text."""
    slides: list[dict[str, object]] = [{"title": "Five photos", "caption": "A test story", "notes": NOTES}]
    for number, colour in enumerate(COLOURS, start=2):
        size = (480, 640) if number == 4 else (800, 450)
        make_photo(tmp_path / "assets" / f"p{number}.jpg", size, colour)
        slides.append(
            {
                "image": f"assets/p{number}.jpg",
                "caption": f"Caption number {number}: families arrive at the camp gate in the evening.",
                "place": f"Place {number}, Iraq",
                "date": f"2016-10-{15 + number}",
                "credit": f"Photographer {number} / Agency",
                "notes": f"Private note {number}",
            }
        )
    deck = load_deck(make_deck(slides=slides, title="A handout test", summary="What happened, in pictures."))
    assert deck.deck is not None and not deck.problems
    return deck.deck


def test_each_page_shows_its_slides_picture_and_text(qapp: object, story: Deck, tmp_path: Path) -> None:
    pdf = tmp_path / "handout.pdf"
    assert export_handout(story, pdf) == 7
    assert pages_of(pdf) == 7

    cover = page_text(pdf, 1)
    assert "A handout test" in cover and "What happened, in pictures." in cover
    assert "17 October 2016 – 21 October 2016" in cover

    cell, dpi = page_layout(1).cells[0], 50
    sources = [Image.open(s.image).convert("RGB") for s in story.slides[1:] if s.image]
    for index, slide in enumerate(story.slides[1:], start=1):
        page = index + 2  # the cover, then the title slide
        text = page_text(pdf, page)
        expected = f"{slide.caption} {slide.place} · {16 + index} October 2016 · {slide.credit}"
        assert expected in text, text
        assert f"Slide {index + 1} of 6" in text and f"Page {page} of 7" in text
        assert "Private note" not in text

        source = sources[index - 1]
        box = place_picture(cell.picture, *source.size)
        scale = dpi / 25.4
        crop = (
            round(box.x * scale) + 2,
            round(box.y * scale) + 2,
            round(box.right * scale) - 2,
            round(box.bottom * scale) - 2,
        )
        printed = page_image(pdf, page, dpi).crop(crop)
        own = difference(printed, source)
        others = [difference(printed, other) for other in sources if other is not source]
        assert own < 10 and min(others) > 2 * own + 10, (own, others)


def test_the_text_layer_has_every_caption_and_notes_only_when_asked(
    qapp: object, story: Deck, tmp_path: Path
) -> None:
    plain, with_notes = tmp_path / "plain.pdf", tmp_path / "notes.pdf"
    export_handout(story, plain)
    export_handout(story, with_notes, notes=True)
    text, noted = page_text(plain), page_text(with_notes)
    for slide in story.slides:
        assert slide.caption in text and slide.caption in noted
    assert "Private note" not in text and "Mention the map first." not in text
    assert all(f"Private note {n}" in noted for n in range(2, 7))
    assert "Mention the map first. Then the camp." in noted


@pytest.mark.parametrize(("per_page", "pages", "landscape"), [(2, 1 + 3, True), (4, 1 + 2, False)])
def test_two_and_four_per_page(
    qapp: object, story: Deck, tmp_path: Path, per_page: int, pages: int, landscape: bool
) -> None:
    pdf = tmp_path / f"{per_page}.pdf"
    assert export_handout(story, pdf, per_page=per_page) == pages
    assert pages_of(pdf) == pages
    size_line = next(
        line for line in poppler("pdfinfo", str(pdf)).splitlines() if line.startswith("Page size:")
    )
    width, _, height = size_line.split()[2:5]
    assert size_line.endswith("(A4)") and (float(width) > float(height)) == landscape, size_line
    last = page_text(pdf, pages)
    assert story.slides[-1].caption in last and f"Page {pages} of {pages}" in last


def test_a_broken_picture_prints_the_placeholder(qapp: object, story: Deck, tmp_path: Path) -> None:
    (tmp_path / "assets" / "p3.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    pdf = tmp_path / "broken.pdf"
    export_handout(story, pdf)
    text = page_text(pdf, 4)  # slides[2]: after the cover and two slides
    assert "Picture not available" in text and "assets/p3.jpg" in text
    assert story.slides[2].caption in text
    box = place_picture(page_layout(1).cells[0].picture, 16, 9)
    scale = 50 / 25.4
    pixel = page_image(pdf, 4).getpixel((round((box.x + 5) * scale), round((box.y + 5) * scale)))
    assert pixel == pytest.approx((0x1C, 0x1F, 0x24), abs=6)


def test_the_bundled_deck_prints_under_one_and_a_half_megabytes_a_slide(
    repo_root: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "mosul.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "slideshow", "export", "slides.json", "-o", str(pdf)],
        cwd=repo_root,
        capture_output=True,
        text=True,
        timeout=300,
        env={
            k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
        },
    )
    assert result.returncode == 0, result.stderr
    slides = len(json.loads((repo_root / "slides.json").read_text(encoding="utf-8"))["slides"])
    per_slide = pdf.stat().st_size / slides
    assert per_slide < 1.5e6, per_slide
    assert result.stdout.startswith(f"{pdf}: {slides + 1} pages, ")
    text = page_text(pdf)
    assert "17 October 2016 – 23 October 2016" in text
    assert "the frontline of the fights" in text  # no "ﬁ" ligature: the text searches as typed


def test_the_command_line_writes_handouts(
    qapp: object, make_deck: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from slideshow.cli import main

    deck = make_deck()
    out = tmp_path / "h.pdf"
    assert main(["export", str(deck), "-o", str(out), "--per-page", "4", "--notes"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(f"{out}: 2 pages, ") and captured.err == ""
    assert main(["export", str(deck), "-o", str(out), "--per-page", "3"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_text_too_long_for_its_cell_is_shrunk_then_cut_with_an_ellipsis(
    qapp: object, story: Deck, tmp_path: Path
) -> None:
    from dataclasses import replace

    long_notes = " ".join(f"word{n}" for n in range(3000))
    slides = list(story.slides)
    slides[1] = replace(slides[1], notes=long_notes)
    pdf = tmp_path / "long.pdf"
    export_handout(replace(story, slides=tuple(slides)), pdf, per_page=4, notes=True)
    text = page_text(pdf, 2)
    assert slides[1].caption in text and "word0 word1" in text and "…" in text
    assert "word2999" not in text
    assert slides[2].caption in text and "Private note 3" in text  # the next cell is untouched
