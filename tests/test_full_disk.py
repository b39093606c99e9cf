"""Writers on a full disk and a read-only one, for real: a tiny tmpfs and a read-only bind mount.

Every writer must end with exit 1 and one line naming the file and the reason, the old file as it was,
and no temporary file left behind. A PDF onto a full disk used to replace a good handout with a cut-off
one and exit 0.
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from _commands import run_slideshow
from conftest import fill, make_photo
from slideshow.kiosk.state import save_position
from slideshow.ui.memory import DeckMemory

OLD = b"the good file from yesterday"


def only_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("name", ["handout.pdf", "slide.png"])
def test_an_export_onto_a_full_disk_keeps_the_old_file(repo_root: Path, tiny_disk: Path, name: str) -> None:
    out = tiny_disk / name
    out.write_bytes(OLD)
    result = run_slideshow("export", "slides.json", "-o", str(out), "--slide", "6", cwd=repo_root)
    assert result.returncode == 1, result.stdout
    line = only_line(result.stderr)
    assert line.startswith(f"slideshow: {out}: cannot write: "), line
    assert out.read_bytes() == OLD
    assert names(tiny_disk) == [name]


@pytest.mark.parametrize("into", ["", "frames/", "new/deeper/frames/"])
def test_a_folder_export_onto_a_full_disk_leaves_nothing(repo_root: Path, tiny_disk: Path, into: str) -> None:
    """The disk's own folder (there already, and a mount point), a new folder, a new one in new parents:
    slide 1 fits, slide 2 does not, and slide 1 used to stay behind."""
    out = tiny_disk / into
    result = run_slideshow("export", "slides.json", "-o", f"{out}/", "--size", "320x180", cwd=repo_root)
    assert result.returncode == 1, result.stdout
    assert only_line(result.stderr).startswith(f"slideshow: {out}: cannot write: ")
    assert names(tiny_disk) == []


def test_a_folder_export_that_fails_half_way_keeps_the_old_slides(repo_root: Path, tiny_disk: Path) -> None:
    frames = tiny_disk / "frames"
    frames.mkdir()
    for name in ("slide-001.png", "slide-002.png"):
        (frames / name).write_bytes(OLD)
    (frames / "notes.txt").write_text("mine")
    result = run_slideshow("export", "slides.json", "-o", str(frames), "--size", "320x180", cwd=repo_root)
    assert result.returncode == 1, result.stdout
    assert only_line(result.stderr).startswith(f"slideshow: {frames}: cannot write: ")
    assert names(frames) == ["notes.txt", "slide-001.png", "slide-002.png"]
    assert (frames / "slide-001.png").read_bytes() == OLD == (frames / "slide-002.png").read_bytes()
    assert names(tiny_disk) == ["frames"]


def test_import_onto_a_full_disk_keeps_the_old_deck(tiny_disk: Path) -> None:
    make_photo(tiny_disk / "a.jpg", (64, 48))
    (tiny_disk / "slides.json").write_bytes(OLD)
    fill(tiny_disk)
    result = run_slideshow("import", str(tiny_disk), "--force")
    assert result.returncode == 1, result.stdout
    assert (
        only_line(result.stderr)
        == f"slideshow: {tiny_disk / 'slides.json'}: cannot write: No space left on device"
    )
    assert (tiny_disk / "slides.json").read_bytes() == OLD
    assert names(tiny_disk) == ["a.jpg", "filler", "slides.json"]


def test_the_kiosk_position_on_a_full_disk_keeps_the_old_one(tiny_disk: Path) -> None:
    saved = tiny_disk / "position.json"
    saved.write_bytes(OLD)
    fill(tiny_disk)
    with pytest.raises(OSError) as raised:
        save_position(saved, Path("slides.json"), 7)
    assert raised.value.errno == errno.ENOSPC
    assert saved.read_bytes() == OLD
    assert names(tiny_disk) == ["filler", "position.json"]


@pytest.mark.parametrize("name", ["handout.pdf", "slide.png", "frames/"])
def test_an_export_into_a_read_only_folder_says_so(
    repo_root: Path, read_only_folder: Callable[[], Path], tmp_path: Path, name: str
) -> None:
    (tmp_path / "source" / "frames").mkdir()
    (tmp_path / "source" / "frames" / "slide-001.png").write_bytes(OLD)
    (tmp_path / "source" / "handout.pdf").write_bytes(OLD)
    (tmp_path / "source" / "slide.png").write_bytes(OLD)
    folder = read_only_folder()
    result = run_slideshow(
        "export", "slides.json", "-o", f"{folder}/{name}", "--size", "320x180", cwd=repo_root
    )
    assert result.returncode == 1, result.stdout
    assert only_line(result.stderr).endswith("cannot write: Read-only file system")
    for kept in ("handout.pdf", "slide.png", "frames/slide-001.png"):
        assert (folder / kept).read_bytes() == OLD


def test_import_into_a_read_only_folder_says_so(read_only_folder: Callable[[], Path], tmp_path: Path) -> None:
    make_photo(tmp_path / "source" / "a.jpg", (64, 48))
    folder = read_only_folder()
    result = run_slideshow("import", str(folder))
    assert result.returncode == 1, result.stdout
    assert (
        only_line(result.stderr)
        == f"slideshow: {folder / 'slides.json'}: cannot write: Read-only file system"
    )
    assert names(folder) == ["a.jpg"]


def test_a_settings_store_that_cannot_be_saved_is_logged_and_the_show_goes_on(
    read_only_folder: Callable[[], Path], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = tmp_path / "source" / "slideshow.ini"
    store.write_text("[decks]\n")
    folder = read_only_folder()
    memory = DeckMemory(
        tmp_path / "slides.json", QSettings(str(folder / store.name), QSettings.Format.IniFormat)
    )
    memory.caption_scale = 1.5
    with caplog.at_level(logging.WARNING, logger="slideshow.ui.memory"):
        memory.sync()
    assert "cannot save the remembered settings" in caplog.text
    assert (folder / store.name).read_text() == "[decks]\n"
    assert memory.caption_scale == 1.5  # still remembered for the rest of this show
