"""End to end under Xvfb: the kiosk's supervisor brings a killed or frozen viewer back at the same slide,
and a full-screen show follows its monitor when it is removed (xrandr --delmonitor) and comes back."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from PIL import Image

from _x11 import SCREEN, RunningApp, closest_slide, halves, is_black, set_monitor, xrandr

pytestmark = pytest.mark.e2e


@pytest.fixture
def kiosk_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The kiosk's position file and log go to a fresh folder (RunningApp passes the environment on)."""
    monkeypatch.setenv("SLIDESHOW_STATE_DIR", str(tmp_path))
    return tmp_path


def viewer_pids(supervisor: int) -> list[int]:
    """The supervisor's children (the viewer), from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == supervisor and fields[0] != "Z":
            found.append(int(entry))
    return found


def the_viewer(app: RunningApp) -> int:
    pids = app._wait(lambda: viewer_pids(app.process.pid), "the viewer process")
    assert isinstance(pids, list) and len(pids) == 1
    return pids[0]


def showing(app: RunningApp, frames: list[Image.Image], pid: int) -> int | None:
    """The slide number on screen if process ``pid`` has a visible window showing it, else None."""
    if app.find_window(pid=pid) is None:
        return None
    best, score = closest_slide(app.screenshot(), frames)
    return best + 1 if score < 6.0 else None


def restarted_viewer_slide(app: RunningApp, frames: list[Image.Image], first: int) -> int | None:
    """The slide a viewer other than ``first`` (the one the test killed or froze) shows, if any yet."""
    pids = [pid for pid in viewer_pids(app.process.pid) if pid != first]
    return showing(app, frames, pids[0]) if pids else None


def wait_for_any_slide(app: RunningApp, frames: list[Image.Image], pid: int) -> int:
    number = app._wait(lambda: showing(app, frames, pid), f"a slide from viewer {pid}")
    assert isinstance(number, int)
    return number


def test_killed_viewer_is_back_at_the_same_slide_within_3_s(
    display: str, kiosk_state: Path, expected_frames: list[Image.Image], repo_root: Path
) -> None:
    # A long interval: the slide must not move on by itself while the test looks.
    with RunningApp(
        display, ["slides.json", "--kiosk", "--autoplay", "30", "--start", "4"], repo_root
    ) as app:
        first = the_viewer(app)
        assert wait_for_any_slide(app, expected_frames, first) == 4
        os.kill(first, signal.SIGKILL)
        killed = time.monotonic()

        number = app._wait(
            lambda: restarted_viewer_slide(app, expected_frames, first), "the restarted viewer", timeout=10
        )
        took = time.monotonic() - killed
        assert number == 4
        assert took < 3.0, f"the slide took {took:.1f} s to come back"
        log = (kiosk_state / "kiosk.log").read_text()
        assert "killed by SIGKILL" in log and "restarting at slide 4" in log
        app.key("ctrl+shift+q")
        assert app.wait_for_exit() == 0
        assert viewer_pids(app.process.pid) == []


def test_frozen_viewer_is_replaced(
    display: str, kiosk_state: Path, expected_frames: list[Image.Image], repo_root: Path
) -> None:
    with RunningApp(
        display, ["slides.json", "--kiosk", "--autoplay", "30", "--start", "6"], repo_root
    ) as app:
        first = the_viewer(app)
        assert wait_for_any_slide(app, expected_frames, first) == 6
        os.kill(first, signal.SIGSTOP)
        stopped = time.monotonic()

        replaced = app._wait(
            lambda: restarted_viewer_slide(app, expected_frames, first), "a new viewer", timeout=15
        )
        assert replaced == 6
        took = time.monotonic() - stopped
        assert not Path(f"/proc/{first}").exists() or first not in viewer_pids(app.process.pid)
        assert "not responding: no heartbeat" in (kiosk_state / "kiosk.log").read_text()
        print(f"frozen viewer replaced after {took:.1f} s")
        app.key("ctrl+shift+q")
        assert app.wait_for_exit() == 0


def test_supervisor_sigterm_stops_the_viewer(
    display: str, kiosk_state: Path, expected_frames: list[Image.Image], repo_root: Path
) -> None:
    with RunningApp(display, ["slides.json", "--kiosk"], repo_root) as app:
        viewer = the_viewer(app)
        wait_for_any_slide(app, expected_frames, viewer)
        app.process.send_signal(signal.SIGTERM)
        assert app.wait_for_exit() == 0
        assert not Path(f"/proc/{viewer}").exists()


def test_the_show_follows_its_monitor_away_and_back(
    two_monitors: str, kiosk_state: Path, expected_frames: list[Image.Image], repo_root: Path
) -> None:
    display = two_monitors

    def on(side: str) -> bool:
        left, right = halves(app.screenshot())
        shown, other = (left, right) if side == "left" else (right, left)
        return is_black(other) and closest_slide(shown, expected_frames)[1] < 6.0

    with RunningApp(
        display, ["slides.json", "--kiosk", "--autoplay", "30", "--screen", "2"], repo_root
    ) as app:
        app._wait(lambda: on("right"), "the show on the second monitor")
        xrandr(display, "--delmonitor", "right")
        app._wait(lambda: on("left"), "the show on the remaining monitor", timeout=10)
        set_monitor(display, "right", SCREEN[0], SCREEN, "none")
        app._wait(lambda: on("right"), "the show back on the returning monitor", timeout=10)
        app.key("ctrl+shift+q")
        assert app.wait_for_exit() == 0
