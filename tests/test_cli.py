"""The command line as a user meets it: real processes, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from _commands import run_slideshow as run
from slideshow.cli import main


def test_check_passes_on_the_bundled_deck(repo_root: Path) -> None:
    result = run("check", "slides.json", cwd=repo_root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "slides.json: ok: 14 slides, 13 pictures"
    assert result.stderr == ""


def test_export_draws_slide_six_of_the_bundled_deck_headless(repo_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "s.png"
    result = run("export", "slides.json", "-o", str(out), "--slide", "6", cwd=repo_root)
    assert result.returncode == 0, result.stderr
    with Image.open(out) as image:
        assert image.size == (1920, 1080)
        exported = image.convert("RGB")
    with Image.open(repo_root / "assets" / "06-erbil.jpg") as source:
        photo = source.convert("RGB").resize((1920, 1080))
    # The picture fills the upper part of the frame: it matches the photo there, not black.
    top = (200, 100, 1700, 500)
    difference = _mean_difference(exported.crop(top), photo.crop(top))
    assert difference < 12, difference
    text = _ocr(exported.crop((0, 750, 1920, 1080)))
    if text is not None:
        flat = " ".join(text.split())
        assert "Erbil, Iraq" in flat and "20 October 2016" in flat, flat
        assert "Only 7,500 tent shelters are available" in flat, flat


def test_export_of_a_text_slide_and_a_custom_size(repo_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "title.png"
    result = run("export", str(repo_root), "-o", str(out), "--size", "800x600")
    assert result.returncode == 0, result.stderr
    with Image.open(out) as image:
        assert image.size == (800, 600)


def test_export_of_a_broken_picture_writes_the_placeholder(
    tmp_path: Path, make_deck: Callable[..., Path]
) -> None:
    deck = make_deck()
    (tmp_path / "assets" / "slide-2.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    out = tmp_path / "broken.png"
    result = run("export", str(deck), "-o", str(out), "--slide", "2", "--size", "640x360")
    assert result.returncode == 0, result.stderr
    with Image.open(out) as image:
        assert image.convert("RGB").getpixel((5, 5)) == (0x1C, 0x1F, 0x24)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "DECK", "-o", "x.png", "--slide", "9"], "--slide 9: this deck has 3 slides"),
        (["export", "DECK", "-o", "x.png", "--size", "big"], "expected WIDTHxHEIGHT"),
        (["export", "DECK", "-o", "x.gif"], "the output must end in .png or .pdf, or be a folder"),
        (["export", "DECK", "-o", "x.png", "--per-page", "2"], "apply to a .pdf handout"),
        (["DECK", "--start", "0"], "expected a whole number from 1 up"),
        (["DECK", "--start", "4"], "--start 4: this deck has 3 slides"),
        (["DECK", "--autoplay", "-3"], "expected seconds greater than 0"),
        (["DECK", "--target", "0"], "--target: expected minutes greater than 0"),
        (["DECK", "--target", "soon"], "expected minutes greater than 0 (at most 1440), got 'soon'"),
        (["DECK", "--loop", "--no-loop"], "not allowed with argument"),
        (["import"], "the following arguments are required: folder"),
        (["frobnicate", "--now"], "unrecognized arguments"),
    ],
)
def test_usage_errors_exit_2_with_one_clear_line(
    args: list[str], message: str, make_deck: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    deck = str(make_deck())
    code = main([deck if a == "DECK" else a for a in args])
    err = capsys.readouterr().err
    assert code == 2, err
    assert message in err
    assert "Traceback" not in err


def test_check_reports_every_problem_one_line_each(tmp_path: Path, make_deck: Callable[..., Path]) -> None:
    deck_path = make_deck()
    deck = json.loads(deck_path.read_text())
    deck["slides"][1]["date"] = "2016-02-30"
    deck["slides"][2]["image"] = "../outside.jpg"
    deck["slides"].append({"image": "assets/missing.jpg", "caption": "gone"})
    deck["slides"].append({"image": "assets/slide-2.jpg"})
    deck_path.write_text(json.dumps(deck))
    result = run("check", "slides.json", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert any(line.startswith("slides.json: slide 2 (slides[1]).date:") for line in lines), lines
    assert any(line.startswith("slides.json: slide 3 (slides[2]).image:") for line in lines), lines
    assert any("slide 4 (slides[3]).image" in line and "assets/missing.jpg" in line for line in lines), lines
    assert any(line.startswith("slides.json: slide 5 (slides[4]).caption:") for line in lines), lines
    assert "Traceback" not in result.stderr


def test_check_finds_a_corrupt_picture(tmp_path: Path, make_deck: Callable[..., Path]) -> None:
    deck = make_deck()
    picture = tmp_path / "assets" / "slide-3.jpg"
    picture.write_bytes(picture.read_bytes()[:400])
    result = run("check", str(deck))
    assert result.returncode == 1
    assert "slide 3 (slides[2]).image" in result.stderr and "slide-3.jpg" in result.stderr


def test_json_syntax_error_is_reported_as_file_line_column(tmp_path: Path) -> None:
    (tmp_path / "slides.json").write_text('{\n  "title": "x"\n  "slides": []\n}\n')
    result = run("check", "slides.json", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith("slides.json:3:3: ")


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\x01\x02\xff\xfe binary junk",
        b"[" * 100_000,
        b'{"title": 5, "slides": {}}',
        b"\xef\xbb\xbf{}",
        b'{"title": "x", "slides": [{"caption": "a", "image": "/etc/passwd"}]}',
        '{"title": "\u00e9"'.encode(),
    ],
)
def test_no_input_produces_a_traceback(
    tmp_path: Path, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "slides.json").write_bytes(content)
    for command in (["check"], ["export", "-o", str(tmp_path / "o.png")], ["show"]):
        code = main([command[0], str(tmp_path / "slides.json"), *command[1:]])
        err = capsys.readouterr().err
        assert code == 1, err
        assert "Traceback" not in err and err.strip()


def test_a_missing_deck_and_a_folder_without_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "nope.json")]) == 1
    assert main(["check", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "nope.json" in err and "slides.json" in err


def test_console_script_is_installed() -> None:
    script = shutil.which("slideshow", path=str(Path(sys.executable).parent))
    assert script is not None
    result = subprocess.run([script, "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("slideshow ")


def _mean_difference(a: Image.Image, b: Image.Image) -> float:
    small_a = a.convert("L").resize((96, 54))
    small_b = b.convert("L").resize((96, 54))
    from PIL import ImageChops, ImageStat

    return float(ImageStat.Stat(ImageChops.difference(small_a, small_b)).mean[0])


def _ocr(image: Image.Image) -> str | None:
    """Reads the text with tesseract where it is installed (CI installs it), else None."""
    if shutil.which("tesseract") is None:
        if os.environ.get("SLIDESHOW_REQUIRE_E2E"):
            pytest.fail("tesseract is needed to read the exported caption; .ci/run installs tesseract-ocr")
        return None
    from PIL import ImageOps

    black_on_white = ImageOps.invert(image.convert("L").point(lambda v: 255 if v > 110 else 0))
    result = subprocess.run(
        ["tesseract", "stdin", "stdout", "--psm", "6"],
        input=_png_bytes(black_on_white),
        capture_output=True,
        timeout=120,
    )
    return result.stdout.decode("utf-8", "replace")


def _png_bytes(image: Image.Image) -> bytes:
    import io

    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
