"""The command line: argparse, subcommands and exit codes, and nothing else.

Qt is imported late, only by ``show`` and the commands that paint, so ``check`` starts fast and runs
anywhere. Exit codes: 0 ok, 1 bad deck or input, 2 usage. No traceback reaches the user for any input.

Here: reading the words and turning every failure into one line and an exit code. The words themselves
are in ``arguments``, ``show`` runs the show (and the kiosk's supervisor), ``deck_commands`` the commands
that read or write a deck, and ``reporting`` what they all share.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Callable, Sequence

from slideshow.cli.arguments import build_parser
from slideshow.cli.deck_commands import (
    run_check_command,
    run_doctor_command,
    run_export_command,
    run_import_command,
)
from slideshow.cli.reporting import EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, UsageError, tell
from slideshow.cli.show import run_show_command
from slideshow.deck.wording import printable
from slideshow.environment import import_error_advice, prefer_utf8_locale
from slideshow.pipes import quiet_when_output_closes
from slideshow.quiet import library_output_hidden, warnings_logged

__all__ = ["main"]

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "show": run_show_command,
    "check": run_check_command,
    "export": run_export_command,
    "import": run_import_command,
    "doctor": run_doctor_command,
}


def main(argv: Sequence[str] | None = None) -> int:
    return quiet_when_output_closes(lambda: _main(argv))


def _main(argv: Sequence[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help", "--version")):
        args_list.insert(0, "show")
    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exit_:  # argparse has printed its message
        return EXIT_OK if exit_.code == 0 else EXIT_USAGE
    prefer_utf8_locale()  # before Qt, which otherwise warns about the C locale
    # The picture-reading commands keep the C libraries' stderr chatter off the terminal (shown with --debug).
    quiet = args.command != "show" and not args.debug
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
        return int(COMMANDS[args.command](args))
    except UsageError as error:
        tell(f"slideshow: {error}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # nobody reads our output any more: slideshow.pipes ends quietly
        raise
    except ImportError as error:  # Qt without one of its system libraries: name it and its package
        advice = import_error_advice(error)
        if advice is None or args.debug:
            raise
        tell(f"slideshow: {advice}")
        return EXIT_BAD_INPUT
    except Exception as error:  # a bug of ours, never the user's input: one line unless --debug
        if args.debug:
            raise
        tell(f"slideshow: internal error: {error!r}; run again with --debug for details")
        return EXIT_BAD_INPUT


class _PrintableFormatter(logging.Formatter):
    """Log lines escaped as :func:`~slideshow.cli.reporting.tell` does (a traceback under --debug keeps
    its line breaks)."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        return printable(super().formatMessage(record))


def _one_line_excepthook(kind: type[BaseException], error: BaseException, _traceback: object) -> None:
    message = f"internal error: {kind.__name__}: {error}; run again with --debug for details"
    tell(f"slideshow: {message}")
