"""The one way this program opens a file it did not write: a picture, a deck, a photo to import.

Two rules hold at the moment of reading, not only when the deck was loaded, because a file can be
swapped while a show runs:

- **Never block.** Only a regular file is read. Anything else (a named pipe, a socket, a device) is
  refused after a ``stat`` and before opening, and the open itself uses ``O_NONBLOCK`` so a file swapped
  for a pipe in between cannot hang the caller; the open descriptor is checked again with ``fstat``.
- **Stay inside the folder.** With ``inside=FOLDER`` the file that was actually opened (its path as
  the kernel names the open descriptor, not as the caller spelled it) must lie in that folder, so a
  picture swapped for a link to a file elsewhere is refused even if the swap happened after the check.

Every reader (the decoders, ``check``, ``export``, ``import``, photo metadata, the deck loader) reads
through the file object returned here. Pure Python: no Qt, no Pillow.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import BinaryIO

from slideshow.filekind import not_regular

__all__ = ["OUTSIDE_FOLDER", "RefusedFile", "open_regular"]

StrPath = str | os.PathLike[str]

OUTSIDE_FOLDER = "links to a place outside the deck folder"

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a pipe swapped in after the stat opens at once instead of waiting
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)  # Windows
)


class RefusedFile(Exception):
    """A file that is not read at all; ``str()`` is the short reason, e.g. "a named pipe, not a file"."""


def open_regular(path: StrPath, *, inside: StrPath | None = None) -> BinaryIO:
    """``path`` opened for binary reading, if it is a regular file (and within ``inside``, if given).

    Raises :class:`RefusedFile` for anything else, and OSError (FileNotFoundError, PermissionError, ...)
    when the file cannot be opened. The caller closes the returned file.
    """
    kind = not_regular(os.stat(path).st_mode)  # before opening: opening a device can have side effects
    if kind is not None:
        raise RefusedFile(kind)
    fd = os.open(path, _OPEN_FLAGS)
    try:
        kind = not_regular(os.fstat(fd).st_mode)  # the file actually opened, whatever the path names now
        if kind is not None:
            raise RefusedFile(kind)
        if inside is not None and not _opened_inside(fd, path, inside):
            raise RefusedFile(OUTSIDE_FOLDER)
        _make_blocking(fd)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _make_blocking(fd: int) -> None:
    """Ordinary reads from here on (O_NONBLOCK means nothing for a regular file, but say what we mean)."""
    if hasattr(os, "set_blocking"):
        with contextlib.suppress(OSError):
            os.set_blocking(fd, True)


def _opened_path(fd: int, path: StrPath) -> str | None:
    """The real path of the open descriptor, as the kernel knows it; None when it cannot be told."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            named = os.readlink(f"/proc/self/fd/{fd}")
            if os.path.isabs(named):
                return named.removesuffix(" (deleted)")
    if sys.platform == "darwin":
        import fcntl

        with contextlib.suppress(OSError, AttributeError, UnicodeDecodeError):
            raw = fcntl.fcntl(fd, fcntl.F_GETPATH, bytes(1024))  # type: ignore[attr-defined,unused-ignore]
            return os.fsdecode(raw.split(b"\0", 1)[0])
    # Elsewhere: the path's real location now, trusted only if it is the very file that is open.
    real = os.path.realpath(path)
    try:
        now, opened = os.stat(real), os.fstat(fd)
    except OSError:
        return None
    return real if (now.st_dev, now.st_ino) == (opened.st_dev, opened.st_ino) else None


def _opened_inside(fd: int, path: StrPath, folder: StrPath) -> bool:
    opened = _opened_path(fd, path)
    if opened is None:
        return False
    real_folder = os.path.realpath(folder)
    prefix = real_folder if real_folder.endswith(os.sep) else real_folder + os.sep
    if os.path.normcase(opened).startswith(os.path.normcase(prefix)):
        return True
    # The same folder spelled differently (letter case on macOS and Windows): compare by identity.
    try:
        wanted = os.stat(real_folder)
        for parent in Path(opened).parents:
            found = os.stat(parent)
            if (found.st_dev, found.st_ino) == (wanted.st_dev, wanted.st_ino):
                return True
    except OSError:
        return False
    return False
