"""The viewer's side of a long-running show (Qt): heartbeat, saved slide, opening hours, screens coming
and going, and keeping the display awake while full screen. ``run_show`` attaches these to a show.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication, QWidget

from slideshow.core.schedule import Schedule
from slideshow.kiosk.heartbeat import BEAT_SECONDS, HeartbeatWriter
from slideshow.kiosk.state import save_position
from slideshow.ui.application import widget_application
from slideshow.ui.controller import ShowController
from slideshow.ui.inhibit import SleepInhibitor
from slideshow.ui.window import fill_screen

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


class ScreenFollower(QObject):
    """A full-screen window whose screen goes away moves to one that remains, and goes back when a screen
    of the same name returns."""

    def __init__(self, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window
        self._home: str | None = None  # the screen the show was on before it went away
        app = widget_application()
        app.screenRemoved.connect(self._removed)
        app.screenAdded.connect(self._added)

    def _removed(self, screen: QScreen) -> None:
        window = self._window
        current = window.screen()
        if current is not None and current is not screen and current in QGuiApplication.screens():
            return
        remaining = [s for s in QGuiApplication.screens() if s is not screen]
        if not remaining:
            return
        if self._home is None:
            self._home = screen.name()
        target = QGuiApplication.primaryScreen()
        target = target if target in remaining else remaining[0]
        log.info("screen %s went away: showing on %s", screen.name(), target.name())
        QTimer.singleShot(0, lambda: self._move(target))

    def _added(self, screen: QScreen) -> None:
        if self._home is not None and screen.name() == self._home:
            log.info("screen %s is back: showing on it again", screen.name())
            self._home = None
            QTimer.singleShot(0, lambda: self._move(screen))

    def _move(self, screen: QScreen) -> None:
        window = self._window
        if screen not in QGuiApplication.screens():
            return
        if window.isFullScreen():
            window.showNormal()
            fill_screen(window, screen)
        else:
            window.setScreen(screen)
            window.setGeometry(screen.geometry())


class AwakeWhileFullScreen(QObject):
    """Inhibits the screensaver and display sleep while the window is full screen and the show is open."""

    def __init__(
        self,
        window: QWidget,
        controller: ShowController,
        inhibitor: SleepInhibitor | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._controller = controller
        self.inhibitor = inhibitor or SleepInhibitor()
        window.installEventFilter(self)
        controller.screen_changed.connect(self.update)  # opening hours close and open with a black screen
        widget_application().aboutToQuit.connect(self.release)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in (QEvent.Type.WindowStateChange, QEvent.Type.Show, QEvent.Type.Hide):
            QTimer.singleShot(0, self.update)
        return False

    def update(self) -> None:
        window = self._window
        wanted = window.isVisible() and window.isFullScreen() and not self._controller.closed
        self.inhibitor.set_wanted(wanted)

    def release(self) -> None:
        self.inhibitor.set_wanted(False)


def stop_on_termination_signals() -> None:
    """SIGTERM (the supervisor stopping, or systemd) closes the viewer cleanly; Python runs the handler
    at the next Python call, which the heartbeat timer makes at least twice a second."""

    def quit_(_number: int, _frame: object) -> None:
        QTimer.singleShot(0, lambda: QApplication.exit(0))

    with contextlib.suppress(ValueError, AttributeError):
        signal.signal(signal.SIGTERM, quit_)
