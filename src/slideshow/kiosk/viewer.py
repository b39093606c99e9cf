"""The kiosk viewer's side of a long-running show (Qt): heartbeat, saved slide, opening hours.

The command line hands :func:`attach_kiosk_parts` to ``run_show`` for a kiosk; what every show needs
(the display kept awake, the screen followed) lives in ``slideshow.ui`` and ``run_show`` adds it itself.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from slideshow.core.schedule import Schedule
from slideshow.kiosk.heartbeat import BEAT_SECONDS, HeartbeatWriter
from slideshow.kiosk.state import save_position
from slideshow.ui.app import Show, ShowOptions
from slideshow.ui.controller import ShowController

log = logging.getLogger(__name__)
SCHEDULE_RECHECK_MS = 60_000  # re-read the clock at least every minute: clock changes, DST


class Heartbeat(QObject):
    """Beats from the GUI thread's event loop (a frozen GUI thread stops it) and ends the viewer if the
    supervisor has gone (the viewer's parent changed), so no orphan keeps the screen."""

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._writer: HeartbeatWriter | None = None
        try:
            self._writer = HeartbeatWriter(path)
        except OSError as error:  # the supervisor then watches only for the viewer dying
            log.warning("cannot write the heartbeat %s: %s; the show goes on", path, error.strerror or error)
        self._parent_pid = os.getppid()
        self._timer = QTimer(self)
        self._timer.setInterval(round(BEAT_SECONDS * 1000))
        self._timer.timeout.connect(self._beat)
        self._timer.start()
        self._beat()

    def _beat(self) -> None:
        if os.getppid() != self._parent_pid:
            log.warning("the kiosk supervisor has gone; the viewer ends too")
            QApplication.exit(1)
            return
        if self._writer is not None:
            with contextlib.suppress(OSError):
                self._writer.beat()

    def stop(self) -> None:
        self._timer.stop()
        if self._writer is not None:
            self._writer.close()


class PositionSaver:
    """Saves the slide on every change, atomically, so a restarted viewer comes back to it."""

    def __init__(self, controller: ShowController, path: Path) -> None:
        self._controller = controller
        self._path = path
        self._failing = False  # warn once when saving starts failing, not on every slide
        controller.slide_changed.connect(self.save)
        self.save(controller.index)

    def save(self, index: int) -> None:
        try:
            save_position(self._path, self._controller.deck.path, index)
        except OSError as error:
            if not self._failing:
                reason = error.strerror or error
                log.warning("cannot save the kiosk position in %s (%s): the show goes on", self._path, reason)
            self._failing = True
        else:
            if self._failing:
                log.warning("the kiosk position is saved again in %s", self._path)
            self._failing = False


class OpeningHours(QObject):
    """Outside the deck's opening windows the kiosk is black (the controller's closed state)."""

    def __init__(self, controller: ShowController, schedule: Schedule, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._schedule = schedule
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check)
        self.check()

    def check(self) -> None:
        now = datetime.now()
        closed = not self._schedule.is_on(now)
        if closed != self._controller.closed:
            log.info("opening hours: %s", "closed, screen black" if closed else "open")
        self._controller.set_closed(closed)
        change = self._schedule.next_change(now)
        if change is None:
            return
        wait_ms = max(100, round((change - now).total_seconds() * 1000) + 50)
        self._timer.start(min(wait_ms, SCHEDULE_RECHECK_MS))


def stop_on_termination_signals() -> None:
    """SIGTERM (the supervisor stopping, or systemd) closes the viewer cleanly; Python runs the handler
    at the next Python call, which the heartbeat timer makes at least twice a second."""

    def quit_(_number: int, _frame: object) -> None:
        QTimer.singleShot(0, lambda: QApplication.exit(0))

    with contextlib.suppress(ValueError, AttributeError):
        signal.signal(signal.SIGTERM, quit_)


def attach_kiosk_parts(show: Show, options: ShowOptions) -> None:
    """What a kiosk viewer adds to its show: its opening hours, and under the supervisor
    (slideshow.kiosk.supervisor) a heartbeat and the slide saved on every change."""
    if options.kiosk and show.controller.deck.settings.schedule:
        schedule = Schedule(show.controller.deck.settings.schedule)
        show.extras.append(OpeningHours(show.controller, schedule))
    if options.heartbeat is not None:
        stop_on_termination_signals()
        show.extras.append(Heartbeat(options.heartbeat))
    if options.position_file is not None:
        show.extras.append(PositionSaver(show.controller, options.position_file))
