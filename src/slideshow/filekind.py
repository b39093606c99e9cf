"""What a file is, before it is opened: a regular file, or something that must never be opened as one.

Opening a named pipe waits for the other end forever, and opening a device can have side effects, so
every file this program reads or writes (pictures, the deck, the settings store, the kiosk's heartbeat,
state and log) is looked at first and opened so that it cannot wait. Kept tiny and free of imports:
the picture readers on the start-up path use it.
"""

from __future__ import annotations

import errno
import os
import stat


def not_regular(mode: int) -> str | None:
    """What a file that is not a regular one is, in words (from ``st_mode``); None for a regular file.

    Such a file is never opened as if it were one: opening a named pipe waits for a writer (or reader)
    forever, and opening a device can have side effects."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "a named pipe, not a regular file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a regular file"
    return "not a regular file"


def special_file(path: str | os.PathLike[str]) -> str | None:
    """Why ``path`` must not be opened (see :func:`not_regular`); None when it is a regular file, or
    there is nothing there (yet), or it cannot be looked at (opening it will say why)."""
    try:
        return not_regular(os.stat(path).st_mode)
    except (OSError, ValueError):
        return None


class NotRegularFile(OSError):
    """A file this program writes (a heartbeat, a log) turned out to be a pipe, socket or device."""

    def __init__(self, path: str | os.PathLike[str], kind: str) -> None:
        super().__init__(errno.EINVAL, kind, os.fspath(path))


def open_to_write(path: str | os.PathLike[str], flags: int = 0, mode: int = 0o600) -> int:
    """A descriptor for writing ``path`` (created with ``mode`` less the umask if missing), opened so that
    it can never wait: a named pipe, socket or device in its place raises :class:`NotRegularFile`, and
    one swapped in after that look fails the open at once (ENXIO) or is caught by a second look at what
    was opened. ``flags`` add to ``O_WRONLY | O_CREAT`` (``O_APPEND``, ``O_TRUNC``)."""
    kind = special_file(path)
    if kind is not None:
        raise NotRegularFile(path, kind)
    fd = os.open(
        path,
        os.O_WRONLY | os.O_CREAT | flags | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0),
        mode,
    )
    try:
        kind = not_regular(os.fstat(fd).st_mode)
        if kind is not None:
            raise NotRegularFile(path, kind)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return fd
    except BaseException:
        os.close(fd)
        raise
