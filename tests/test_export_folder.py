"""slideshow export DECK -o FOLDER/: every slide as slide-001.png ..., drawn like the single-slide export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from _commands import run_slideshow as run
from slideshow.cli import main
from slideshow.deck import load_deck
from slideshow.export import export_folder


def test_a_path_ending_in_a_slash_gets_one_png_per_slide(
    make_deck: Callable[..., Path], tmp_path: Path
) -> None:
    deck = make_deck()
    out = tmp_path / "frames" / "new"
    result = run("export", str(deck), "-o", f"{out}/", "--size", "320x180")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.strip() == f"{out}: 3 slides, slide-001.png ... slide-003.png"
    names = sorted(p.name for p in out.iterdir())
    assert names == ["slide-001.png", "slide-002.png", "slide-003.png"]
    for name in names:
        with Image.open(out / name) as image:
            assert image.size == (320, 180)

    single = tmp_path / "two.png"
    assert run("export", str(deck), "-o", str(single), "--slide", "2", "--size", "320x180").returncode == 0
    with Image.open(single) as a, Image.open(out / "slide-002.png") as b:
        assert ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox() is None


def test_an_existing_folder_needs_no_slash_and_keeps_other_files(
    qapp: object, make_deck: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = make_deck()
    out = tmp_path / "existing"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    assert main(["export", str(deck), "-o", str(out), "--size", "200x100"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "keep.txt",
        "slide-001.png",
        "slide-002.png",
        "slide-003.png",
    ]
    with Image.open(out / "slide-003.png") as image:
        assert image.size == (200, 100)
    assert main(["export", str(deck), "-o", str(out), "--notes"]) == 2
    assert "--per-page and --notes apply to a .pdf handout" in capsys.readouterr().err


def test_progress_is_reported_for_every_slide(
    qapp: object, make_deck: Callable[..., Path], tmp_path: Path
) -> None:
    deck = load_deck(make_deck()).deck
    assert deck is not None
    seen: list[tuple[int, int]] = []
    written = export_folder(
        deck, tmp_path / "out", (64, 36), progress=lambda done, total: seen.append((done, total))
    )
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert [p.name for p in written] == ["slide-001.png", "slide-002.png", "slide-003.png"]


def test_a_folder_that_cannot_be_made_is_one_line_and_exit_1(
    make_deck: Callable[..., Path], tmp_path: Path
) -> None:
    deck = make_deck()
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run("export", str(deck), "-o", f"{blocker}/sub/")
    assert result.returncode == 1
    assert result.stderr.strip().startswith(f"slideshow: {blocker}/sub: cannot write")
    assert "Traceback" not in result.stderr


def test_exporting_again_replaces_the_slides_and_nothing_else(
    make_deck: Callable[..., Path], tmp_path: Path
) -> None:
    """The folder's contract, all or nothing aside: slides of the same names are replaced (as a single
    PNG's export replaces its file), a longer deck's extra slide and the user's own files stay."""
    out = tmp_path / "frames"
    out.mkdir()
    for name in ("slide-001.png", "slide-009.png"):
        (out / name).write_bytes(b"an older export")
    (out / "notes.txt").write_text("mine")
    result = run("export", str(make_deck()), "-o", str(out), "--size", "64x36")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "notes.txt",
        "slide-001.png",
        "slide-002.png",
        "slide-003.png",
        "slide-009.png",
    ]  # and nothing temporary
    with Image.open(out / "slide-001.png") as image:
        assert image.size == (64, 36)
    assert (out / "slide-009.png").read_bytes() == b"an older export"
    assert (out / "notes.txt").read_text() == "mine"
