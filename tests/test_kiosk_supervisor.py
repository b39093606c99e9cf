"""The kiosk supervisor's rules with a fake clock and fake children: restart, heartbeat, crash-loop back-off,
waiting for an unreadable deck, the user's exit chord, and the atomic position file and rotating log in
the state folder."""

from __future__ import annotations

import logging
import os
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from conftest import fill
from slideshow.kiosk.heartbeat import HeartbeatMonitor, HeartbeatWriter
from slideshow.kiosk.state import kiosk_log, load_position, position_file, save_position, state_dir
from slideshow.kiosk.supervisor import DECK_UNREADABLE, USER_QUIT, CrashPolicy, DeckReadable, Supervisor


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class FakeChild:
    count = 0

    def __init__(self, command: Sequence[str]) -> None:
        FakeChild.count += 1
        self.pid = 100 + FakeChild.count
        self.command = list(command)
        self.code: int | None = None
        self.signals: list[str] = []
        self.stopped = False  # SIGSTOP: ignores SIGTERM

    def poll(self) -> int | None:
        return self.code

    def terminate(self) -> None:
        self.signals.append("TERM")
        if not self.stopped:
            self.code = -15

    def kill(self) -> None:
        self.signals.append("KILL")
        self.code = -9

    def wait(self, timeout: float | None = None) -> int:
        if self.code is None:
            raise subprocess.TimeoutExpired("viewer", timeout or 0)
        return self.code


class Rig:
    def __init__(self, tmp_path: Path) -> None:
        self.clock = Clock()
        self.children: list[FakeChild] = []
        self.position = tmp_path / "position.json"
        self.log = logging.getLogger(f"test-kiosk-{id(self)}")
        self.deck_problem: str | None = None  # what the deck check finds
        self.supervisor = Supervisor(
            lambda start: ["viewer", "none" if start is None else str(start)],
            lambda text: ["message", text],
            self.position,
            deck_problem=lambda: self.deck_problem,
            folder=tmp_path,
            spawn=self._spawn,
            monitor=lambda path: HeartbeatMonitor(path, clock=self.clock),
            clock=self.clock,
            log=self.log,
        )
        self.writer: HeartbeatWriter | None = None

    def _spawn(self, command: Sequence[str]) -> FakeChild:
        child = FakeChild(command)
        self.children.append(child)
        return child

    @property
    def child(self) -> FakeChild:
        return self.children[-1]

    def beat(self) -> None:
        if (
            self.writer is None
            or self.writer.path != self.supervisor.heartbeat
            or not self.writer.path.exists()
        ):
            self.writer = HeartbeatWriter(self.supervisor.heartbeat)
        self.writer.beat()

    def advance(self, seconds: float, *, beating: bool = True) -> int | None:
        """Steps the supervisor every 0.1 s of fake time; the current viewer beats every 0.5 s."""
        code = None
        for tick in range(round(seconds * 10)):
            self.clock.now += 0.1
            if beating and tick % 5 == 0 and self.child.command[0] == "viewer":
                self.beat()
            code = self.supervisor.step()
            if code is not None:
                return code
        return code


@pytest.fixture
def rig(tmp_path: Path) -> Rig:
    rig = Rig(tmp_path)
    rig.supervisor.start_viewer(None)
    return rig


def test_a_healthy_viewer_is_left_alone(rig: Rig) -> None:
    assert rig.advance(30) is None
    assert len(rig.children) == 1 and rig.child.signals == []


def test_a_dead_viewer_restarts_at_the_saved_slide(rig: Rig, caplog: pytest.LogCaptureFixture) -> None:
    rig.advance(3)
    save_position(rig.position, Path("deck/slides.json"), 6)
    rig.child.code = -9  # SIGKILL from outside
    with caplog.at_level(logging.INFO, logger=rig.log.name):
        rig.advance(0.1)
    assert len(rig.children) == 2
    assert rig.child.command == ["viewer", "6"]
    assert "killed by SIGKILL" in caplog.text and "restarting at slide 7" in caplog.text


def test_a_silent_viewer_is_killed_and_replaced(rig: Rig, caplog: pytest.LogCaptureFixture) -> None:
    rig.advance(3)
    frozen = rig.child
    frozen.stopped = True  # SIGSTOP: a stopped process does not act on SIGTERM
    with caplog.at_level(logging.INFO, logger=rig.log.name):
        rig.advance(1.5, beating=False)
        assert len(rig.children) == 1  # under 2 s of silence is not yet a hang
        rig.advance(0.6, beating=False)
    assert frozen.signals == ["TERM", "KILL"]
    assert len(rig.children) == 2
    assert "not responding: no heartbeat" in caplog.text


def test_start_up_has_a_grace_before_the_first_beat(rig: Rig) -> None:
    rig.advance(10, beating=False)
    assert len(rig.children) == 1
    rig.advance(11, beating=False)
    assert len(rig.children) == 2


def test_the_exit_chord_ends_the_supervisor(rig: Rig) -> None:
    rig.advance(1)
    rig.child.code = USER_QUIT
    assert rig.advance(0.1) == 0
    assert len(rig.children) == 1


def test_a_stop_signal_ends_the_child_first(rig: Rig) -> None:
    rig.advance(1)
    rig.supervisor.stop_requested = True
    assert rig.advance(0.1) == 0
    assert rig.child.signals == ["TERM"]


def test_a_crash_loop_backs_off_with_a_message(rig: Rig, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger=rig.log.name):
        for _ in range(5):
            rig.advance(1)
            rig.child.code = 1
        rig.advance(0.1)
        assert [c.command[0] for c in rig.children] == ["viewer"] * 6
        rig.advance(1)
        rig.child.code = 1
        rig.advance(0.1)
    assert rig.child.command[0] == "message"
    assert "5 times in 10 minutes" in rig.child.command[1]
    assert "crash loop" in caplog.text
    assert rig.advance(59) is None and rig.child.command[0] == "message"  # no flapping meanwhile
    rig.advance(1.1)
    assert rig.child.command[0] == "viewer"
    assert rig.children[-2].signals == ["TERM"]  # the message window was closed


def test_the_message_window_obeys_the_exit_chord(rig: Rig) -> None:
    for _ in range(6):
        rig.advance(1)
        rig.child.code = 1
    rig.advance(0.1)
    assert rig.child.command[0] == "message"
    rig.child.code = USER_QUIT
    assert rig.advance(0.1) == 0


def test_an_unreadable_deck_is_waited_for_with_a_message_not_a_crash(
    rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    rig.advance(1)
    save_position(rig.position, Path("deck/slides.json"), 4)
    with caplog.at_level(logging.INFO, logger=rig.log.name):
        for _ in range(12):  # far past the crash-loop limit
            rig.deck_problem = "deck/slides.json: file not found"
            rig.child.code = DECK_UNREADABLE
            rig.advance(0.1)
            assert rig.child.command[0] == "message"
            assert "waiting for its deck:\ndeck/slides.json: file not found" in rig.child.command[1]
            rig.advance(3)  # the message stays, nothing else is started meanwhile
            assert rig.child.command[0] == "message" and rig.child.signals == []
            rig.deck_problem = None
            rig.advance(0.6)  # it looks every 0.5 s
            assert rig.child.command == ["viewer", "4"]
            assert rig.children[-2].signals == ["TERM"]  # the message window was closed
    assert "crash loop" not in caplog.text
    assert "the deck can be read again" in caplog.text


def test_the_deck_message_follows_the_problem_and_comes_back_if_killed(rig: Rig) -> None:
    rig.advance(1)
    rig.deck_problem = "deck/slides.json: file not found"
    rig.child.code = -9  # a real crash, and the deck is gone too
    rig.advance(0.1)
    assert "file not found" in rig.child.command[1]
    rig.deck_problem = "deck/slides.json:3:1: this string never ends"
    rig.advance(0.6)
    assert "never ends" in rig.child.command[1]
    rig.child.code = -9  # the message window itself is killed
    rig.advance(0.6)
    assert rig.child.command[0] == "message" and rig.child.code is None
    rig.child.code = USER_QUIT  # Ctrl+Shift+Q on the message ends the kiosk
    assert rig.advance(0.1) == 0


def test_a_viewer_that_cannot_read_a_readable_looking_deck_waits_a_moment(rig: Rig) -> None:
    rig.advance(1)
    rig.child.code = DECK_UNREADABLE  # the viewer saw it broken; by now it reads well (mid-write)
    rig.advance(0.1)
    assert rig.child.command[0] == "message"
    rig.advance(0.6)
    assert rig.child.command[0] == "viewer"


def test_deck_readable_names_the_first_problem_and_follows_the_file(tmp_path: Path) -> None:
    deck = tmp_path / "slides.json"
    readable = DeckReadable(deck)
    assert f"{deck}: file not found" in str(readable())
    deck.write_text('{"title": "T", "slides": [{"caption": "a"}')
    assert str(readable()).startswith(f"{deck}:1:")
    deck.write_text('{"title": "T", "slides": [{"caption": "a"}]}')
    assert readable() is None


def test_a_read_only_state_folder_moves_the_heartbeat(read_only_folder: Callable[[], Path]) -> None:
    folder = read_only_folder()
    rig = Rig(folder)
    rig.supervisor.start_viewer(None)
    assert rig.supervisor.heartbeat.parent != folder
    assert rig.supervisor.monitor is not None
    assert rig.advance(30) is None and len(rig.children) == 1  # the beats arrive at the new place
    rig.supervisor.heartbeat.unlink()


def test_crash_policy_forgets_old_failures_and_doubles_back_off() -> None:
    policy = CrashPolicy(limit=5, window=600, first_backoff=60, max_backoff=900)
    assert [policy.failed(t) for t in range(0, 500, 100)] == [0.0] * 5
    assert policy.failed(500) == 60  # the 6th failure within 10 minutes
    assert [policy.failed(t) for t in range(560, 610, 10)] == [0.0] * 5
    assert policy.failed(610) == 120  # looping again: twice as long
    for t in range(0, 10):  # a quiet hour later all is forgiven
        assert policy.failed(5000 + t * 200) == 0.0


def test_position_file_is_replaced_atomically(tmp_path: Path) -> None:
    target = position_file(Path("/decks/lobby/slides.json"), tmp_path)
    assert load_position(target) is None
    save_position(target, Path("/decks/lobby/slides.json"), 3)
    save_position(target, Path("/decks/lobby/slides.json"), 4)
    assert load_position(target) == 4
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary left behind
    target.write_text("{broken")
    assert load_position(target) is None
    assert position_file(Path("/decks/other/slides.json"), tmp_path) != target


def test_state_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SLIDESHOW_STATE_DIR", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    if os.name == "posix":
        assert state_dir() == tmp_path / "slideshow"


def test_the_log_rotates(tmp_path: Path) -> None:
    log = kiosk_log(tmp_path)
    try:
        for i in range(40_000):
            log.info("viewer restarted %d: %s", i, "x" * 80)
        names = sorted(p.name for p in tmp_path.iterdir())
        assert names == ["kiosk.log", "kiosk.log.1", "kiosk.log.2", "kiosk.log.3"]
        assert all(p.stat().st_size <= 1_000_000 for p in tmp_path.iterdir())
    finally:
        for handler in list(log.handlers):
            log.removeHandler(handler)
            handler.close()


def test_heartbeat_content_not_clock(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "beat"
    monitor = HeartbeatMonitor(path, stale_after=2.0, startup_grace=5.0, clock=clock)
    writer = HeartbeatWriter(path)
    clock.now += 4.9
    assert not monitor.is_stale()
    writer.beat()
    monitor.poll()  # the supervisor looks every 0.1 s
    clock.now += 1.9
    assert not monitor.is_stale()  # the beat came 1.9 s ago
    clock.now += 0.2
    assert monitor.is_stale()
    writer.beat()
    assert not monitor.is_stale()
    writer.close()


def test_a_log_on_a_disk_that_fills_up_fails_in_one_line(
    tiny_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = kiosk_log(tiny_disk)
    try:
        log.info("supervisor started")
        fill(tiny_disk)  # the disk fills up while the kiosk runs
        for n in range(200):  # enough to fill the stream's buffer: writes then reach the disk and fail
            log.info("viewer restarted %d: %s", n, "x" * 80)
        err = capsys.readouterr().err
    finally:
        for handler in list(log.handlers):
            log.removeHandler(handler)
            handler.close()
    assert "Traceback" not in err and "Logging error" not in err
    assert err.count("kiosk log:") == 1 and "No space left on device" in err
