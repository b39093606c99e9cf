"""Writing in place: a failed write leaves the old file, permissions are normal, refusals are atomic."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from slideshow.files import written_in_place_of


def test_the_new_file_replaces_the_old_one_with_normal_permissions(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("old")
    with written_in_place_of(out) as temp:
        temp.write_text("new")
    assert out.read_text() == "new"
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_failure_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("old")
    with pytest.raises(RuntimeError), written_in_place_of(out) as temp:
        temp.write_text("half")
        raise RuntimeError("the writer failed")
    assert out.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_without_overwrite_an_existing_file_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "slides.json"
    out.write_text("the user's deck")
    with pytest.raises(FileExistsError), written_in_place_of(out, overwrite=False) as temp:
        temp.write_text("generated")
    assert out.read_text() == "the user's deck"
    fresh = tmp_path / "new.json"
    with written_in_place_of(fresh, overwrite=False) as temp:
        temp.write_text("generated")
    assert fresh.read_text() == "generated"


def test_not_durable_skips_only_the_fsync(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    monkeypatch.setattr(os, "fsync", synced.append)
    out = tmp_path / "position.json"
    out.write_text("old")
    with written_in_place_of(out, durable=False) as temp:
        temp.write_text("new")
    assert out.read_text() == "new" and synced == []
    assert [p.name for p in tmp_path.iterdir()] == ["position.json"]
    with written_in_place_of(out) as temp:
        temp.write_text("newer")
    assert out.read_text() == "newer" and len(synced) == 1
