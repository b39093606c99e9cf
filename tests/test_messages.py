"""What odd names and damaged pictures print: one line each, naming the file and the problem, nothing else.

No traceback (without --debug), no warning from Pillow, no chatter from libtiff, libjpeg or libpng, and
no character that garbles the terminal: a right-to-left override or an escape sequence in a path is
printed escaped.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, features

from _commands import run_slideshow
from conftest import make_photo
from slideshow.deck.wording import printable, quote

RTL_OVERRIDE, ESCAPE = "\u202e", "\x1b"


def deck_of(folder: Path, images: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    slides = [{"image": image, "caption": "c", "alt": "a"} for image in images]
    path = folder / "slides.json"
    path.write_text(json.dumps({"title": "Messages", "slides": slides}), encoding="utf-8")
    return path


def only_ours(stderr: str, deck: Path) -> list[str]:
    """Every line is one of ours, naming the deck; returns them without the closing count."""
    lines = stderr.splitlines()
    assert all(line.startswith(f"{deck}: ") for line in lines), stderr
    return [line for line in lines if not line.endswith("warning(s)")]


# --- names ---------------------------------------------------------------------------------------------


def test_printable_escapes_what_garbles_a_terminal() -> None:
    assert printable(f"a{RTL_OVERRIDE}gpj.exe") == "a\\u202egpj.exe"
    assert printable(f"{ESCAPE}[31mred\ttab") == "\\u001b[31mred\\u0009tab"
    assert printable("\udc80 bytes") == "\\x80 bytes"  # a file name that is not UTF-8
    assert printable("\ud800") == "\\ud800"
    assert printable("Mosul الموصل, 20 October") == "Mosul الموصل, 20 October"  # Arabic itself is fine
    assert quote(f'say "hi"{RTL_OVERRIDE}') == '"say \\"hi\\"\\u202e"'


def test_a_lone_surrogate_in_an_image_path_is_a_field_message(tmp_path: Path) -> None:
    deck = tmp_path / "slides.json"
    deck.write_text('{"title": "T", "slides": [{"image": "a\\ud800.jpg", "caption": "c"}]}', encoding="utf-8")
    result = run_slideshow("check", str(deck))
    assert result.returncode == 1
    assert "internal error" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{deck}: slide 1 (slides[0]).image: ")
    assert '"a\\ud800.jpg" contains half of a character' in first


def test_an_override_or_escape_in_an_image_path_is_printed_escaped(tmp_path: Path) -> None:
    deck = deck_of(tmp_path, [f"b{RTL_OVERRIDE}gpj.exe"])
    result = run_slideshow("check", str(deck))
    assert result.returncode == 1
    assert RTL_OVERRIDE not in result.stderr
    assert "file not found: b\\u202egpj.exe;" in result.stderr


@pytest.mark.skipif(os.name == "nt", reason="these characters cannot be in a Windows file name")
def test_an_escape_sequence_in_the_deck_path_is_printed_escaped(tmp_path: Path) -> None:
    folder = tmp_path / f"deck{ESCAPE}[2J{RTL_OVERRIDE}"
    deck = deck_of(folder, ["missing.jpg"])
    result = run_slideshow("check", str(deck))
    assert result.returncode == 1
    assert ESCAPE not in result.stderr and RTL_OVERRIDE not in result.stderr
    assert "deck\\u001b[2J\\u202e/slides.json: slide 1 (slides[0]).image: file not found" in result.stderr


# --- damaged pictures ----------------------------------------------------------------------------------


def _avif(path: Path) -> bytes:
    Image.new("RGB", (320, 160), (200, 30, 30)).save(path, quality=80)
    return path.read_bytes()


@pytest.fixture
def damaged(tmp_path: Path) -> Callable[[str], Path]:
    """``damaged(kind)`` writes a deck whose one picture is damaged that way; returns the deck file."""

    def make(kind: str) -> Path:
        assets = tmp_path / "assets"
        assets.mkdir(exist_ok=True)
        name = {
            "corrupt avif": "a.avif",
            "truncated avif": "a.avif",
            "truncated heic": "a.heic",
            "truncated tiff": "a.tif",
            "corrupt lzw tiff": "a.tif",
            "jpeg with junk": "a.jpg",
        }[kind]
        path = assets / name
        if kind.endswith("avif"):
            if not features.check_module("avif"):
                pytest.skip("this Pillow has no AVIF codec")
            data = bytearray(_avif(path))
            if kind == "corrupt avif":
                start = data.index(b"mdat") + 4
                data[start : start + 8] = b"\xff" * 8  # the picture data itself: the codec fails
            else:
                data = data[: len(data) * 2 // 3]
            path.write_bytes(bytes(data))
        elif kind == "truncated heic":
            pillow_heif = pytest.importorskip("pillow_heif")
            pillow_heif.from_pillow(Image.new("RGB", (320, 160), "red")).save(path, quality=80)
            path.write_bytes(path.read_bytes()[: path.stat().st_size * 2 // 3])
        elif kind == "truncated tiff":
            Image.new("RGB", (320, 160), "red").save(path)
            path.write_bytes(path.read_bytes()[:-40])  # Pillow warns "Truncated File Read"
        elif kind == "corrupt lzw tiff":
            Image.effect_noise((256, 256), 50).convert("RGB").save(path, compression="tiff_lzw")
            data = bytearray(path.read_bytes())
            for i in range(200, len(data) // 2, 97):
                data[i] ^= 0xFF  # libtiff prints "Using code not yet in table" to stderr
            path.write_bytes(bytes(data))
        else:
            make_photo(path, (640, 480))
            data = path.read_bytes()
            scan = data.index(b"\xff\xda")
            path.write_bytes(data[:scan] + b"\0\0\0" + data[scan:])  # libjpeg: "extraneous bytes"
        return deck_of(tmp_path, [f"assets/{name}"])

    return make


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("corrupt avif", "truncated or corrupt AVIF data"),
        ("truncated avif", "truncated or corrupt AVIF data"),
        ("truncated heic", "truncated or corrupt HEIF data"),
        ("truncated tiff", "truncated or corrupt TIFF data"),
        ("corrupt lzw tiff", "truncated or corrupt TIFF data"),
    ],
)
def test_check_says_damaged_in_one_line_and_nothing_else(
    damaged: Callable[[str], Path], kind: str, reason: str
) -> None:
    deck = damaged(kind)
    result = run_slideshow("check", str(deck), "--size", "256x256")
    assert result.returncode == 1
    lines = [line for line in only_ours(result.stderr, deck) if ": warning: " not in line]  # hints aside
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{deck}: slide 1 (slides[0]).image: cannot show assets/"), lines[0]
    assert reason in lines[0]


@pytest.mark.parametrize("kind", ["corrupt avif", "corrupt lzw tiff", "jpeg with junk", "truncated tiff"])
def test_export_of_a_damaged_picture_prints_nothing_but_its_summary(
    damaged: Callable[[str], Path], tmp_path: Path, kind: str
) -> None:
    deck = damaged(kind)
    result = run_slideshow("export", str(deck), "-o", str(tmp_path / "slide.png"), "--size", "320x180")
    assert result.returncode == 0
    assert result.stderr == ""


def test_import_of_damaged_photos_names_each_and_prints_nothing_else(
    damaged: Callable[[str], Path], tmp_path: Path
) -> None:
    damaged("corrupt lzw tiff")
    make_photo(tmp_path / "assets" / "good.jpg")
    result = run_slideshow("import", str(tmp_path / "assets"))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'assets' / 'a.tif'}: skipped: truncated or corrupt TIFF data"
    ]


def test_debug_shows_what_the_libraries_said(damaged: Callable[[str], Path]) -> None:
    result = run_slideshow("check", str(damaged("corrupt lzw tiff")), "--debug")
    assert "Using code not yet in table" in result.stderr or "decoder error" in result.stderr
