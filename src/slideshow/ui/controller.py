"""The show controller: one per show, shared by every window that shows it.

It owns the pure-Python player and key interpreter and is the thin Qt adapter around them: a QTimer fires
at the player's deadline and signals tell windows to repaint. Windows never change the show directly, so
an audience window and a presenter console cannot disagree.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, QTimer, Signal

from slideshow.core.keymap import Action, Command, KeyInterpreter
from slideshow.core.player import Blank, Player, PlayState
from slideshow.core.stopwatch import Stopwatch
from slideshow.deck.model import Deck, Slide

log = logging.getLogger(__name__)
NOTICE_MS = 2500
# Actions each window carries out for itself: the console's overview or bigger notes are not the audience's.
WINDOW_ACTIONS = frozenset({Action.OVERVIEW, Action.HELP, Action.BIGGER, Action.SMALLER})


class ShowController(QObject):
    changed = Signal()  # index, blank, autoplay state or notice changed: repaint
    slide_changed = Signal(int)  # 0-based index of the new current slide
    fullscreen_requested = Signal(bool)
    quit_requested = Signal()

    def __init__(
        self,
        deck: Deck,
        *,
        autoplay: bool = False,
        loop: bool | None = None,
        interval: float | None = None,
        start: int = 0,
        kiosk: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.kiosk = kiosk
        self._loop_override = True if kiosk else loop
        self._interval_override = interval
        self.deck = self._as_told(deck)
        self.player = self._new_player(self.deck, autoplay=autoplay or kiosk, start=start)
        self.keys = KeyInterpreter(kiosk=kiosk)
        self.stopwatch = Stopwatch(time.monotonic())
        self.banner: str | None = None  # the deck on disk is broken (live reload); the last good one shows
        self._closed = False  # kiosk opening hours: outside them the screen is black
        self._notice: str | None = None
        self._advance_timer = QTimer(self)
        self._advance_timer.setSingleShot(True)
        self._advance_timer.timeout.connect(self._on_deadline)
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(self._clear_notice)

    def _as_told(self, deck: Deck) -> Deck:
        """``deck`` with the command line's --loop and --autoplay SECONDS, which outlast reloads."""
        settings = deck.settings
        if self._loop_override is not None:
            settings = replace(settings, loop=self._loop_override)
        if self._interval_override is not None:
            settings = replace(settings, interval=self._interval_override)
        return deck if settings is deck.settings else replace(deck, settings=settings)

    def _new_player(self, deck: Deck, *, autoplay: bool, start: int) -> Player:
        durations = [deck.duration_of(i) for i in range(len(deck.slides))]
        return Player(durations, loop=deck.settings.loop, autoplay=autoplay, start=start)

    def replace_deck(self, deck: Deck, *, start: int = 0) -> None:
        """Shows another deck in the same windows (a deck dropped on the window), keeping autoplay's state."""
        playing = self.player.state is PlayState.PLAYING
        self.deck = self._as_told(deck)
        self.player = self._new_player(self.deck, autoplay=playing or self.kiosk, start=start)
        self.keys.reset()
        if self._closed:
            self.player.toggle_blank(Blank.BLACK, time.monotonic())
        self._advance_timer.stop()
        self.slide_changed.emit(self.player.index)
        self.changed.emit()

    @property
    def closed(self) -> bool:
        """Outside the kiosk's opening hours (not the presenter's B key, which the kiosk ignores)."""
        return self._closed

    def set_closed(self, closed: bool) -> None:
        """Opening hours: closed is a black screen with autoplay held; opening shows the slide again."""
        if closed == self._closed:
            return
        self._closed = closed
        now = time.monotonic()
        if closed and self.player.blank is not Blank.BLACK:
            self.player.toggle_blank(Blank.BLACK, now)
        elif not closed:
            self.player.toggle_blank(Blank.NONE, now)
        self._arm()
        self.changed.emit()

    def show_notice(self, text: str) -> None:
        """A short message over the slide for a few seconds; it goes away by itself."""
        self._set_notice(text)
        self.changed.emit()

    def _set_notice(self, text: str) -> None:
        """For actions, which announce one change when they are done."""
        self._notice = text
        self._notice_timer.start(NOTICE_MS)

    # --- what windows read -------------------------------------------------------------------------------

    @property
    def index(self) -> int:
        return self.player.index

    @property
    def slide(self) -> Slide:
        return self.deck.slides[self.player.index]

    @property
    def blank(self) -> Blank:
        return self.player.blank

    @property
    def notice(self) -> str | None:
        """The digits being typed ("Go to 12") win over a passing message."""
        if self.keys.pending_digits:
            return f"Go to {self.keys.pending_digits}"
        return self._notice

    def progress(self) -> float | None:
        return self.player.progress(time.monotonic())

    # --- what windows report -------------------------------------------------------------------------------

    def press(self, key: str, window_action: Callable[[Action], None] | None = None) -> None:
        """Handles one key from any window.

        ``window_action`` carries out the actions that belong to the window the key was pressed in.
        """
        had_digits = bool(self.keys.pending_digits)
        command = self.keys.press(key)
        if command is None:
            if had_digits or self.keys.pending_digits:
                self.changed.emit()  # the typed number on screen changed
        elif command.action in WINDOW_ACTIONS:
            if window_action is not None:
                window_action(command.action)
        else:
            self.perform(command)

    def set_banner(self, text: str | None) -> None:
        if text != self.banner:
            self.banner = text
            self.changed.emit()

    def slide_shown(self, index: int) -> None:
        """A window has the slide's picture on screen: autoplay counts its time from now."""
        if not self.player.is_shown and index == self.player.index:
            self.player.shown(time.monotonic(), index=index)
            self._arm()

    # --- actions -------------------------------------------------------------------------------------------

    def perform(self, command: Command) -> None:
        now = time.monotonic()
        before = self.player.index
        action = command.action
        if self._closed and action not in (Action.QUIT, Action.KIOSK_EXIT):
            return  # closed: only leaving is possible
        if action is Action.NEXT:
            self.player.next(now)
        elif action is Action.PREVIOUS:
            self.player.previous(now)
        elif action is Action.FIRST:
            self.player.first(now)
        elif action is Action.LAST:
            self.player.last(now)
        elif action is Action.JUMP:
            self._jump(command.number, now)
        elif action is Action.TOGGLE_AUTOPLAY:
            state = self.player.toggle_autoplay(now)
            self._set_notice("Autoplay on" if state is PlayState.PLAYING else "Autoplay paused")
        elif action is Action.BLACK:
            self.player.toggle_blank(Blank.BLACK, now)
        elif action is Action.WHITE:
            self.player.toggle_blank(Blank.WHITE, now)
        elif action in (Action.FULLSCREEN_ON, Action.FULLSCREEN_OFF):
            self.fullscreen_requested.emit(action is Action.FULLSCREEN_ON)
        elif action is Action.TIMER_PAUSE:
            self.stopwatch.toggle(now)  # the console shows it; the audience never sees the timer
        elif action is Action.TIMER_RESET:
            self.stopwatch.reset(now)
        elif action in (Action.QUIT, Action.KIOSK_EXIT):
            self.quit_requested.emit()
            return
        else:
            log.debug("%s is not available in this version", action.name)
            return
        self._after_change(before)

    def go_to(self, index: int) -> None:
        before = self.player.index
        self.player.go(index, time.monotonic())
        self._after_change(before)

    def _jump(self, number: int | None, now: float) -> None:
        count = len(self.deck.slides)
        if number is None or not 1 <= number <= count:
            self._set_notice(f"No slide {number}: this deck has {count} slides")
        else:
            self.player.go(number - 1, now)

    def _on_deadline(self) -> None:
        before = self.player.index
        self.player.tick(time.monotonic())
        self._after_change(before)

    def _after_change(self, before: int) -> None:
        if self.player.index != before:
            self.slide_changed.emit(self.player.index)
        self._arm()
        self.changed.emit()

    def _arm(self) -> None:
        deadline = self.player.deadline()
        if deadline is None:
            self._advance_timer.stop()
            return
        self._advance_timer.start(max(0, round((deadline - time.monotonic()) * 1000)))

    def _clear_notice(self) -> None:
        self._notice = None
        self.changed.emit()
