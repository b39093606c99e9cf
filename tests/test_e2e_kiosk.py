"""End to end under Xvfb: the kiosk's supervisor brings a killed or frozen viewer back at the same slide,
and a full-screen show follows its monitor when it is removed (xrandr --delmonitor) and comes back."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from test_e2e_x11 import (
    SCREEN,
    TOOLS,
    RunningApp,
    _qimage_png,
    _xvfb,
    closest_slide,
    is_black,
)

pytestmark = pytest.mark.e2e
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def repo_dir() -> Path:
    return REPO


@pytest.fixture(scope="module")
def frames(qapp: object) -> list[Image.Image]:
    """Every slide of the bundled deck as the exporter draws it at the screen's size."""
    from slideshow.deck import load_deck
    from slideshow.export import render_slide

    deck = load_deck(REPO / "slides.json").deck
    assert deck is not None
    return [
        Image.open(io.BytesIO(_qimage_png(render_slide(deck, i, SCREEN)))).convert("RGB")
        for i in range(len(deck.slides))
    ]


@pytest.fixture
def kiosk_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The kiosk's position file and log go to a fresh folder (RunningApp passes the environment on)."""
    monkeypatch.setenv("SLIDESHOW_STATE_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture
def kiosk_display() -> Iterator[str]:
    yield from _xvfb(*SCREEN)


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
    found = app._xdotool("search", "--onlyvisible", "--pid", str(pid), "--name", "battle for Mosul")
    if found.returncode != 0 or not found.stdout.split():
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
    kiosk_display: str, kiosk_state: Path, frames: list[Image.Image], repo_dir: Path
) -> None:
    # A long interval: the slide must not move on by itself while the test looks.
    with RunningApp(
        kiosk_display, ["slides.json", "--kiosk", "--autoplay", "30", "--start", "4"], repo_dir
    ) as app:
        first = the_viewer(app)
        assert wait_for_any_slide(app, frames, first) == 4
        os.kill(first, signal.SIGKILL)
        killed = time.monotonic()

        number = app._wait(
            lambda: restarted_viewer_slide(app, frames, first), "the restarted viewer", timeout=10
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
    kiosk_display: str, kiosk_state: Path, frames: list[Image.Image], repo_dir: Path
) -> None:
    with RunningApp(
        kiosk_display, ["slides.json", "--kiosk", "--autoplay", "30", "--start", "6"], repo_dir
    ) as app:
        first = the_viewer(app)
        assert wait_for_any_slide(app, frames, first) == 6
        os.kill(first, signal.SIGSTOP)
        stopped = time.monotonic()

        replaced = app._wait(lambda: restarted_viewer_slide(app, frames, first), "a new viewer", timeout=15)
        assert replaced == 6
        took = time.monotonic() - stopped
        assert not Path(f"/proc/{first}").exists() or first not in viewer_pids(app.process.pid)
        assert "not responding: no heartbeat" in (kiosk_state / "kiosk.log").read_text()
        print(f"frozen viewer replaced after {took:.1f} s")
        app.key("ctrl+shift+q")
        assert app.wait_for_exit() == 0


def test_supervisor_sigterm_stops_the_viewer(
    kiosk_display: str, kiosk_state: Path, frames: list[Image.Image], repo_dir: Path
) -> None:
    with RunningApp(kiosk_display, ["slides.json", "--kiosk"], repo_dir) as app:
        viewer = the_viewer(app)
        wait_for_any_slide(app, frames, viewer)
        app.process.send_signal(signal.SIGTERM)
        assert app.wait_for_exit() == 0
        assert not Path(f"/proc/{viewer}").exists()


@pytest.fixture
def two_monitors_again() -> Iterator[str]:
    """One 2560x720 X screen split into two 1280x720 monitors that the test may remove and add back."""
    for name in _xvfb(2 * SCREEN[0], SCREEN[1], (*TOOLS, "xrandr")):
        for monitor, x, output in (("left", 0, "screen"), ("right", SCREEN[0], "none")):
            set_monitor(name, monitor, x, output)
        yield name


def set_monitor(display: str, monitor: str, x: int, output: str) -> None:
    geometry = f"{SCREEN[0]}/338x{SCREEN[1]}/190+{x}+0"
    xrandr(display, "--setmonitor", monitor, geometry, output)


def xrandr(display: str, *args: str) -> None:
    subprocess.run(
        ["xrandr", *args], env={**os.environ, "DISPLAY": display}, check=True, capture_output=True, timeout=20
    )


def test_the_show_follows_its_monitor_away_and_back(
    two_monitors_again: str, kiosk_state: Path, frames: list[Image.Image], repo_dir: Path
) -> None:
    display = two_monitors_again
    width, height = SCREEN

    def halves() -> tuple[Image.Image, Image.Image]:
        shot = app.screenshot()
        return shot.crop((0, 0, width, height)), shot.crop((width, 0, 2 * width, height))

    def on(side: str) -> bool:
        left, right = halves()
        shown, other = (left, right) if side == "left" else (right, left)
        return is_black(other) and closest_slide(shown, frames)[1] < 6.0

    with RunningApp(
        display, ["slides.json", "--kiosk", "--autoplay", "30", "--screen", "2"], repo_dir
    ) as app:
        app._wait(lambda: on("right"), "the show on the second monitor")
        xrandr(display, "--delmonitor", "right")
        app._wait(lambda: on("left"), "the show on the remaining monitor", timeout=10)
        set_monitor(display, "right", width, "none")
        app._wait(lambda: on("right"), "the show back on the returning monitor", timeout=10)
        app.key("ctrl+shift+q")
        assert app.wait_for_exit() == 0
