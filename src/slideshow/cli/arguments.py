"""The command line's words: every command and option, and the types that check its numbers and sizes.

What each command does is elsewhere (``slideshow.cli.show``, ``slideshow.cli.deck_commands``); the
parser only names them, in ``args.command``.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Sequence

import slideshow
from slideshow.deck.fields import LONGEST_SLIDE_SECONDS, LONGEST_TALK_MINUTES


class _VersionAction(argparse.Action):
    """--version that reads the version only when asked (see slideshow.__getattr__)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        print(f"slideshow {slideshow.__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """Every command and option, with its help: the one place the command line's words are written."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", help="log what happens, for bug reports")
    parser = argparse.ArgumentParser(
        prog="slideshow",
        description="Present a story in pictures: full screen, arrow keys or a clicker, autoplay, kiosk.",
        epilog="Without a command, 'slideshow [DECK] ...' is 'slideshow show [DECK] ...'.",
    )
    parser.add_argument("--version", action=_VersionAction, help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    show = commands.add_parser("show", parents=[common], help="show a deck (the default)")
    show.add_argument("deck", nargs="?", help="slides.json or a folder holding one (default: the demo deck)")
    window_mode = show.add_mutually_exclusive_group()
    window_mode.add_argument("--fullscreen", action="store_true", help="start full screen")
    # The installed (frozen) app is double-clicked to present, so it starts full screen unless told not to.
    window_mode.add_argument(
        "--windowed", action="store_true", help="start in a window (the installed app starts full screen)"
    )
    show.add_argument(
        "--kiosk",
        action="store_true",
        help="unattended: full screen, autoplay, loop, only Ctrl+Shift+Q quits",
    )
    console = show.add_mutually_exclusive_group()
    console.add_argument(
        "--presenter",
        dest="presenter",
        action="store_true",
        default=None,
        help="presenter console (notes, next slide, timer) on the other screen, or in a window",
    )
    console.add_argument(
        "--no-presenter",
        dest="presenter",
        action="store_false",
        help="no console even when two screens are attached",
    )
    show.add_argument(
        "--autoplay",
        nargs="?",
        const=-1.0,
        type=_seconds,
        metavar="SECONDS",
        help="advance by itself, every SECONDS (default: the deck's interval)",
    )
    loop = show.add_mutually_exclusive_group()
    loop.add_argument(
        "--loop", dest="loop", action="store_true", default=None, help="start again after the end"
    )
    loop.add_argument("--no-loop", dest="loop", action="store_false", help="stop at the last slide")
    start = show.add_mutually_exclusive_group()
    start.add_argument("--start", type=_positive_int, metavar="N", help="begin at slide N (1-based)")
    start.add_argument("--resume", action="store_true", help="begin where the last show of this deck ended")
    show.add_argument("--screen", type=_positive_int, metavar="N", help="show on screen N (1-based)")
    show.add_argument(
        "--target",
        type=_minutes,
        metavar="MINUTES",
        help="the talk's target length: the presenter console counts down to it",
    )
    # For start-up measurements (benchmarks/startup.py, the packaged app): exit 0 as soon as the first
    # slide is painted with its picture, printing nothing; the time the process takes is the start-up.
    show.add_argument("--quit-after-first-frame", action="store_true", help=argparse.SUPPRESS)
    # Kiosk internals: the supervisor runs the viewer with its heartbeat file, and the crash-loop message.
    show.add_argument("--kiosk-child", metavar="HEARTBEAT", help=argparse.SUPPRESS)
    show.add_argument("--kiosk-message", metavar="TEXT", help=argparse.SUPPRESS)

    check = commands.add_parser("check", parents=[common], help="check a deck and every picture in it")
    check.add_argument("deck", help="slides.json or a folder holding one")
    check.add_argument(
        "--size", type=_size, default=(1920, 1080), metavar="WxH", help="the screen, for hints (1920x1080)"
    )

    export = commands.add_parser(
        "export", parents=[common], help="a slide as PNG, a PDF handout, or every slide"
    )
    export.add_argument("deck", help="slides.json or a folder holding one")
    export.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="a .png file, a .pdf handout, or a folder/"
    )
    export.add_argument(
        "--per-page", type=int, choices=(1, 2, 4), help="handout: slides per page (default 1)"
    )
    export.add_argument("--notes", action="store_true", help="handout: print the presenter notes too")
    export.add_argument(
        "--slide", type=_positive_int, default=1, metavar="N", help="slide number (default 1)"
    )
    export.add_argument("--size", type=_size, default=(1920, 1080), metavar="WxH", help="default 1920x1080")

    import_ = commands.add_parser("import", parents=[common], help="a deck from a folder of photos")
    import_.add_argument("folder", help="the folder that holds the photos")
    import_.add_argument(
        "-o", "--output", metavar="DECK", help="the deck to write (default FOLDER/slides.json)"
    )
    import_.add_argument("--force", action="store_true", help="replace DECK if it exists")

    commands.add_parser(
        "doctor", parents=[common], help="check this machine: display, libraries, fonts, screen saver"
    )
    return parser


# --- argument types ------------------------------------------------------------------------------------


def _positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 up, got {text!r}")
    return int(text)


def _up_to(most: float, unit: str) -> Callable[[str], float]:
    """An argparse type: a number of ``unit`` greater than 0 and at most ``most``, as the deck allows."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = -1.0
        if not 0 < value <= most:  # NaN fails this too
            raise argparse.ArgumentTypeError(
                f"expected {unit} greater than 0 (at most {most:g}), got {text!r}"
            )
        return value

    parse.__name__ = unit  # argparse names the type in some messages
    return parse


_seconds = _up_to(LONGEST_SLIDE_SECONDS, "seconds")
_minutes = _up_to(LONGEST_TALK_MINUTES, "minutes")


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{1,5})[xX](\d{1,5})", text.strip())
    if not match or not all(16 <= int(n) <= 16384 for n in match.groups()):
        raise argparse.ArgumentTypeError(
            f"expected WIDTHxHEIGHT between 16 and 16384, e.g. 1920x1080, got {text!r}"
        )
    return int(match.group(1)), int(match.group(2))
