"""Output into a pipe whose reader has gone (``slideshow check deck | head -1``) ends quietly.

Each command runs in a child process whose stdout (or stderr) is a real pipe with its reading end
already closed, so the first write meets a closed pipe, as when ``head`` has read its line and left.
It used to end with "internal error: BrokenPipeError" (or Python's "Exception ignored" at exit).
(``--help`` was quiet already: argparse ignores an error writing its help.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from _commands import start_slideshow
from conftest import make_photo
from slideshow.pipes import EXIT_OUTPUT_CLOSED

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes")


def run_into_closed_pipe(*args: str, closed: str, cwd: Path) -> tuple[int, str]:
    """Runs ``slideshow ARGS`` with ``closed`` ("stdout" or "stderr") a pipe nobody reads; returns the
    exit status and what the other stream got."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first write
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, closed: write_end}
    try:
        child = start_slideshow(*args, cwd=cwd, env={"QT_QPA_PLATFORM": "offscreen"}, **streams)
    finally:
        os.close(write_end)
    try:
        stdout, stderr = child.communicate(timeout=120)
    finally:
        child.kill()
    return child.returncode, stderr if closed == "stdout" else stdout


@pytest.mark.parametrize(
    "args",
    [
        ("check", "slides.json"),
        ("--version",),
        ("export", "slides.json", "-o", "{tmp}/frames/", "--size", "64x36"),
        ("import", "{tmp}/photos", "-o", "{tmp}/photos/deck.json"),
    ],
    ids=["check", "version", "export-folder", "import"],
)
def test_a_closed_stdout_ends_the_command_without_a_word(
    repo_root: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    make_photo(tmp_path / "photos" / "a.jpg", (64, 48))
    status, stderr = run_into_closed_pipe(
        *(a.format(tmp=tmp_path) for a in args), closed="stdout", cwd=repo_root
    )
    assert stderr == ""
    assert status == EXIT_OUTPUT_CLOSED


def test_a_closed_stderr_ends_check_quietly(tmp_path: Path) -> None:
    """``check`` writes its problems to stderr (``slideshow check deck 2>&1 | head -1``)."""
    slides = [{"image": f"missing-{n}.jpg", "caption": ""} for n in range(50)]
    deck = tmp_path / "slides.json"
    deck.write_text(json.dumps({"title": "Gone", "slides": slides}), encoding="utf-8")
    status, stdout = run_into_closed_pipe("check", str(deck), closed="stderr", cwd=tmp_path)
    assert stdout == ""
    assert status == EXIT_OUTPUT_CLOSED
