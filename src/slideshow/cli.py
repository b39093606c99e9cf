"""The command line: argparse, subcommands and exit codes, and nothing else.

Qt is imported late, only by ``show`` and ``export``, so ``check`` starts fast and runs anywhere.
Exit codes: 0 ok, 1 bad deck or input, 2 usage. No traceback reaches the user for any input.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import slideshow
from slideshow.deck import Deck, LoadResult, Severity, load_deck
from slideshow.deck.fields import LONGEST_SLIDE_SECONDS, LONGEST_TALK_MINUTES
from slideshow.deck.wording import printable
from slideshow.environment import display_problem, import_error_advice, library_problem, prefer_utf8_locale
from slideshow.pipes import quiet_when_output_closes
from slideshow.quiet import library_output_hidden, qt_messages_logged, warnings_logged
from slideshow.resources import bundled_deck

if TYPE_CHECKING:
    from slideshow.ui.app import Show, ShowOptions

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2
COMMANDS = ("show", "check", "export", "import", "doctor")
log = logging.getLogger("slideshow")


class UsageError(Exception):
    """Wrong words on the command line: exit code 2."""


def main(argv: Sequence[str] | None = None) -> int:
    return quiet_when_output_closes(lambda: _main(argv))


def _main(argv: Sequence[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help", "--version")):
        args_list.insert(0, "show")
    parser = _parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exit_:  # argparse has printed its message
        return EXIT_OK if exit_.code == 0 else EXIT_USAGE
    prefer_utf8_locale()  # before Qt, which otherwise warns about the C locale
    # The picture-reading commands keep the C libraries' stderr chatter off the terminal (shown with --debug).
    quiet = args.run is not _run_show and not args.debug
    with library_output_hidden() if quiet else contextlib.nullcontext():
        handler = logging.StreamHandler()
        handler.setFormatter(_PrintableFormatter("slideshow: %(name)s: %(message)s"))
        logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING, handlers=[handler])
        warnings_logged(args.debug)
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    if not args.debug:
        sys.excepthook = _one_line_excepthook  # errors inside Qt callbacks, too
    try:
        return int(args.run(args))
    except UsageError as error:
        _tell(f"slideshow: {error}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # nobody reads our output any more: slideshow.pipes ends quietly
        raise
    except ImportError as error:  # Qt without one of its system libraries: name it and its package
        advice = import_error_advice(error)
        if advice is None or args.debug:
            raise
        _tell(f"slideshow: {advice}")
        return EXIT_BAD_INPUT
    except Exception as error:  # a bug of ours, never the user's input: one line unless --debug
        if args.debug:
            raise
        _tell(f"slideshow: internal error: {error!r}; run again with --debug for details")
        return EXIT_BAD_INPUT


def _tell(line: object, *, to: TextIO | None = None) -> None:
    """One line for a person (stderr unless ``to`` says otherwise). Paths and names from files may hold
    control characters, right-to-left overrides or bytes that are not UTF-8: they are printed escaped,
    so the line reads as it is and never garbles the terminal."""
    print(printable(str(line)), file=to if to is not None else sys.stderr)


class _PrintableFormatter(logging.Formatter):
    """Log lines escaped as :func:`_tell` does (a traceback under --debug keeps its line breaks)."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        return printable(super().formatMessage(record))


def _qt_quiet(args: argparse.Namespace) -> contextlib.AbstractContextManager[None]:
    """Qt's own warnings (image readers, the PNG writer) are for --debug, not the user."""
    return contextlib.nullcontext() if args.debug else qt_messages_logged()


def _one_line_excepthook(kind: type[BaseException], error: BaseException, _traceback: object) -> None:
    message = f"internal error: {kind.__name__}: {error}; run again with --debug for details"
    _tell(f"slideshow: {message}")


class _VersionAction(argparse.Action):
    """--version that reads the version only when asked (see slideshow.__getattr__)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        print(f"slideshow {slideshow.__version__}")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
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
    show.set_defaults(run=_run_show)

    check = commands.add_parser("check", parents=[common], help="check a deck and every picture in it")
    check.add_argument("deck", help="slides.json or a folder holding one")
    check.add_argument(
        "--size", type=_size, default=(1920, 1080), metavar="WxH", help="the screen, for hints (1920x1080)"
    )
    check.set_defaults(run=_run_check)

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
    export.set_defaults(run=_run_export)

    import_ = commands.add_parser("import", parents=[common], help="a deck from a folder of photos")
    import_.add_argument("folder", help="the folder that holds the photos")
    import_.add_argument(
        "-o", "--output", metavar="DECK", help="the deck to write (default FOLDER/slides.json)"
    )
    import_.add_argument("--force", action="store_true", help="replace DECK if it exists")
    import_.set_defaults(run=_run_import)

    doctor = commands.add_parser(
        "doctor", parents=[common], help="check this machine: display, libraries, fonts, screen saver"
    )
    doctor.set_defaults(run=_run_doctor)
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


# --- subcommands ---------------------------------------------------------------------------------------


def _load_or_report(deck_arg: str | None) -> LoadResult:
    path = deck_arg or bundled_deck()
    if path is None:
        raise UsageError("the demo deck is missing from this installation; name a deck: slideshow DECK")
    result = load_deck(path)
    for problem in result.problems:
        _tell(problem)
    return result


def _run_show(args: argparse.Namespace) -> int:
    if args.kiosk_message is not None:
        from slideshow.kiosk.message import show_message

        return show_message(args.kiosk_message)
    result = _load_or_report(args.deck)
    if result.deck is None and not args.kiosk:
        return EXIT_BAD_INPUT
    # Qt aborts without a display, or fails to import without its libraries: say so in one line first.
    cannot_start = display_problem() or library_problem(window=True)
    if cannot_start is not None:
        _tell(f"slideshow: {cannot_start}")
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
    with _qt_quiet(args):
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


def _slide_number(where: str) -> int:
    """-1 for deck-wide fields, else the slide's index: hints print in the order of the deck."""
    match = re.match(r"slides\[(\d+)\]", where)
    return int(match.group(1)) if match else -1


def _run_check(args: argparse.Namespace) -> int:
    result = _load_or_report(args.deck)
    deck = result.deck
    problems = list(result.problems)
    if deck is not None:
        from slideshow.hints import deck_hints
        from slideshow.imaging.verify import image_problems
        from slideshow.render.audit import text_problems
        from slideshow.render.offscreen import ensure_gui_application

        with _qt_quiet(args):
            ensure_gui_application()  # fonts and text layout: check warns of what the painter would do
            hints = [
                *deck_hints(deck, result.source, args.size),
                *text_problems(deck, result.source, args.size),
            ]
        hints.sort(key=lambda problem: _slide_number(problem.where))  # stable: a slide's hints stay in order
        for problem in [*image_problems(deck, result.source), *hints]:
            _tell(problem)
            problems.append(problem)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    warnings = len(problems) - len(errors)
    if errors or deck is None:
        _tell(f"{result.source}: {len(errors)} problem(s), {warnings} warning(s)")
        return EXIT_BAD_INPUT
    pictures = len({s.image for s in deck.slides if s.image is not None})
    note = f", {warnings} warning(s)" if warnings else ""
    _tell(f"{result.source}: ok: {len(deck.slides)} slides, {pictures} pictures{note}", to=sys.stdout)
    return EXIT_OK


def _run_export(args: argparse.Namespace) -> int:
    out = Path(args.output)
    to_folder = args.output.endswith(("/", os.sep)) or out.is_dir()
    kind = "folder" if to_folder else out.suffix.lower()
    if kind not in ("folder", ".png", ".pdf"):
        raise UsageError(f"{out}: the output must end in .png or .pdf, or be a folder (end it with /)")
    if kind != ".pdf" and (args.per_page is not None or args.notes):
        raise UsageError("--per-page and --notes apply to a .pdf handout")
    result = _load_or_report(args.deck)
    if result.deck is None:
        return EXIT_BAD_INPUT
    deck = result.deck
    if kind != ".png":
        return _export_many(deck, out, kind, args)
    if args.slide > len(deck.slides):
        raise UsageError(f"--slide {args.slide}: this deck has {len(deck.slides)} slides")
    from slideshow.export import export_png

    try:
        with _qt_quiet(args):
            export_png(deck, args.slide - 1, args.size, out)
    except OSError as error:
        _tell(f"slideshow: {out}: cannot write: {error.strerror or error}")
        return EXIT_BAD_INPUT
    return EXIT_OK


def _export_many(deck: Deck, out: Path, kind: str, args: argparse.Namespace) -> int:
    """The PDF handout or one PNG per slide, with a progress bar on a terminal and a one-line summary."""
    from slideshow.progress import ProgressBar

    bar = ProgressBar("export")
    try:
        with _qt_quiet(args):
            if kind == ".pdf":
                from slideshow.handout import export_handout

                pages = export_handout(deck, out, per_page=args.per_page or 1, notes=args.notes, progress=bar)
                summary = f"{out}: {pages} pages, {out.stat().st_size / 1e6:.1f} MB"
            else:
                from slideshow.export import export_folder

                written = export_folder(deck, out, args.size, progress=bar)
                summary = f"{out}: {len(written)} slides, {written[0].name} ... {written[-1].name}"
    except OSError as error:
        bar.close()
        _tell(f"slideshow: {out}: cannot write: {error.strerror or error}")
        return EXIT_BAD_INPUT
    bar.close()
    _tell(summary, to=sys.stdout)
    return EXIT_OK


def _run_import(args: argparse.Namespace) -> int:
    from slideshow.importer import ImportProblem, deck_path_for, import_folder
    from slideshow.progress import ProgressBar

    folder = Path(args.folder)
    deck_path = deck_path_for(folder, args.output)
    bar = ProgressBar("import")
    try:
        result = import_folder(folder, deck_path, force=args.force, progress=bar)
    except ImportProblem as problem:
        bar.close()
        _tell(f"slideshow: {problem}")
        return EXIT_BAD_INPUT
    except OSError as error:
        bar.close()
        _tell(f"slideshow: {deck_path}: cannot write: {error.strerror or error}")
        return EXIT_BAD_INPUT
    bar.close()
    for skipped in result.skipped:
        _tell(f"{skipped.path}: skipped: {skipped.reason}")
    _tell(f"wrote {deck_path}: {result.summary()}", to=sys.stdout)
    for line in result.missing():
        _tell(f"  {line}", to=sys.stdout)
    return EXIT_OK


def _run_doctor(_args: argparse.Namespace) -> int:
    from slideshow.doctor import run_doctor

    return run_doctor()
