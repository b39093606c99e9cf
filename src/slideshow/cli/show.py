"""``slideshow show``: the options turned into a running show, and for --kiosk the supervisor that
restarts it. Qt and the kiosk's parts are imported only once the deck has been read."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from slideshow.cli.reporting import EXIT_BAD_INPUT, UsageError, load_or_report, qt_quiet, tell
from slideshow.deck import LoadResult
from slideshow.environment import display_problem, library_problem

if TYPE_CHECKING:
    from slideshow.ui.app import Show, ShowOptions

log = logging.getLogger("slideshow")


def run_show_command(args: argparse.Namespace) -> int:
    """``slideshow show``: the show in this process, or under --kiosk the supervisor that runs it."""
    if args.kiosk_message is not None:
        from slideshow.kiosk.message import show_message

        return show_message(args.kiosk_message)
    result = load_or_report(args.deck)
    if result.deck is None and not args.kiosk:
        return EXIT_BAD_INPUT
    # Qt aborts without a display, or fails to import without its libraries: say so in one line first.
    cannot_start = display_problem() or library_problem(window=True)
    if cannot_start is not None:
        tell(f"slideshow: {cannot_start}")
        return EXIT_BAD_INPUT
    if args.kiosk and args.kiosk_child is None:
        return _run_kiosk_supervisor(args, result)  # it waits for a deck that cannot be read yet
    if result.deck is None:
        from slideshow.kiosk.exit_codes import DECK_UNREADABLE

        return DECK_UNREADABLE  # a kiosk viewer: not a crash, the supervisor waits for the deck
    deck = result.deck
    if args.start is not None and args.start > len(deck.slides):
        if not args.kiosk_child:
            raise UsageError(f"--start {args.start}: this deck has {len(deck.slides)} slides")
        # The saved slide of a deck since replaced by a shorter one: the show goes on at its last slide.
        log.warning("slide %d was saved, but the deck has %d slides now", args.start, len(deck.slides))
        args.start = len(deck.slides)
    from slideshow.ui.app import ShowOptions, run_show

    options = ShowOptions(
        fullscreen=args.fullscreen or (bool(getattr(sys, "frozen", False)) and not args.windowed),
        kiosk=args.kiosk,
        autoplay=args.autoplay is not None,
        loop=args.loop,
        interval=args.autoplay if args.autoplay is not None and args.autoplay > 0 else None,
        start=(args.start or 1) - 1,
        screen=None if args.screen is None else args.screen - 1,
        quit_after_first_frame=args.quit_after_first_frame,
        presenter=args.presenter,
        resume=args.resume,
        target_minutes=args.target,
        heartbeat=Path(args.kiosk_child) if args.kiosk_child else None,
        position_file=_kiosk_position(deck.path) if args.kiosk_child else None,
        attach=_attach_kiosk_parts if args.kiosk else None,
    )
    with qt_quiet(args):
        code = run_show(deck, options)
    if args.kiosk_child:
        from slideshow.kiosk.exit_codes import USER_QUIT

        return USER_QUIT if code == 0 else code  # a kiosk viewer ends cleanly only on Ctrl+Shift+Q
    return code


def _attach_kiosk_parts(show: Show, options: ShowOptions) -> None:
    """Imported only when the show is built: the kiosk's parts pull in the controller, and the first
    picture starts decoding before that."""
    from slideshow.kiosk.viewer import attach_kiosk_parts

    attach_kiosk_parts(show, options)


def _kiosk_position(deck_file: Path) -> Path:
    from slideshow.kiosk.state import position_file

    return position_file(deck_file)


def _run_kiosk_supervisor(args: argparse.Namespace, result: LoadResult) -> int:
    """--kiosk: the viewer runs as a child of a small supervisor that restarts it (no Qt in this process).

    A deck that cannot be read yet (a USB stick that mounts after the session starts) is waited for with
    a message on screen, as when the viewer restarts; its problems are on stderr already."""
    from slideshow.kiosk.state import load_position
    from slideshow.kiosk.supervisor import supervise

    deck = result.deck
    if deck is not None and args.start is not None and args.start > len(deck.slides):
        raise UsageError(f"--start {args.start}: this deck has {len(deck.slides)} slides")
    deck_file = deck.path if deck is not None else Path(os.path.abspath(result.source))
    viewer_args = ["--kiosk"]
    if args.autoplay is not None:
        viewer_args += ["--autoplay"] if args.autoplay <= 0 else ["--autoplay", repr(args.autoplay)]
    if args.screen is not None:
        viewer_args += ["--screen", str(args.screen)]
    if args.debug:
        viewer_args.append("--debug")
    position = _kiosk_position(deck_file)
    first = args.start - 1 if args.start else (load_position(position) if args.resume else None)
    return supervise(deck_file, viewer_args, first_start=first, position=position)
