"""What every command shares: its exit codes, usage errors, one line for a person, Qt's chatter kept for
--debug, and the deck named on the command line, loaded with its problems told."""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import TextIO

from slideshow.deck import LoadResult, load_deck
from slideshow.deck.wording import printable
from slideshow.quiet import qt_messages_logged
from slideshow.resources import bundled_deck

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Wrong words on the command line: exit code 2."""


def tell(line: object, *, to: TextIO | None = None) -> None:
    """One line for a person (stderr unless ``to`` says otherwise). Paths and names from files may hold
    control characters, right-to-left overrides or bytes that are not UTF-8: they are printed escaped,
    so the line reads as it is and never garbles the terminal."""
    print(printable(str(line)), file=to if to is not None else sys.stderr)


def qt_quiet(args: argparse.Namespace) -> contextlib.AbstractContextManager[None]:
    """Qt's own warnings (image readers, the PNG writer) are for --debug, not the user."""
    return contextlib.nullcontext() if args.debug else qt_messages_logged()


def load_or_report(deck_arg: str | None) -> LoadResult:
    """The deck named on the command line (the demo deck when none is), its problems told on stderr."""
    path = deck_arg or bundled_deck()
    if path is None:
        raise UsageError("the demo deck is missing from this installation; name a deck: slideshow DECK")
    result = load_deck(path)
    for problem in result.problems:
        tell(problem)
    return result


def cannot_write(out: object, error: OSError) -> int:
    """An output that could not be written: one line naming it and why, and the exit code for it."""
    tell(f"slideshow: {out}: cannot write: {error.strerror or error}")
    return EXIT_BAD_INPUT
