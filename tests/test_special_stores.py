"""Named pipes in place of the files the app keeps for itself: the settings store and the kiosk's files.

The deck and its pictures were already refused when they are not regular files (test_special_files,
test_deck_loader). A pipe as ``slideshow.ini`` (or its lock file, or the organisation-wide file Qt also
read) hung the show before its first frame; a pipe as the kiosk's log hung the supervisor, and as its
heartbeat file the viewer. Everything that might hang runs in a child process with a timeout.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from _commands import run_slideshow, start_slideshow

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")

#: Long enough for a loaded machine to start Qt, far shorter than "forever".
HANG = 60


def run_python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``code`` in a fresh interpreter (a hang there fails the test with TimeoutExpired)."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        timeout=HANG,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def test_the_store_is_the_file_qt_names(qapp: object) -> None:
    from slideshow.ui.memory import settings_file

    qt = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "slideshow", "slideshow")
    assert settings_file() == Path(qt.fileName())


@pytest.mark.parametrize("pipe", ["slideshow/slideshow.ini", "slideshow/slideshow.ini.lock", "slideshow.ini"])
def test_a_pipe_as_the_settings_store_does_not_stop_the_show(
    make_deck: Callable[..., Path], tmp_path: Path, pipe: str
) -> None:
    config = tmp_path / "config"
    (config / "slideshow").mkdir(parents=True)
    os.mkfifo(config / pipe)
    result = run_slideshow(
        "show",
        str(make_deck()),
        "--resume",  # reads the store before the first frame
        "--quit-after-first-frame",
        env={"XDG_CONFIG_HOME": str(config), "QT_QPA_PLATFORM": "offscreen"},
        timeout=HANG,
    )
    assert result.returncode == 0, result.stderr
    if pipe == "slideshow.ini":  # Qt's organisation-wide fallback: no longer read at all
        assert result.stderr == ""
    else:
        assert result.stderr.splitlines() == [
            f"slideshow: slideshow.ui.memory: {config / pipe}: a named pipe, not a regular file; the show "
            "uses its defaults and remembers nothing until it is removed"
        ]


def test_a_store_swapped_for_a_pipe_during_the_show_is_left_alone(tmp_path: Path) -> None:
    done = run_python(
        """
        import logging, os, sys
        from pathlib import Path
        from PySide6.QtCore import QSettings
        from slideshow.ui.memory import DeckMemory

        logging.basicConfig(format="%(message)s")
        store = Path(sys.argv[1])
        memory = DeckMemory(store.parent / "slides.json", QSettings(str(store), QSettings.Format.IniFormat))
        memory.caption_scale = 1.2
        memory.sync()
        store.unlink()
        os.mkfifo(store)
        memory.caption_scale = 1.4
        memory.sync()
        print(memory.caption_scale)
        """,
        str(tmp_path / "slideshow.ini"),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "1.4\n"  # remembered for the rest of the show
    assert done.stderr == (
        f"{tmp_path / 'slideshow.ini'}: a named pipe, not a regular file; "
        "the show remembers its settings in memory only from now on\n"
    )


def test_a_pipe_as_the_kiosk_log_does_not_stop_the_supervisor(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "kiosk.log")
    done = run_python(
        """
        import sys
        from pathlib import Path
        from slideshow.kiosk.state import kiosk_log

        kiosk_log(Path(sys.argv[1])).warning("still here")
        """,
        str(tmp_path),
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        f"slideshow: kiosk log: {tmp_path / 'kiosk.log'}: a named pipe, not a regular file",
        "still here",  # the record still reaches stderr (the journal)
    ]


def test_a_pipe_as_the_heartbeat_is_refused_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "heartbeat")
    done = run_python(
        """
        import sys
        from pathlib import Path
        from slideshow.kiosk.heartbeat import HeartbeatMonitor, HeartbeatWriter, create_heartbeat

        path = Path(sys.argv[1])
        for start in (create_heartbeat, HeartbeatWriter):
            try:
                start(path)
            except OSError as error:
                print(start.__name__, error.strerror)
        monitor = HeartbeatMonitor(path)
        monitor.poll()
        print("beaten" if monitor.has_beaten else "silent")
        """,
        str(tmp_path / "heartbeat"),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "create_heartbeat a named pipe, not a regular file",
        "HeartbeatWriter a named pipe, not a regular file",
        "silent",
    ]


def test_a_kiosk_viewer_whose_heartbeat_is_a_pipe_still_shows(
    make_deck: Callable[..., Path], tmp_path: Path
) -> None:
    """The real viewer, as the supervisor starts it: it says once that it cannot beat, and shows on
    (SIGTERM, as the supervisor stops it, then ends it cleanly)."""
    os.mkfifo(tmp_path / "heartbeat")
    viewer = start_slideshow(
        "show",
        str(make_deck()),
        "--kiosk",
        "--kiosk-child",
        str(tmp_path / "heartbeat"),
        env={"QT_QPA_PLATFORM": "offscreen", "SLIDESHOW_STATE_DIR": str(tmp_path / "state")},
        stderr=subprocess.PIPE,
    )
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in viewer.stderr or ()], daemon=True)
    reader.start()
    try:
        first = lines.get(timeout=HANG)  # empty: the viewer hangs before it can say anything
        assert "cannot write the heartbeat" in first and "a named pipe, not a regular file" in first, first
        assert viewer.poll() is None  # still showing
    finally:
        viewer.terminate()
        try:
            viewer.wait(timeout=HANG)
        except subprocess.TimeoutExpired:  # stuck in open(): SIGTERM's handler never gets to run
            viewer.kill()
            viewer.wait(timeout=HANG)
    reader.join(timeout=HANG)
    rest = []
    while not lines.empty():
        rest.append(lines.get())
    assert "Traceback" not in "".join(rest)
