"""A writer killed mid-write (kill -9) leaves a temporary file: named so nobody takes it for output, and
removed by the next writer into that folder once its process is gone.

Killed for real: a PDF export in the middle of its handout, a process stopped inside the very code that
saves the kiosk's slide, and a kiosk supervisor. A temporary handout used to stay as
``.handout-k3j4h5.pdf`` for good, and every killed supervisor's heartbeat file stayed in the state folder.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from _commands import run_slideshow, start_slideshow
from _x11 import wait_until
from slideshow.kiosk.state import HEARTBEAT_GONE_SECONDS, save_position
from slideshow.leftovers import MARK, STALE_SECONDS, remove_leftovers

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="kill -9 and pids as on POSIX")


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(MARK))


def test_a_killed_pdf_export_leaves_a_name_nobody_takes_for_a_pdf_and_the_next_export_removes_it(
    repo_root: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    export = start_slideshow(
        "export", "slides.json", "-o", str(out / "handout.pdf"), cwd=repo_root, stderr=subprocess.PIPE
    )
    try:
        wait_until(lambda: temporaries(out), "the handout's temporary file", timeout=60, process=export)
    finally:
        export.send_signal(signal.SIGKILL)
        export.wait(timeout=60)
    left = temporaries(out)
    assert len(left) == 1 and left[0].startswith(".handout.pdf."), left
    assert sorted(p.name for p in out.iterdir()) == left  # no handout.pdf: nothing took the name

    again = run_slideshow(
        "export", "slides.json", "-o", str(out / "slide.png"), "--size", "64x36", cwd=repo_root
    )
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in out.iterdir()) == ["slide.png"]


SAVE_AND_STOP = """
    import sys
    from pathlib import Path
    from slideshow.files import holds, written_in_place_of

    target = Path(sys.argv[1])
    with written_in_place_of(target, check=holds(b"new"), durable=False) as temp:
        temp.write_bytes(b"new")
        print("writing", flush=True)
        sys.stdin.readline()  # the test kills the process here, or lets it finish
"""


def start_saving(target: Path) -> subprocess.Popen[str]:
    """A process inside the kiosk's save (the code save_position runs), stopped half-way."""
    saver = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(SAVE_AND_STOP), str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert saver.stdout is not None and saver.stdout.readline() == "writing\n"
    return saver


def test_a_kiosk_killed_while_saving_its_slide_is_tidied_by_the_next_save(tmp_path: Path) -> None:
    position = tmp_path / "position-0123.json"
    position.write_text('{"index": 3}\n')
    theirs = [".handout-k3j4h5.pdf", "notes.slideshow-tmp", ".x.0000000-1-abc.slideshow-tmp"]
    for name in theirs:  # names of any other pattern are never touched
        (tmp_path / name).write_text("not ours")
    saver = start_saving(position)
    saver.kill()
    saver.wait(timeout=60)
    assert len(temporaries(tmp_path)) == 3  # the killed writer's, and two look-alikes

    save_position(position, Path("slides.json"), 5)  # the restarted viewer's first save
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*theirs, position.name])
    assert '"index": 5' in position.read_text()


def test_a_live_writers_temporary_file_is_left_alone(tmp_path: Path) -> None:
    position = tmp_path / "position.json"
    saver = start_saving(position)
    try:
        assert remove_leftovers(tmp_path) == []
        assert len(temporaries(tmp_path)) == 1
    finally:
        saver.communicate("go on\n", timeout=60)
    assert saver.returncode == 0
    assert position.read_bytes() == b"new" and temporaries(tmp_path) == []


def test_a_day_old_leftover_from_another_machine_is_removed(tmp_path: Path) -> None:
    """Its pid cannot be asked about here; after a day its writer is surely gone."""
    old, recent = (tmp_path / f".{n}.png.0badc0de-4242-x1y2z3ab{MARK}" for n in ("old", "recent"))
    for path in (old, recent):
        path.write_bytes(b"half a picture")
    day_ago = time.time() - STALE_SECONDS - 60
    os.utime(old, (day_ago, day_ago))
    assert remove_leftovers(tmp_path) == [old.name]
    assert temporaries(tmp_path) == [recent.name]


def start_kiosk(deck: Path, tmp_path: Path) -> subprocess.Popen[str]:
    """The real kiosk supervisor and its viewer, on Qt's offscreen screen, with its own state folder."""
    (tmp_path / "run").mkdir(exist_ok=True)
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "SLIDESHOW_STATE_DIR": str(tmp_path / "state"),
        "XDG_RUNTIME_DIR": str(tmp_path / "run"),
    }
    return start_slideshow(str(deck), "--kiosk", env=env, stderr=subprocess.PIPE)


def children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads a process's children from /proc")
def test_a_killed_kiosk_supervisors_heartbeat_is_removed_by_the_next_supervisor(
    make_deck: Callable[..., Path], tmp_path: Path
) -> None:
    deck = make_deck()
    kiosk = start_kiosk(deck, tmp_path)
    heartbeat = tmp_path / "state" / f"heartbeat-{kiosk.pid}"
    viewers: list[int] = []
    try:
        wait_until(
            lambda: heartbeat.is_file() and heartbeat.stat().st_size, "a beat", timeout=60, process=kiosk
        )
        viewers = children(kiosk.pid)
    finally:
        kiosk.kill()
        kiosk.wait(timeout=60)
        for viewer in viewers:  # it would end by itself once it sees its supervisor gone
            with contextlib.suppress(ProcessLookupError):
                os.kill(viewer, signal.SIGKILL)
    assert heartbeat.is_file()  # kill -9 left it behind
    minute_ago = time.time() - HEARTBEAT_GONE_SECONDS - 1
    os.utime(heartbeat, (minute_ago, minute_ago))  # and nothing has beaten into it since

    again = start_kiosk(deck, tmp_path)
    try:
        log = tmp_path / "state" / "kiosk.log"
        wait_until(lambda: log.read_text().count("viewer started") == 2, "the next start", 60, again)
        assert not heartbeat.exists()
        assert f"removed {heartbeat}, left by a supervisor that was killed" in log.read_text()
    finally:
        again.terminate()
        again.wait(timeout=60)


def test_a_name_near_the_length_limit_can_still_be_written(tmp_path: Path) -> None:
    """The temporary name is longer than the target's; a long target name is shortened in it."""
    out = tmp_path / ("x" * 240 + ".json")
    save_position(out, Path("slides.json"), 2)
    assert '"index": 2' in out.read_text() and temporaries(tmp_path) == []
