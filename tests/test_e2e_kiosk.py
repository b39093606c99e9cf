"""End to end under Xvfb: the kiosk's supervisor brings a killed or frozen viewer back at the same slide,
and a full-screen show follows its monitor when it is removed (xrandr --delmonitor) and comes back.
Ordinary faults never darken the kiosk for long: a read-only state folder, a saved slide past the end of
a shorter deck, and a deck that is missing or broken when the viewer restarts (waited for, not a crash)."""

from __future__ import annotations

import os
import shutil
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from _x11 import APP_WINDOW, SCREEN, RunningApp, closest_slide, halves, is_black, set_monitor, xrandr
from slideshow.kiosk.state import position_file, save_position

pytestmark = pytest.mark.e2e


@pytest.fixture
def kiosk_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The kiosk's position file and log go to a fresh folder (RunningApp passes the environment on)."""
    monkeypatch.setenv("SLIDESHOW_STATE_DIR", str(tmp_path))
    return tmp_path


def slow_kiosk(
    display: str, repo_root: Path, *options: str, deck: str = "slides.json", window: str = APP_WINDOW
) -> RunningApp:
    """``slideshow DECK --kiosk`` at 30 s a slide: no slide moves on by itself while a test looks."""
    return RunningApp(display, [deck, "--kiosk", "--autoplay", "30", *options], repo_root, window=window)


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
    pids = app.wait(lambda: viewer_pids(app.process.pid), "the viewer process")
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


def back_on_screen(
    app: RunningApp, frames: list[Image.Image], first: int, since: float, timeout: float = 10
) -> tuple[int, float]:
    """The slide a viewer other than ``first`` shows once it is up, and the seconds from ``since``."""
    number = app.wait(lambda: restarted_viewer_slide(app, frames, first), "a new viewer", timeout=timeout)
    assert isinstance(number, int)
    return number, time.monotonic() - since


def replace_the_viewer(
    app: RunningApp, frames: list[Image.Image], how: signal.Signals = signal.SIGKILL, timeout: float = 10
) -> tuple[int, int, float]:
    """Sends ``how`` to the viewer once a slide is up: the slide it showed, the slide the viewer that
    replaces it shows, and the seconds that took."""
    first = the_viewer(app)
    shown = wait_for_any_slide(app, frames, first)
    os.kill(first, how)
    number, took = back_on_screen(app, frames, first, since=time.monotonic(), timeout=timeout)
    return shown, number, took


def wait_for_any_slide(app: RunningApp, frames: list[Image.Image], pid: int) -> int:
    number = app.wait(lambda: showing(app, frames, pid), f"a slide from viewer {pid}")
    assert isinstance(number, int)
    return number


def test_killed_viewer_is_back_at_the_same_slide_within_3_s(
    display: str, kiosk_state: Path, expected_frames: list[Image.Image], repo_root: Path
) -> None:
    with slow_kiosk(display, repo_root, "--start", "4") as app:
        shown, number, took = replace_the_viewer(app, expected_frames)
        assert shown == number == 4
        assert took < 3.0, f"the slide took {took:.1f} s to come back"
        log = (kiosk_state / "kiosk.log").read_text()
        assert "killed by SIGKILL" in log and "restarting at slide 4" in log
        app.key("ctrl+shift+q")
        assert app.wait_for_exit() == 0
        assert viewer_pids(app.process.pid) == []


def test_frozen_viewer_is_replaced(
    display: str, kiosk_state: Path, expected_frames: list[Image.Image], repo_root: Path
) -> None:
    with slow_kiosk(display, repo_root, "--start", "6") as app:
        first = the_viewer(app)
        assert wait_for_any_slide(app, expected_frames, first) == 6
        os.kill(first, signal.SIGSTOP)
        replaced, took = back_on_screen(app, expected_frames, first, since=time.monotonic(), timeout=15)
        assert replaced == 6
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

    with slow_kiosk(display, repo_root, "--screen", "2") as app:
        app.wait(lambda: on("right"), "the show on the second monitor")
        xrandr(display, "--delmonitor", "right")
        app.wait(lambda: on("left"), "the show on the remaining monitor", timeout=10)
        set_monitor(display, "right", SCREEN[0], SCREEN, "none")
        app.wait(lambda: on("right"), "the show back on the returning monitor", timeout=10)
        app.key("ctrl+shift+q")
        assert app.wait_for_exit() == 0


@pytest.mark.parametrize("state", ["read-only", "missing under a read-only folder"])
def test_a_read_only_state_folder_does_not_stop_the_show(
    state: str,
    display: str,
    read_only_folder: Callable[[], Path],
    monkeypatch: pytest.MonkeyPatch,
    expected_frames: list[Image.Image],
    repo_root: Path,
    tmp_path: Path,
) -> None:
    (tmp_path / "source" / "old-file").write_text("left from before\n")
    frozen = read_only_folder()
    folder = frozen if state == "read-only" else frozen / "missing" / "state"
    monkeypatch.setenv("SLIDESHOW_STATE_DIR", str(folder))
    with slow_kiosk(display, repo_root, "--start", "4") as app:
        shown, number, _ = replace_the_viewer(app, expected_frames)
        # Nothing could be saved, so the show comes back at the first slide, but it comes back.
        assert (shown, number) == (4, 1)
        app.key("ctrl+shift+q")
        assert app.wait_for_exit() == 0
        log = app.process.stderr.read() if app.process.stderr else ""
    assert "the kiosk runs without saving its slide" in log
    assert "Read-only file system" in log and "killed by SIGKILL" in log
    assert log.count("cannot save the kiosk position") <= 2  # once per viewer, not once per slide
    assert sorted(p.name for p in frozen.iterdir()) == ["old-file"]


def test_a_saved_slide_past_the_end_is_clamped(
    display: str, kiosk_state: Path, expected_frames: list[Image.Image], repo_root: Path
) -> None:
    deck = repo_root / "slides.json"
    saved = position_file(deck, kiosk_state)
    save_position(saved, deck, 500)  # saved when the deck had more slides than now
    last = len(expected_frames)
    with slow_kiosk(display, repo_root, "--resume") as app:
        first = the_viewer(app)
        assert wait_for_any_slide(app, expected_frames, first) == last
        save_position(saved, deck, 500)  # again, and the viewer dies before it saves anything else
        os.kill(first, signal.SIGKILL)
        number, _ = back_on_screen(app, expected_frames, first, since=time.monotonic())
        assert number == last
        app.key("ctrl+shift+q")
        assert app.wait_for_exit() == 0
    assert "crash loop" not in (kiosk_state / "kiosk.log").read_text()


def message_windows(app: RunningApp) -> list[tuple[int, str]]:
    """The supervisor's visible message windows: (pid, the text it was given on its command line)."""
    found = []
    for pid in viewer_pids(app.process.pid):
        try:
            args = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
        except OSError:
            continue
        if "--kiosk-message" in args and app.find_window("Slideshow", pid=pid) is not None:
            found.append((pid, args[args.index("--kiosk-message") + 1]))
    return found


def lobby_deck(repo_root: Path, folder: Path) -> Path:
    """A copy of the bundled deck's pictures in ``folder``; returns where its slides.json goes."""
    folder.mkdir()
    shutil.copytree(repo_root / "assets", folder / "assets")
    return folder / "slides.json"


def test_a_kiosk_started_before_its_deck_waits_for_it(
    display: str, kiosk_state: Path, expected_frames: list[Image.Image], repo_root: Path, tmp_path: Path
) -> None:
    """A kiosk that starts at login before its USB stick is mounted: it waits, it does not exit."""
    deck = lobby_deck(repo_root, tmp_path / "stick")
    with slow_kiosk(display, repo_root, deck=str(deck), window="Slideshow") as app:
        messages = app.wait(lambda: message_windows(app), "the message window")
        assert f"{deck}: file not found" in messages[0][1]  # type: ignore[index]
        shutil.copy(repo_root / "slides.json", deck)
        message_pid = messages[0][0]  # type: ignore[index]
        number, took = back_on_screen(app, expected_frames, message_pid, since=time.monotonic())
        assert number == 1 and took < 5.0, f"slide {number} after {took:.1f} s"
        app.key("ctrl+shift+q")
        assert app.wait_for_exit() == 0


def test_a_missing_or_broken_deck_is_waited_for_not_a_crash(
    display: str, kiosk_state: Path, expected_frames: list[Image.Image], repo_root: Path, tmp_path: Path
) -> None:
    deck = lobby_deck(repo_root, tmp_path / "lobby")
    shutil.copy(repo_root / "slides.json", deck)
    away = deck.with_name("slides.json.away")

    def message_saying(words: str, not_words: str = "\0") -> str | None:
        texts = [text for _pid, text in message_windows(app) if words in text and not_words not in text]
        return texts[0] if texts else None

    with slow_kiosk(display, repo_root, "--start", "3", deck=str(deck)) as app:
        first = the_viewer(app)
        assert wait_for_any_slide(app, expected_frames, first) == 3
        deck.rename(away)  # the deck is gone (a stick pulled, a sync replacing it) as the viewer dies
        os.kill(first, signal.SIGKILL)
        app.wait(lambda: message_saying(f"{deck}: file not found"), "a message naming the missing deck")

        deck.write_text(away.read_text()[:5000])  # back, but half copied
        text = app.wait(lambda: message_saying(f"{deck}:", "not found"), "a message naming the broken deck")
        print(f"the message: {text}")

        os.replace(away, deck)
        number, took = back_on_screen(app, expected_frames, first, since=time.monotonic())
        assert number == 3
        assert took < 5.0, f"the show took {took:.1f} s to start after the deck came back"
        assert message_windows(app) == []
        app.key("ctrl+shift+q")
        assert app.wait_for_exit() == 0
    log = (kiosk_state / "kiosk.log").read_text()
    assert "crash loop" not in log
    assert log.count("killed by SIGKILL") == 1 and log.count("viewer started") == 2
    print(f"the show was back {took:.1f} s after the deck")
