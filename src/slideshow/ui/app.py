"""The composition root: builds the application and wires the small objects together, passing them in.

Nothing else creates the QApplication, the pipeline or the controller, so tests can build the same parts
by hand and nothing reaches for globals.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from slideshow.deck.model import Deck
from slideshow.imaging.pipeline import PicturePipeline
from slideshow.render.fonts import caption_family
from slideshow.ui.controller import ShowController
from slideshow.ui.window import SlideWindow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ShowOptions:
    fullscreen: bool = False
    kiosk: bool = False
    autoplay: bool = False
    loop: bool | None = None  # None: the deck's setting
    start: int = 0  # 0-based
    screen: int | None = None  # 0-based index into the attached screens


@dataclass
class Show:
    """The parts of a running show, returned so tests and benchmarks can drive them."""

    controller: ShowController
    pipeline: PicturePipeline
    window: SlideWindow


def build_show(deck: Deck, options: ShowOptions) -> Show:
    """Wires pipeline, controller and window for ``deck`` (a QApplication must exist)."""
    caption_family()
    pipeline = PicturePipeline()
    controller = ShowController(
        deck,
        autoplay=options.autoplay,
        loop=True if options.kiosk else options.loop,
        start=options.start,
        kiosk=options.kiosk,
    )
    window = SlideWindow(controller, pipeline, kiosk=options.kiosk)

    def quit_show() -> None:
        window.allow_close()
        window.close()
        QApplication.quit()

    controller.quit_requested.connect(quit_show)
    return Show(controller, pipeline, window)


def run_show(deck: Deck, options: ShowOptions) -> int:
    """Shows ``deck`` until the user quits; returns the process exit code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("slideshow")
    app.setApplicationDisplayName("Slideshow")
    screens = QGuiApplication.screens()
    screen = None
    if options.screen is not None:
        if 0 <= options.screen < len(screens):
            screen = screens[options.screen]
        else:
            print(
                f"slideshow: --screen {options.screen + 1}: there are {len(screens)} screens; using screen 1",
                file=sys.stderr,
            )
    show = build_show(deck, options)
    show.window.show_on(screen, fullscreen=options.fullscreen)
    try:
        return app.exec()
    finally:
        show.pipeline.shutdown()
