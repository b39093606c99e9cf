"""A reader that stops reading (``slideshow check deck | head -1``) ends the command quietly.

Python ignores SIGPIPE, so a write to a pipe whose reader has gone raises BrokenPipeError, which the
command line would report as an internal error, and the interpreter would complain again when it
flushes the stream at exit. Command-line tools end silently instead, with status 141 (128 + SIGPIPE,
what a shell shows for a tool SIGPIPE killed): the reader has all it wanted, and there is nobody left to
tell anything. No Qt here.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable

#: The status a shell reports for a command ended by SIGPIPE (128 + 13), on every system.
EXIT_OUTPUT_CLOSED = 141


def quiet_when_output_closes(command: Callable[[], int]) -> int:
    """``command()``'s exit status, or :data:`EXIT_OUTPUT_CLOSED` without a word when stdout or stderr
    turns out to be a pipe nobody reads any more (now, or when the last buffered output is written)."""
    try:
        status = command()
        for stream in (sys.stdout, sys.stderr):  # buffered output meets the closed pipe here, not at exit
            if stream is not None:
                stream.flush()
        return status
    except BrokenPipeError:
        _output_to_nowhere()
        return EXIT_OUTPUT_CLOSED


def _output_to_nowhere() -> None:
    """Whatever is still buffered or written later (the interpreter's flush at exit, a log record) goes
    to the null device, so no "Exception ignored ... BrokenPipeError" follows the quiet exit."""
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
            with contextlib.suppress(AttributeError, OSError, ValueError):  # no stream, or no descriptor
                os.dup2(null, stream.fileno())  # type: ignore[union-attr]
    finally:
        os.close(null)
