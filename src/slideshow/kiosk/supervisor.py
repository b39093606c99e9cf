"""The kiosk's supervising process: runs the viewer as a child and brings it back when it dies or hangs.

``slideshow --kiosk DECK`` runs :func:`supervise`, which never loads Qt. It starts the viewer (the same
program with an internal option) and watches two things every 100 ms: that the child is alive, and that
its heartbeat counter moves (:mod:`slideshow.kiosk.heartbeat`). A dead child, or one silent for 2 s
(stopped, or its GUI thread stuck), is ended (SIGTERM, then SIGKILL) and started again at the slide it
saved (:mod:`slideshow.kiosk.state`). Five restarts within ten minutes is a crash loop: instead of
flapping, the supervisor shows a message window for a back-off time (1 minute, doubling up to
15 minutes) and then tries again. Ctrl+Shift+Q in the viewer makes it exit with :data:`USER_QUIT`,
which ends the supervisor too; SIGTERM, SIGINT or SIGHUP to the supervisor stop the child first.
Every start, restart and its reason go to the rotating log in the state folder.

A deck that cannot be read when the viewer (re)starts (missing, being copied, broken by an edit) is not a
crash: the viewer exits with :data:`DECK_UNREADABLE`, or the supervisor finds it so before a start, and
the supervisor shows a message naming the deck and its problem until the deck can be read again, looking
every :data:`DECK_POLL_SECONDS`. A state folder that cannot be written is no crash either: the heartbeat
goes to the runtime folder instead (:func:`slideshow.kiosk.state.heartbeat_files`).

The policy (:class:`CrashPolicy`) and the loop (:meth:`Supervisor.step`) take their clock, process
starter and heartbeat monitor as arguments, so tests drive them with a fake clock and fake children.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

from slideshow.kiosk.exit_codes import DECK_UNREADABLE, USER_QUIT
from slideshow.kiosk.heartbeat import HeartbeatMonitor, create_heartbeat
from slideshow.kiosk.state import (
    LOG_NAME,
    heartbeat_files,
    kiosk_log,
    load_position,
    remove_dead_heartbeats,
    state_dir,
)

POLL_SECONDS = 0.1
DECK_POLL_SECONDS = 0.5  # while waiting for the deck, look at it this often
TERM_GRACE_SECONDS = 0.5  # after SIGTERM, how long a child may take before SIGKILL
STOP_GRACE_SECONDS = 3.0  # the supervisor itself is stopping: let the viewer close cleanly


class Child(Protocol):
    """What the supervisor needs of a process (subprocess.Popen has it)."""

    pid: int

    def poll(self) -> int | None: ...
    def terminate(self) -> None: ...
    def kill(self) -> None: ...
    def wait(self, timeout: float | None = None) -> int: ...


@dataclass
class CrashPolicy:
    """How soon to restart after the viewer failed: at once, unless it is a crash loop."""

    limit: int = 5  # restarts within `window` seconds before backing off
    window: float = 600.0
    first_backoff: float = 60.0
    max_backoff: float = 900.0
    _restarts: deque[float] = field(default_factory=deque)
    _backoff: float = 0.0
    _last_failure: float | None = None

    def failed(self, now: float) -> float:
        """Record a failure at ``now``; returns seconds to wait before the next start (0: at once)."""
        while self._restarts and self._restarts[0] <= now - self.window:
            self._restarts.popleft()
        if self._last_failure is not None and now - self._last_failure > self.window:
            self._backoff = 0.0  # a quiet stretch forgives earlier loops
        self._last_failure = now
        if len(self._restarts) >= self.limit:
            self._restarts.clear()
            self._backoff = min(self.max_backoff, self._backoff * 2 if self._backoff else self.first_backoff)
            return self._backoff
        self._restarts.append(now)
        return 0.0


def _describe_exit(code: int) -> str:
    if code < 0:
        with contextlib.suppress(ValueError):
            return f"killed by {signal.Signals(-code).name}"
        return f"killed by signal {-code}"
    return f"exited with code {code}"


class Supervisor:
    def __init__(
        self,
        viewer_command: Callable[[int | None], Sequence[str]],
        message_command: Callable[[str], Sequence[str]],
        position: Path,
        *,
        deck_problem: Callable[[], str | None] = lambda: None,
        folder: Path | None = None,
        first_start: int | None = None,
        policy: CrashPolicy | None = None,
        spawn: Callable[[Sequence[str]], Child] | None = None,
        monitor: Callable[[Path], HeartbeatMonitor] | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], datetime] = datetime.now,
        log: logging.Logger | None = None,
    ) -> None:
        self._viewer_command = viewer_command
        self._message_command = message_command
        self._position = position
        self._deck_problem = deck_problem
        self._folder = folder or state_dir()
        self._first_start = first_start
        self.policy = policy or CrashPolicy()
        self._spawn = spawn or (lambda command: subprocess.Popen(list(command)))
        self._monitor_for = monitor or (lambda path: HeartbeatMonitor(path, clock=clock))
        self._clock = clock
        self._wall_clock = wall_clock
        self.log = log or kiosk_log(self._folder)
        self._heartbeats = heartbeat_files(self._folder)
        self.heartbeat = self._heartbeats[0]
        self.child: Child | None = None
        self.monitor: HeartbeatMonitor | None = None
        self.backoff_until: float | None = None  # showing the crash-loop message until then
        self.waiting_for_deck: str | None = None  # the deck's problem while its message shows
        self._next_deck_look = 0.0
        self.stop_requested = False

    # --- the loop ------------------------------------------------------------------------------------

    def run(self) -> int:
        """Supervises until the user quits or a signal asks to stop; returns the exit code."""
        previous = {}
        for name in ("SIGTERM", "SIGINT", "SIGHUP"):
            if hasattr(signal, name):
                number = getattr(signal, name)
                previous[number] = signal.signal(number, self._on_signal)
        try:
            self.start_or_wait(self._first_start)
            while True:
                code = self.step()
                if code is not None:
                    return code
                time.sleep(POLL_SECONDS)
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)
            with contextlib.suppress(OSError):
                self.heartbeat.unlink()

    def _on_signal(self, number: int, _frame: object) -> None:
        self.stop_requested = True
        self.log.info("supervisor: %s received, stopping", signal.Signals(number).name)

    def step(self) -> int | None:
        """One look at the child; returns the supervisor's exit code once it should end."""
        if self.stop_requested:
            self._end_child(STOP_GRACE_SECONDS)
            self.log.info("supervisor: stopped")
            return 0
        child = self.child
        if self.waiting_for_deck is not None:
            return self._wait_for_deck()
        if self.backoff_until is not None:
            if child is not None and child.poll() == USER_QUIT:
                self.log.info("supervisor: the message window was closed with Ctrl+Shift+Q; ending")
                return 0
            if self._clock() >= self.backoff_until:
                self._end_child(TERM_GRACE_SECONDS)
                self.backoff_until = None
                self.log.info("supervisor: back-off over, starting the viewer again")
                self.start_or_wait(load_position(self._position))
            return None
        if child is None:
            self.start_or_wait(load_position(self._position))
            return None
        code = child.poll()
        reason: str | None = None
        if code == USER_QUIT:
            self.log.info("viewer: ended with Ctrl+Shift+Q; supervisor ending")
            return 0
        if code == DECK_UNREADABLE:  # not a crash: the deck went away or broke before the viewer read it
            self.child = None
            self.log.warning("viewer (pid %s) could not read the deck", child.pid)
            self.start_or_wait(load_position(self._position), reported="the viewer could not read it")
            return None
        if code is not None:
            reason = _describe_exit(code)
        elif self.monitor is not None and self.monitor.is_stale():
            reason = f"not responding: no heartbeat for {self.monitor.silence():.1f} s"
            self._end_child(TERM_GRACE_SECONDS)
        if reason is None:
            return None
        self.child = None
        delay = self.policy.failed(self._clock())
        if delay <= 0:
            start = load_position(self._position)
            shown = "the first slide" if start is None else f"slide {start + 1}"
            self.log.warning("viewer %s (pid %s); restarting at %s", reason, child.pid, shown)
            self.start_or_wait(start)
        else:
            self.log.error(
                "viewer %s (pid %s); %d restarts in %.0f minutes: crash loop, waiting %.0f s",
                reason,
                child.pid,
                self.policy.limit,
                self.policy.window / 60,
                delay,
            )
            self._start_backoff(delay)
        return None

    # --- children ------------------------------------------------------------------------------------

    def start_or_wait(self, start: int | None, *, reported: str | None = None) -> None:
        """Starts the viewer if the deck can be read; otherwise shows why and waits for the deck.
        ``reported``: the viewer just failed to read it, so wait a moment even if it looks readable now."""
        problem = self._deck_problem() or reported
        if problem is None:
            self.start_viewer(start)
            return
        self.log.warning("the deck cannot be shown, waiting for it: %s", problem)
        self.waiting_for_deck = problem
        self._next_deck_look = self._clock() + DECK_POLL_SECONDS
        self._show_message(self._deck_message(problem))

    def _wait_for_deck(self) -> int | None:
        """While the deck cannot be read: its message stays up (shown again if it went away, updated if
        the problem changed), and the viewer starts once the deck can be read."""
        child = self.child
        if child is not None and child.poll() == USER_QUIT:
            self.log.info("supervisor: the message window was closed with Ctrl+Shift+Q; ending")
            return 0
        if self._clock() < self._next_deck_look:
            return None
        self._next_deck_look = self._clock() + DECK_POLL_SECONDS
        problem = self._deck_problem()
        if problem is None:
            self._end_child(TERM_GRACE_SECONDS)
            self.waiting_for_deck = None
            self.log.info("the deck can be read again: starting the viewer")
            self.start_viewer(load_position(self._position))
        elif problem != self.waiting_for_deck or child is None or child.poll() is not None:
            self._end_child(TERM_GRACE_SECONDS)
            if problem != self.waiting_for_deck:
                self.log.warning("the deck still cannot be shown: %s", problem)
            self.waiting_for_deck = problem
            self._show_message(self._deck_message(problem))
        return None

    @staticmethod
    def _deck_message(problem: str) -> str:
        return (
            "The slideshow is waiting for its deck:\n"
            f"{problem}\n\n"
            "The show starts again by itself as soon as the deck can be read.\n"
            "Ctrl+Shift+Q ends the kiosk."
        )

    def start_viewer(self, start: int | None) -> None:
        self.monitor = self._fresh_heartbeat()
        self.child = self._spawn(self._viewer_command(start))
        where = "the first slide" if start is None else f"slide {start + 1}"
        self.log.info("viewer started (pid %s) at %s", self.child.pid, where)

    def _fresh_heartbeat(self) -> HeartbeatMonitor | None:
        """An empty heartbeat file the viewer can write: in the state folder, or when that cannot be
        written, in the runtime folder. With neither, the viewer is watched only for dying."""
        failures = []
        for path in self._heartbeats:
            with contextlib.suppress(OSError):
                path.unlink()
            try:
                create_heartbeat(path)
            except OSError as error:
                failures.append(f"{path.parent}: {error.strerror or error}")
                continue
            if failures and path != self.heartbeat:
                self.log.warning(
                    "cannot write in the state folder (%s): the kiosk runs without saving its slide; "
                    "heartbeat in %s",
                    failures[0],
                    path,
                )
            elif not failures and path != self.heartbeat:
                self.log.info("the state folder can be written again: heartbeat in %s", path)
            self.heartbeat = path
            return self._monitor_for(path)
        self.log.error("no heartbeat file can be written (%s): hangs go unnoticed", "; ".join(failures))
        return None

    def _start_backoff(self, delay: float) -> None:
        self.backoff_until = self._clock() + delay
        again = (self._wall_clock() + timedelta(seconds=delay)).strftime("%H:%M")
        self._show_message(
            f"The slideshow stopped unexpectedly {self.policy.limit} times in "
            f"{self.policy.window / 60:.0f} minutes.\n"
            f"It will try again at {again}.\n\n"
            f"Details: {self._folder / LOG_NAME}\n"
            "Ctrl+Shift+Q ends the kiosk."
        )

    def _show_message(self, text: str) -> None:
        self.monitor = None
        try:
            self.child = self._spawn(self._message_command(text))
        except OSError as error:
            self.log.error("cannot show the kiosk's message: %s", error)
            self.child = None

    def _end_child(self, grace: float) -> None:
        """SIGTERM, then SIGKILL if the child has not gone after ``grace`` seconds (a stopped one never
        handles SIGTERM)."""
        child, self.child = self.child, None
        if child is None or child.poll() is not None:
            return
        with contextlib.suppress(OSError):
            child.terminate()
        try:
            child.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            self.log.warning("viewer (pid %s) ignored SIGTERM for %.1f s: SIGKILL", child.pid, grace)
            with contextlib.suppress(OSError):
                child.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=5)


def program() -> list[str]:
    """How to run this same program again: the frozen executable, or this Python with ``-m slideshow``."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "slideshow"]


class DeckReadable:
    """Whether the deck can be shown, as the viewer will load it: None, or its first problem. Loaded again
    only when the file changed (a 10,000-slide deck takes 0.2 s), so looking twice a second costs little."""

    def __init__(self, deck_file: Path) -> None:
        self.deck_file = deck_file
        self._stamp: tuple[int, ...] | None = None
        self._problem: str | None = None

    def __call__(self) -> str | None:
        from slideshow.deck import load_deck

        try:
            info = os.stat(self.deck_file)
            stamp: tuple[int, ...] | None = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        except OSError:
            stamp = None
        if stamp is None or stamp != self._stamp:
            result = load_deck(self.deck_file)
            first = str(result.errors[0]) if result.errors else f"{self.deck_file}: cannot be read"
            self._problem = None if result.deck is not None else first
            self._stamp = stamp
        return self._problem


def supervise(deck_file: Path, viewer_args: Sequence[str], *, first_start: int | None, position: Path) -> int:
    """Runs the kiosk: ``viewer_args`` are the options the viewer gets besides the deck and its start."""
    folder = state_dir()
    log = kiosk_log(folder)

    def viewer(start: int | None) -> list[str]:
        at = [] if start is None else ["--start", str(start + 1)]
        child = ["--kiosk-child", str(supervisor.heartbeat)]  # the path the supervisor watches
        return [*program(), "show", str(deck_file), *viewer_args, *at, *child]

    def message(text: str) -> list[str]:
        return [*program(), "show", "--kiosk-message", text]

    log.info("supervisor started (pid %s) for %s", os.getpid(), deck_file)
    for left in remove_dead_heartbeats(folder):
        log.info("removed %s, left by a supervisor that was killed", left)
    supervisor = Supervisor(
        viewer,
        message,
        position,
        deck_problem=DeckReadable(deck_file),
        folder=folder,
        first_start=first_start,
        log=log,
    )
    return supervisor.run()
