"""The composition root: builds the application and wires the small objects together, passing them in.

Nothing else creates the QApplication, the pipeline or the controller, so tests can build the same parts
by hand and nothing reaches for globals.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication, QIcon, QScreen
from PySide6.QtWidgets import QApplication

from slideshow import APP_ID
from slideshow.deck.model import Deck
from slideshow.imaging.job import Decoder, HeadStart, PictureKey
from slideshow.imaging.picture import decode_picture
from slideshow.resources import icon_file
from slideshow.ui.application import widget_application

if TYPE_CHECKING:  # imported in build_show: the first picture starts decoding while they load
    from slideshow.deck import LoadResult
    from slideshow.imaging.pipeline import PicturePipeline
    from slideshow.ui.controller import ShowController
    from slideshow.ui.memory import DeckMemory
    from slideshow.ui.presenter import PresenterConsole
    from slideshow.ui.watcher import DeckWatcher
    from slideshow.ui.window import SlideWindow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ShowOptions:
    fullscreen: bool = False
    kiosk: bool = False
    autoplay: bool = False
    loop: bool | None = None  # None: the deck's setting
    interval: float | None = None  # --autoplay SECONDS; None: the deck's setting
    start: int = 0  # 0-based
    screen: int | None = None  # 0-based index into the attached screens
    cache_bytes: int | None = None  # decoded-picture cache; None: four full screens (cache_budget)
    quit_after_first_frame: bool = False  # start-up measurements: exit once slide 1's picture is painted
    presenter: bool | None = None  # the presenter console; None: when two screens are attached
    resume: bool = False  # start where the last show of this deck ended
    remember: bool = True  # keep per-deck choices in the platform's settings store
    heartbeat: Path | None = None  # kiosk viewer under the supervisor: its sign-of-life file
    position_file: Path | None = None  # kiosk viewer: where the current slide is saved on every change
    target_minutes: float | None = None  # --target: the talk's length, for the console's countdown
    # What the caller adds to a long-running show before it appears (slideshow.kiosk.viewer's parts).
    attach: Callable[[Show, ShowOptions], None] | None = None


@dataclass
class Show:
    """The parts of a running show, returned so tests and benchmarks can drive them."""

    controller: ShowController
    pipeline: PicturePipeline
    window: SlideWindow
    thumbnails: PicturePipeline
    watcher: DeckWatcher
    memory: DeckMemory | None = None
    console: PresenterConsole | None = None
    console_pipeline: PicturePipeline | None = None
    extras: list[object] = field(default_factory=list)  # long-running helpers kept alive with the show

    def shutdown(self) -> None:
        for pipeline in (self.pipeline, self.thumbnails, self.console_pipeline):
            if pipeline is not None:
                pipeline.shutdown()
        if self.memory is not None:
            self.memory.last_slide = self.controller.index
            screen = self.window.screen()
            if screen is not None and len(QGuiApplication.screens()) > 1:
                self.memory.screen_name = screen.name()
            self.memory.sync()


def show_pipeline(
    options: ShowOptions,
    screen: QScreen,
    head_start: HeadStart | None = None,
    decode: Decoder = decode_picture,
) -> PicturePipeline:
    """The show's picture pipeline: its cache sized for ``screen``, taking over ``head_start``'s decode."""
    from slideshow.imaging.pipeline import PicturePipeline, cache_budget

    budget = options.cache_bytes or cache_budget(screen.size() * screen.devicePixelRatio())
    pipeline = PicturePipeline(cache_bytes=budget, decode=decode)
    if head_start is not None:
        pipeline.adopt(head_start)
    return pipeline


def start_first_picture(
    deck: Deck, options: ShowOptions, screen: QScreen, decode: Decoder = decode_picture
) -> HeadStart | None:
    """For a full-screen start, the first slide's picture starts decoding before the window exists.

    Full screen is the screen's geometry in device pixels, the key the window will ask for once shown;
    the decode (on its own thread, mostly without the interpreter lock) then overlaps importing the
    viewer and building and showing the window.
    """
    slide = deck.slides[options.start]
    if slide.image is None or not (options.fullscreen or options.kiosk):
        return None
    size, ratio = screen.geometry().size(), screen.devicePixelRatio()
    fit = deck.settings.fit
    return HeadStart(
        PictureKey.for_box(slide.image, size.width(), size.height(), ratio, fit, folder=deck.folder),
        decode=decode,
    )


def _resumed(deck: Deck, options: ShowOptions, memory: DeckMemory | None) -> ShowOptions:
    """``options`` starting where the last show of this deck ended, when asked to and remembered."""
    if not options.resume or memory is None:
        return options
    last = memory.last_slide
    start = options.start if last is None else min(last, len(deck.slides) - 1)
    return replace(options, start=start, resume=False)


def build_show(
    deck: Deck,
    options: ShowOptions,
    pipeline: PicturePipeline | None = None,
    *,
    console: bool = False,
    memory: DeckMemory | None = None,
) -> Show:
    """Wires pipelines, controller, windows, watcher and memory for ``deck`` (a QApplication must exist).

    ``memory`` is the deck's, if the caller already opened it; otherwise it is opened here.
    """
    from slideshow.imaging.allocator import return_large_buffers_to_os
    from slideshow.imaging.pipeline import PicturePipeline
    from slideshow.render.fonts import caption_family
    from slideshow.ui.controller import ShowController
    from slideshow.ui.memory import DeckMemory
    from slideshow.ui.watcher import DeckWatcher
    from slideshow.ui.window import SlideWindow

    caption_family()
    return_large_buffers_to_os()  # freed pictures leave the process: memory stays flat over a show
    pipeline = pipeline or show_pipeline(options, QGuiApplication.primaryScreen())
    if memory is None and options.remember:
        memory = DeckMemory(deck.path)
    options = _resumed(deck, options, memory)
    controller = ShowController(
        deck,
        autoplay=options.autoplay,
        loop=options.loop,
        interval=options.interval,
        start=options.start,
        kiosk=options.kiosk,
        target_minutes=options.target_minutes,
    )
    thumbnails = PicturePipeline(cache_bytes=THUMBNAIL_CACHE_BYTES, refine=False)
    window = SlideWindow(controller, pipeline, thumbnails=thumbnails, memory=memory)
    show = Show(controller, pipeline, window, thumbnails, DeckWatcher(deck), memory)
    if console:
        from slideshow.ui.presenter import PresenterConsole  # not on the way to a show without one

        show.console_pipeline = PicturePipeline(cache_bytes=THUMBNAIL_CACHE_BYTES, threads=1, refine=False)
        show.console = PresenterConsole(controller, show.console_pipeline, thumbnails, memory)

    def quit_show() -> None:
        for widget in (window, show.console):
            if widget is not None:
                widget.allow_close()
                widget.close()
        QApplication.quit()

    controller.quit_requested.connect(quit_show)
    controller.swap_requested.connect(lambda: _swap_screens(show))

    _follow_the_deck_file(show)
    window.deck_dropped.connect(lambda path: _open_dropped_deck(show, path))
    return show


THUMBNAIL_CACHE_BYTES = 96 * 1024 * 1024


def _follow_the_deck_file(show: Show) -> None:
    """Live reload: an edit shows at once on the same slide; a broken edit keeps the last good deck."""
    from slideshow.core.reload import matching_index

    def reloaded(result: LoadResult) -> None:
        controller = show.controller
        if result.deck is None:
            first = result.errors[0] if result.errors else None
            controller.set_banner(
                f"Not reloaded: {first}" if first else "Not reloaded: the deck cannot be read"
            )
            return
        controller.replace_deck(
            result.deck, start=matching_index(controller.deck, controller.index, result.deck)
        )
        controller.set_banner(None)

    def pictures_changed() -> None:
        show.window.sync()
        if show.console is not None:
            show.console.sync()

    show.watcher.reloaded.connect(reloaded)
    show.watcher.pictures_changed.connect(pictures_changed)


def _open_dropped_deck(show: Show, path: Path) -> None:
    from slideshow.deck import load_deck
    from slideshow.ui.watcher import DeckWatcher

    result = load_deck(path)
    if result.deck is None:
        first = result.errors[0] if result.errors else f"{path}: cannot be opened"
        show.controller.show_notice(f"Not opened: {first}")
        return
    if show.memory is not None:  # from now on sizes, places and the last slide are the dropped deck's
        from slideshow.ui.memory import DeckMemory

        show.memory.sync()
        show.memory = DeckMemory(result.deck.path)
        show.window.set_memory(show.memory)
        if show.console is not None:
            show.console.set_memory(show.memory)
    show.controller.replace_deck(result.deck)
    show.controller.set_banner(None)
    show.watcher.deleteLater()
    show.watcher = DeckWatcher(result.deck)
    _follow_the_deck_file(show)


def _swap_screens(show: Show) -> None:
    """S: the audience window and the console trade screens (PowerPoint's "Swap displays"), remembered
    for the deck, so the next show of it starts the right way round."""
    from slideshow.ui.screens import move_to_screen

    console = show.console
    audience_screen = show.window.screen()
    console_screen = console.screen() if console is not None else None
    if (
        console is None
        or audience_screen is None
        or console_screen is None
        or audience_screen is console_screen
    ):
        show.controller.show_notice("Nothing to swap: the console and the audience share one screen")
        return
    move_to_screen(show.window, console_screen)
    move_to_screen(console, audience_screen)
    console.activateWindow()
    console.setFocus()
    if show.memory is not None:
        show.memory.screen_name = console_screen.name()
        show.memory.sync()


def _screens_for(
    options: ShowOptions, console: bool, remembered: str | None = None
) -> tuple[QScreen | None, QScreen | None]:
    """The audience's screen and the console's: --screen if given, else the screen this deck was last
    shown on, else (with a console) the one not holding the desktop's primary, the projector."""
    screens = QGuiApplication.screens()
    primary = QGuiApplication.primaryScreen()
    audience: QScreen | None = next((s for s in screens if remembered and s.name() == remembered), None)
    if options.screen is not None:
        if 0 <= options.screen < len(screens):
            audience = screens[options.screen]
        else:
            print(
                f"slideshow: --screen {options.screen + 1}: there are {len(screens)} screens; using screen 1",
                file=sys.stderr,
            )
    if not console:
        return audience, None
    if audience is None:
        audience = next((s for s in screens if s is not primary), primary)
    others = [s for s in screens if s is not audience]
    return audience, (others[0] if others else None)


def name_the_application() -> None:
    """Names the app before its first window: Wayland compositors and taskbars match windows to the menu
    entry by the desktop file name, which is the application id (io.github.slideshow_viewer.Slideshow)."""
    QGuiApplication.setApplicationName("slideshow")
    QGuiApplication.setApplicationDisplayName("Slideshow")
    QGuiApplication.setDesktopFileName(APP_ID)


def run_show(deck: Deck, options: ShowOptions) -> int:
    """Shows ``deck`` until the user quits; returns the process exit code."""
    name_the_application()
    app = widget_application()
    several = len(QGuiApplication.screens()) > 1
    memory = None
    # Opened now only when the first decode depends on it (the slide to resume at, the screen to use);
    # otherwise build_show opens it while that decode runs.
    if options.remember and (options.resume or (several and options.screen is None)):
        from slideshow.ui.memory import DeckMemory

        memory = DeckMemory(deck.path)
        options = _resumed(deck, options, memory)
    console = not options.kiosk and (options.presenter if options.presenter is not None else several)
    remembered = memory.screen_name if several and memory is not None and options.screen is None else None
    audience_screen, console_screen = _screens_for(options, console, remembered)
    fullscreen = options.fullscreen or (console and console_screen is not None)
    screen = audience_screen or QGuiApplication.primaryScreen()
    head_start = start_first_picture(deck, replace(options, fullscreen=fullscreen), screen)
    if (icon := icon_file()) is not None:
        app.setWindowIcon(QIcon(str(icon)))
    pipeline = show_pipeline(options, screen, head_start)
    show = build_show(deck, options, pipeline, console=console, memory=memory)
    if options.quit_after_first_frame:
        # A zero-time timer started from the paint runs after the backing store is flushed to the screen;
        # the process ends right there, so its lifetime is the start-up (no waiting for a prefetch).
        show.window.picture_shown.connect(lambda _index: QTimer.singleShot(0, _exit_now))
    show.window.show_on(audience_screen, fullscreen=fullscreen)
    if show.console is not None:
        _show_console(show.console, console_screen)
    if not options.quit_after_first_frame:
        _keep_going(show, options)  # built while the window manager maps the window
    try:
        code = app.exec()
    finally:
        show.shutdown()
    return code


def _exit_now() -> None:
    """``--quit-after-first-frame``: end the process at once with exit code 0, printing nothing."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _keep_going(show: Show, options: ShowOptions) -> None:
    """What a show left running for weeks needs: the display kept awake while full screen, the show
    following its screen when displays come and go, and what the caller adds (a kiosk's parts)."""
    from slideshow.ui.awake import AwakeWhileFullScreen
    from slideshow.ui.screen_follower import ScreenFollower

    show.extras.append(AwakeWhileFullScreen(show.window, show.controller))
    show.extras.append(ScreenFollower(show.window))
    if options.attach is not None:
        options.attach(show, options)


def _show_console(console: PresenterConsole, screen: QScreen | None) -> None:
    """On its own screen the console fills it; sharing the audience's screen it is a normal window."""
    from slideshow.ui.screens import fill_screen

    if screen is None:
        console.resize(1100, 650)
        console.show()
    else:
        fill_screen(console, screen)
    console.activateWindow()
    console.setFocus()
