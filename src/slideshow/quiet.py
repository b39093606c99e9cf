"""Keeping the libraries' own chatter off the user's terminal: one line per problem, and nothing else.

Three kinds of stray output reach stderr while pictures are read and written, none of it for people:

- Pillow's Python warnings ("Truncated File Read", "Corrupt EXIF data"): routed to the logger
  ``py.warnings``, shown only with ``--debug``;
- Qt's messages ("qt.gui.imageio.jpeg: Corrupt JPEG data ...", "libpng error: Write Error"): routed
  to the logger ``slideshow.qt``, shown only with ``--debug``;
- what C libraries (libtiff, libjpeg, libpng, libheif) print straight to the process's stderr: the
  commands that read many pictures (``check``, ``export``, ``import``) point file descriptor 2 at the
  null device while they run, and the program's own messages go to the real stderr through a copy of it.

The problem itself is never lost: the decoder turns every failure into a reason that names the file.
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import os
import sys
from collections.abc import Iterator
from typing import Any

__all__ = ["library_output_hidden", "qt_messages_logged", "warnings_logged"]

qt_log = logging.getLogger("slideshow.qt")


def warnings_logged(debug: bool) -> None:
    """Python warnings become log records, shown only when debugging."""
    logging.captureWarnings(True)
    logging.getLogger("py.warnings").setLevel(logging.DEBUG if debug else logging.ERROR)


@contextlib.contextmanager
def library_output_hidden() -> Iterator[None]:
    """While the block runs, what C code writes to file descriptor 2 goes nowhere; ``sys.stderr`` (the
    program's own one-line messages, logging, a crash report) still reaches the real stderr."""
    try:
        own_stream = sys.stderr.fileno() == 2
        sys.stderr.flush()
        saved = os.dup(2)
    except (AttributeError, OSError, ValueError):  # no real stderr (a windowed app): nothing to hide
        yield
        return
    real_stderr = sys.stderr
    replacement = None
    if own_stream:  # else stderr is already captured elsewhere (a test), and stays so
        encoding = getattr(real_stderr, "encoding", None) or "utf-8"
        replacement = open(  # noqa: SIM115 (closed below, after fd 2 is back)
            os.dup(saved), "w", encoding=encoding, errors="backslashreplace", buffering=1
        )
        sys.stderr = replacement
        faulthandler.enable(replacement)  # a hard crash still says where
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 2)
    os.close(null)
    try:
        yield
    finally:
        if replacement is not None:
            replacement.flush()
        os.dup2(saved, 2)
        os.close(saved)
        if replacement is not None:
            sys.stderr = real_stderr
            faulthandler.disable()
            replacement.close()


@contextlib.contextmanager
def qt_messages_logged() -> Iterator[None]:
    """Qt's warnings go to the ``slideshow.qt`` logger at debug level while the block runs; the handler
    that was installed before (Qt's own, or a test harness's) comes back afterwards."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, context: Any, message: str) -> None:
        category = getattr(context, "category", None) or "qt"
        # Critical and fatal messages say why the show cannot go on (a fatal one aborts right after): the
        # user sees them; the rest is for --debug.
        serious = kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
        qt_log.log(logging.ERROR if serious else logging.DEBUG, "%s: %s (%s)", category, message, kind.name)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)
