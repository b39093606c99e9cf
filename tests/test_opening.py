"""Opening a file the program did not write: never blocking, never outside the deck folder.

Every reader goes through :func:`open_regular`, so these cases hold for the decoders, ``check``,
``export``, ``import`` and the viewer alike (their own tests run the real commands).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from conftest import make_photo
from slideshow.deck import opening
from slideshow.deck.opening import OUTSIDE_FOLDER, RefusedFile, open_regular
from slideshow.imaging.picture import decode_picture
from slideshow.imaging.problem import ImageProblem

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes or links on this system")

T = TypeVar("T")


def finishes(call: Callable[[], T], seconds: float = 10) -> T | BaseException:
    """What ``call`` returned or raised, failing the test if it is still blocked after ``seconds``."""
    outcome: list[T | BaseException] = []

    def run() -> None:
        try:
            outcome.append(call())
        except BaseException as exc:  # noqa: BLE001 (handed to the test)
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert outcome, f"still blocked after {seconds} s"
    return outcome[0]


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "photo.jpg"
    os.mkfifo(path)
    return path


def test_a_named_pipe_is_refused_at_once(fifo: Path) -> None:
    refused = finishes(lambda: open_regular(fifo))
    assert isinstance(refused, RefusedFile)
    assert str(refused) == "a named pipe, not a regular file"


def test_a_pipe_swapped_in_after_the_check_does_not_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_photo(tmp_path / "photo.jpg")
    real_stat = os.stat

    def stat_then_swap(target: str | os.PathLike[str], *args: object, **kwargs: object) -> os.stat_result:
        found = real_stat(target)  # the check sees a photo ...
        os.unlink(path)  # ... and then someone puts a pipe in its place
        os.mkfifo(path)
        return found

    monkeypatch.setattr(opening.os, "stat", stat_then_swap)
    refused = finishes(lambda: open_regular(path))
    monkeypatch.undo()
    assert isinstance(refused, RefusedFile) and "named pipe" in str(refused)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RefusedFile, match="a folder, not a file"):
        open_regular(tmp_path)


def test_a_file_inside_the_folder_opens_and_reads(tmp_path: Path) -> None:
    path = make_photo(tmp_path / "deck" / "assets" / "photo.jpg")
    with open_regular(path, inside=tmp_path / "deck") as stream:
        assert stream.read(2) == b"\xff\xd8"


def test_a_link_inside_the_folder_is_fine(tmp_path: Path) -> None:
    make_photo(tmp_path / "deck" / "a.jpg")
    (tmp_path / "deck" / "b.jpg").symlink_to(tmp_path / "deck" / "a.jpg")
    with open_regular(tmp_path / "deck" / "b.jpg", inside=tmp_path / "deck") as stream:
        assert stream.read(2) == b"\xff\xd8"


def test_a_link_to_a_file_outside_the_folder_is_refused(tmp_path: Path) -> None:
    make_photo(tmp_path / "secret.jpg")
    (tmp_path / "deck").mkdir()
    (tmp_path / "deck" / "photo.jpg").symlink_to(tmp_path / "secret.jpg")
    with pytest.raises(RefusedFile, match=OUTSIDE_FOLDER):
        open_regular(tmp_path / "deck" / "photo.jpg", inside=tmp_path / "deck")


def test_a_folder_linked_outside_is_refused(tmp_path: Path) -> None:
    make_photo(tmp_path / "elsewhere" / "photo.jpg")
    (tmp_path / "deck").mkdir()
    (tmp_path / "deck" / "assets").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(RefusedFile, match=OUTSIDE_FOLDER):
        open_regular(tmp_path / "deck" / "assets" / "photo.jpg", inside=tmp_path / "deck")


def test_a_deck_folder_reached_through_a_link_still_reads_its_own_files(tmp_path: Path) -> None:
    path = make_photo(tmp_path / "real" / "photo.jpg")
    (tmp_path / "linked").symlink_to(tmp_path / "real")
    with open_regular(tmp_path / "linked" / path.name, inside=tmp_path / "linked") as stream:
        assert stream.read(2) == b"\xff\xd8"


def test_the_decoder_refuses_a_pipe_with_a_reason(fifo: Path) -> None:
    refused = finishes(lambda: decode_picture(fifo, 100, 100))
    assert isinstance(refused, ImageProblem) and str(refused) == "a named pipe, not a regular file"


def test_without_a_deck_folder_the_decoder_keeps_to_the_pictures_own_folder(tmp_path: Path) -> None:
    make_photo(tmp_path / "secret.jpg")
    (tmp_path / "deck").mkdir()
    (tmp_path / "deck" / "photo.jpg").symlink_to(tmp_path / "secret.jpg")
    with pytest.raises(ImageProblem, match=OUTSIDE_FOLDER):
        decode_picture(tmp_path / "deck" / "photo.jpg", 100, 100)
    assert decode_picture(tmp_path / "deck" / "photo.jpg", 100, 100, inside=tmp_path).width() == 100


def test_a_pipe_as_the_kiosks_saved_slide_counts_as_none(fifo: Path) -> None:
    from slideshow.kiosk.state import load_position

    assert finishes(lambda: load_position(fifo)) is None
