"""The show controller: one per show, shared by every window that shows it.

It owns the pure-Python player and key interpreter and is the thin Qt adapter around them: a timer fires
at the player's deadline, and signals say precisely what changed, so a typed digit repaints a notice
without asking the picture pipeline for anything. Windows never change the show directly, so an audience
window and a presenter console cannot disagree.

While a console is open, whatever is meant for the presenter (notices, the typed number, the reload
banner, why a picture is missing) is shown there only: windows ask for ``audience_notice`` and friends,
so a new notice is kept off the projector without its author doing anything.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from slideshow.core.keymap import Action, Command, KeyInterpreter
from slideshow.core.overrides import SettingsOverrides
from slideshow.core.player import Blank, Player, PlayState
from slideshow.core.stopwatch import TalkTimers
from slideshow.core.zoom import ZoomView
from slideshow.deck.model import Deck, Slide
from slideshow.ui.deadline_timer import DeadlineTimer
from slideshow.ui.notices import Notices

log = logging.getLogger(__name__)
# Actions each window carries out for itself: the console's overview or bigger notes are not the audience's.
WINDOW_ACTIONS = frozenset(
    {Action.OVERVIEW, Action.HELP, Action.BIGGER, Action.SMALLER, Action.CAPTION_RESET}
)
_NAVIGATION = frozenset({Action.NEXT, Action.PREVIOUS, Action.FIRST, Action.LAST, Action.JUMP})


@dataclass(frozen=True)
class _Look:
    """What windows show of the show, compared before and after a change to emit only what differs."""

    deck: Deck
    index: int
    blank: Blank
    state: PlayState
    notice: str | None
    banner: str | None
    timers_running: bool
    laser: bool
    captions_hidden: bool


class ShowController(QObject):
    slide_changed = Signal(int)  # the current slide (0-based) or the deck changed: ask for pictures
    screen_changed = Signal()  # what covers the slide changed: black, white, end of show, closed hours, C
    notice_changed = Signal()  # the typed number or a passing notice appeared, changed or went
    banner_changed = Signal()  # the deck on disk broke or was mended
    autoplay_changed = Signal()  # autoplay started, paused or stopped
    timers_changed = Signal()  # the presenter's timers were paused, resumed or reset
    laser_changed = Signal()  # the laser went on or off, or moved
    audience_changed = Signal()  # the audience window went in or out of full screen, or was resized
    notes_scroll_requested = Signal(int)  # U (-1) or D (+1), pressed in either window
    fullscreen_requested = Signal(bool)
    swap_requested = Signal()  # S: the audience window and the console trade screens
    quit_requested = Signal()
    zoom_requested = Signal(object)  # Command ZOOM or PAN: the audience window knows the geometry
    zoom_changed = Signal()  # the zoomed view (self.zoom) changed: the console mirrors it

    def __init__(
        self,
        deck: Deck,
        *,
        autoplay: bool = False,
        loop: bool | None = None,
        interval: float | None = None,
        start: int = 0,
        kiosk: bool = False,
        target_minutes: float | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.kiosk = kiosk
        self._overrides = SettingsOverrides(True if kiosk else loop, interval, target_minutes)
        self.deck = self._overrides.apply(deck)
        self.player = self._new_player(self.deck, autoplay=autoplay or kiosk, start=start)
        self.keys = KeyInterpreter(kiosk=kiosk)
        self.timers = TalkTimers(time.monotonic(), self._target_seconds())
        self.banner: str | None = None  # the deck on disk is broken (live reload); the last good one shows
        self.console_open = False  # a presenter console shows the presenter's messages instead
        self.audience_fullscreen = False
        self.audience_size = (16, 9)
        self.captions_hidden = False  # C: the audience sees the photos alone until C is pressed again
        self.zoom: ZoomView | None = None  # the audience window's zoomed view of the photo; None: fitted
        self._closed = False  # kiosk opening hours: outside them the screen is black
        self._laser_on = False
        self.laser_at: tuple[float, float] | None = None  # on the slide, as fractions of its width/height
        self._advance_timer = DeadlineTimer(self._on_deadline, self)
        self._notices = Notices(self.keys, self)
        self._notices.changed.connect(self.notice_changed)

    def _target_seconds(self) -> float | None:
        minutes = self.deck.settings.target_minutes
        return None if minutes is None else minutes * 60

    def _new_player(self, deck: Deck, *, autoplay: bool, start: int) -> Player:
        durations = [deck.duration_of(i) for i in range(len(deck.slides))]
        return Player(
            durations, loop=deck.settings.loop, autoplay=autoplay, start=start, end_screen=not self.kiosk
        )

    def replace_deck(self, deck: Deck, *, start: int = 0) -> None:
        """Shows another deck in the same windows (a deck dropped on the window), keeping autoplay's state."""
        before = self._look()
        playing = self.player.state is PlayState.PLAYING
        self.deck = self._overrides.apply(deck)
        self.player = self._new_player(self.deck, autoplay=playing or self.kiosk, start=start)
        self.timers.target_seconds = self._target_seconds()
        self.keys.reset()
        if self._closed:
            self.player.toggle_blank(Blank.BLACK, time.monotonic())
        self._advance_timer.arm(None)
        self._announce(before, timers=True)

    @property
    def closed(self) -> bool:
        """Outside the kiosk's opening hours (not the presenter's B key, which the kiosk ignores)."""
        return self._closed

    def set_closed(self, closed: bool) -> None:
        """Opening hours: closed is a black screen with autoplay held; opening shows the slide again."""
        if closed == self._closed:
            return
        before = self._look()
        self._closed = closed
        now = time.monotonic()
        if closed and self.player.blank is not Blank.BLACK:
            self.player.toggle_blank(Blank.BLACK, now)
        elif not closed:
            self.player.toggle_blank(Blank.NONE, now)
        self._arm()
        self._announce(before)
        self.screen_changed.emit()  # closing over a black screen looks the same but means otherwise

    def show_notice(self, text: str) -> None:
        """A short message for a few seconds: on the console when one is open, else over the slide."""
        before = self._look()
        self._set_notice(text)
        self._announce(before)

    def _set_notice(self, text: str) -> None:
        """For actions, which announce one change when they are done."""
        self._notices.say(text)

    def attach_console(self) -> None:
        """A presenter console is open: from now on the presenter's messages go there only."""
        self.console_open = True
        self._notices.wait_for_presenter()
        self.notice_changed.emit()
        self.banner_changed.emit()

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
        return self._notices.text

    @property
    def audience_notice(self) -> str | None:
        """The notice as the audience window may show it: never while a console shows it instead."""
        return None if self.console_open else self.notice

    @property
    def audience_banner(self) -> str | None:
        """The reload banner, for the audience window: not in a kiosk, nor while a console shows it."""
        return None if self.console_open or self.kiosk else self.banner

    @property
    def audience_sees_problems(self) -> bool:
        """Whether the audience window names a missing picture's file and reason (not with a console)."""
        return not self.console_open

    @property
    def laser(self) -> tuple[float, float] | None:
        """Where to draw the laser dot, as fractions of the slide, or None."""
        return self.laser_at if self._laser_on else None

    @property
    def laser_on(self) -> bool:
        return self._laser_on

    def progress(self) -> float | None:
        return self.player.progress(time.monotonic())

    # --- what windows report -------------------------------------------------------------------------------

    def press(self, key: str) -> Command | None:
        """Handles one key, click or wheel turn (named as in the key table) from any window.

        Returns the command when it is one the window carries out for itself (``WINDOW_ACTIONS``).
        """
        before = self._look()
        command = self.keys.press(key)
        self._notices.key_pressed()
        if command is not None and command.action in WINDOW_ACTIONS:
            self._announce(before)
            return command
        if command is not None:
            self.perform(command)
        else:
            self._announce(before)
        return None

    def set_banner(self, text: str | None) -> None:
        if text != self.banner:
            self.banner = text
            self.banner_changed.emit()

    def slide_shown(self, index: int) -> None:
        """A window has the slide's picture on screen: autoplay counts its time from now."""
        if not self.player.is_shown and index == self.player.index:
            self.player.shown(time.monotonic(), index=index)
            self._arm()

    def set_audience_fullscreen(self, on: bool) -> None:
        if on != self.audience_fullscreen:
            self.audience_fullscreen = on
            self.audience_changed.emit()

    def set_audience_size(self, width: int, height: int) -> None:
        """The console draws the current slide in the audience window's proportions."""
        if width > 0 and height > 0 and (width, height) != self.audience_size:
            self.audience_size = (width, height)
            self.audience_changed.emit()

    def point_laser(self, x: float, y: float) -> None:
        """The pointer is over the slide at fractions ``x``, ``y``: the dot follows while the laser is on."""
        if self._laser_on and 0 <= x <= 1 and 0 <= y <= 1 and (x, y) != self.laser_at:
            self.laser_at = (x, y)
            self.laser_changed.emit()

    # --- actions -------------------------------------------------------------------------------------------

    def set_zoom(self, zoom: ZoomView | None) -> None:
        """The audience window zoomed (None: back to the whole photo); every view of the slide follows."""
        if zoom != self.zoom:
            self.zoom = zoom
            self.zoom_changed.emit()

    def perform(self, command: Command) -> None:
        before = self._look()
        now = time.monotonic()
        action = command.action
        if self._closed and action not in (Action.QUIT, Action.KIOSK_EXIT):
            return  # closed: only leaving is possible
        if action in (Action.ZOOM, Action.PAN):
            self.zoom_requested.emit(command)
            return
        if action in _NAVIGATION:
            self.set_zoom(None)  # every way to another slide (or the same one) starts from the whole photo
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
        elif action is Action.FULLSCREEN_ON:
            # With a console, F is the only way the audience window leaves full screen: it toggles.
            self.fullscreen_requested.emit(not (self.console_open and self.audience_fullscreen))
        elif action is Action.FULLSCREEN_OFF:
            self._escape()
        elif action is Action.LASER:
            self._laser_on = not self._laser_on
        elif action in (Action.NOTES_UP, Action.NOTES_DOWN):
            self.notes_scroll_requested.emit(-1 if action is Action.NOTES_UP else 1)
        elif action is Action.SWAP_SCREENS:
            self.swap_requested.emit()
        elif action is Action.TOGGLE_CAPTIONS:
            self.captions_hidden = not self.captions_hidden  # no notice: the audience would see it
        elif action is Action.TIMER_PAUSE:
            self.timers.toggle(now)  # the console shows them; the audience never sees the timers
        elif action is Action.TIMER_RESET:
            self.timers.reset(now)
        elif action in (Action.QUIT, Action.KIOSK_EXIT):
            self.quit_requested.emit()
            return
        else:
            log.debug("%s is not available in this version", action.name)
            return
        self._arm()
        self._announce(before, timers=action is Action.TIMER_RESET)

    def _escape(self) -> None:
        """Esc: the laser goes off first; with a console the audience window stays full screen (a clicker
        sends Esc, and a presenter reaches for it to close things), without one it leaves full screen."""
        if self._laser_on:
            self._laser_on = False
        elif not self.console_open:
            self.fullscreen_requested.emit(False)
        elif self.audience_fullscreen:
            self._set_notice("The audience stays full screen: F leaves it")

    def go_to(self, index: int) -> None:
        before = self._look()
        self.player.go(index, time.monotonic())
        self._arm()
        self._announce(before)

    def _jump(self, number: int | None, now: float) -> None:
        count = len(self.deck.slides)
        if number is None or not 1 <= number <= count:
            self._set_notice(f"No slide {number}: this deck has {count} slides")
        else:
            self.player.go(number - 1, now)

    def _on_deadline(self) -> None:
        before = self._look()
        self.player.tick(time.monotonic())
        self._arm()
        self._announce(before)

    def _look(self) -> _Look:
        return _Look(
            self.deck,
            self.player.index,
            self.player.blank,
            self.player.state,
            self.notice,
            self.banner,
            self.timers.running,
            self._laser_on,
            self.captions_hidden,
        )

    def _announce(self, before: _Look, *, timers: bool = False) -> None:
        """Emits a signal for each thing that changed since ``before``, and nothing for the rest."""
        # The deck by identity: a reload of an unchanged file is still another deck, and wants pictures.
        new_slide = self.player.index != before.index or self.deck is not before.deck
        if new_slide:
            self.set_zoom(None)  # autoplay, the overview and a reload move on too: the whole photo again
            self.timers.new_slide(time.monotonic())
            self._laser_on = False  # another slide: the dot has nothing left to point at
        after = self._look()
        if after.laser != before.laser:
            self.laser_at = None
            self.laser_changed.emit()
        if new_slide:
            self.slide_changed.emit(after.index)
        if after.blank is not before.blank or after.captions_hidden != before.captions_hidden:
            self.screen_changed.emit()
        if after.state is not before.state:
            self.autoplay_changed.emit()
        if after.notice != before.notice:
            self.notice_changed.emit()
        if after.banner != before.banner:
            self.banner_changed.emit()
        if timers or after.timers_running != before.timers_running:
            self.timers_changed.emit()

    def _arm(self) -> None:
        self._advance_timer.arm(self.player.deadline())
