"""Writing in place: a failed write leaves the old file, permissions are normal, refusals are atomic."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from PIL import Image

from slideshow.files import WriteFailed, holds, pdf_is_whole, png_is_whole, written_in_place_of


def test_the_new_file_replaces_the_old_one_with_normal_permissions(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("old")
    with written_in_place_of(out, check=holds(b"new")) as temp:
        temp.write_text("new")
    assert out.read_text() == "new"
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_failure_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("old")
    with pytest.raises(RuntimeError), written_in_place_of(out, check=holds(b"half")) as temp:
        temp.write_text("half")
        raise RuntimeError("the writer failed")
    assert out.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_without_overwrite_an_existing_file_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "slides.json"
    out.write_text("the user's deck")
    with (
        pytest.raises(FileExistsError),
        written_in_place_of(out, check=holds(b"generated"), overwrite=False) as temp,
    ):
        temp.write_text("generated")
    assert out.read_text() == "the user's deck"
    fresh = tmp_path / "new.json"
    with written_in_place_of(fresh, check=holds(b"generated"), overwrite=False) as temp:
        temp.write_text("generated")
    assert fresh.read_text() == "generated"


def test_not_durable_skips_only_the_fsync(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    monkeypatch.setattr(os, "fsync", synced.append)
    out = tmp_path / "position.json"
    out.write_text("old")
    with written_in_place_of(out, check=holds(b"new"), durable=False) as temp:
        temp.write_text("new")
    assert out.read_text() == "new" and synced == []
    assert [p.name for p in tmp_path.iterdir()] == ["position.json"]
    with written_in_place_of(out, check=holds(b"newer")) as temp:
        temp.write_text("newer")
    assert out.read_text() == "newer" and len(synced) == 1


def test_a_file_that_did_not_land_whole_is_not_moved_into_place(tmp_path: Path) -> None:
    out = tmp_path / "slides.json"
    out.write_text("the old deck")
    failed = pytest.raises(WriteFailed, match="only 3 of 9 bytes were written")
    with failed, written_in_place_of(out, check=holds(b"the whole")) as temp:
        temp.write_text("the")  # as a full disk leaves it
    assert out.read_text() == "the old deck"
    assert [p.name for p in tmp_path.iterdir()] == ["slides.json"]


def test_an_error_from_fsync_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Some file systems (NFS, a full thin volume) only say at fsync that the data did not fit."""

    def no_space(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    out = tmp_path / "handout.pdf"
    out.write_text("old")
    with pytest.raises(OSError, match="No space left"), written_in_place_of(out, check=holds(b"new")) as temp:
        temp.write_text("new")
    assert out.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["handout.pdf"]


def test_png_check_reads_every_chunk(tmp_path: Path) -> None:
    path = tmp_path / "slide.png"
    Image.new("RGB", (64, 48), (200, 30, 30)).save(path)
    whole = path.read_bytes()
    assert png_is_whole(path) is None
    path.write_bytes(whole[:-20])
    assert png_is_whole(path) == "the PNG file is cut short or damaged"
    damaged = bytearray(whole)
    damaged[60] ^= 0xFF  # inside the pixel data: its checksum no longer matches
    path.write_bytes(bytes(damaged))
    assert png_is_whole(path) == "the PNG file is cut short or damaged"
    path.write_bytes(b"")
    assert png_is_whole(path) == "the PNG file is empty or not a PNG"


def test_pdf_check_wants_the_end_marker(tmp_path: Path) -> None:
    path = tmp_path / "handout.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"x" * 5000 + b"\ntrailer\n<<>>\nstartxref\n42\n%%EOF\n")
    assert pdf_is_whole(path) is None
    path.write_bytes(path.read_bytes()[:3000])
    assert pdf_is_whole(path) == "the PDF file is cut short (no %%EOF end marker)"
    path.write_bytes(b"")
    assert pdf_is_whole(path) == "the PDF file is empty or not a PDF"
