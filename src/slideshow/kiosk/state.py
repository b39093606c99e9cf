"""The kiosk's files in the user's state folder: the saved slide of each deck and the rotating log.

Qt-free, so the supervisor (which never loads Qt) uses the same paths as the viewer.

- Linux and other Unix: ``$XDG_STATE_HOME/slideshow`` (default ``~/.local/state/slideshow``)
- Windows: ``%LOCALAPPDATA%\\slideshow``
- macOS: ``~/Library/Application Support/slideshow``

``SLIDESHOW_STATE_DIR`` overrides all three (tests, and machines with a read-only home).

A state folder that cannot be written (read-only, missing under a read-only parent, full) never stops the
show: the kiosk then runs without saving its slide, and the heartbeat goes to :func:`runtime_dir`.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import logging.handlers
import os
import sys
import tempfile
import time
from pathlib import Path

from slideshow.deck.opening import RefusedFile, open_regular
from slideshow.filekind import open_to_write
from slideshow.files import replace_with_bytes
from slideshow.leftovers import process_gone

LOG_NAME = "kiosk.log"
LOG_BYTES = 1_000_000
LOG_BACKUPS = 3


def state_dir() -> Path:
    override = os.environ.get("SLIDESHOW_STATE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "slideshow"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "slideshow"
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "slideshow"


def runtime_dir() -> Path:
    """Where the heartbeat goes when the state folder cannot be written: the session's runtime folder
    (``$XDG_RUNTIME_DIR``, a tmpfs on Linux) or else the system's temporary folder."""
    return Path(os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir())


def _deck_id(deck_file: Path) -> str:
    return hashlib.sha256(str(deck_file.resolve()).encode("utf-8")).hexdigest()[:16]


def position_file(deck_file: Path, folder: Path | None = None) -> Path:
    """Where the kiosk keeps the slide it shows for this deck."""
    return (folder or state_dir()) / f"position-{_deck_id(deck_file)}.json"


_HEARTBEAT_NAMES = ("heartbeat-", "slideshow-heartbeat-")  # in the state folder, in the runtime folder
HEARTBEAT_GONE_SECONDS = 60.0  # a heartbeat file this long untouched has no viewer beating into it


def heartbeat_files(folder: Path | None = None) -> tuple[Path, Path]:
    """Where the supervisor running in this process keeps its viewer's heartbeat (named by its pid): in
    the state folder, or else in the runtime folder."""
    pid = os.getpid()
    state, runtime = _HEARTBEAT_NAMES
    return (folder or state_dir()) / f"{state}{pid}", runtime_dir() / f"{runtime}{pid}"


def remove_dead_heartbeats(folder: Path | None = None) -> list[Path]:
    """Removes the heartbeat files of supervisors that were killed (``kill -9`` leaves them no chance):
    their process is gone from this machine and nothing has beaten into them for a minute (a state
    folder shared with another machine may hold a live one of the same number). Returns them."""
    removed = []
    for where, prefix in zip(((folder or state_dir()), runtime_dir()), _HEARTBEAT_NAMES, strict=True):
        for path in where.glob(f"{prefix}*"):
            number = path.name.removeprefix(prefix)
            with contextlib.suppress(OSError):
                if not number.isascii() or not number.isdigit() or not process_gone(int(number)):
                    continue
                if time.time() - path.lstat().st_mtime > HEARTBEAT_GONE_SECONDS:
                    path.unlink()
                    removed.append(path)
    return removed


def save_position(path: Path, deck_file: Path, index: int) -> None:
    """Readers see the old position or the new one, never half of one. Saved on every slide change, so
    without fsync: a power cut may lose the position, which :func:`load_position` takes in its stride."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"deck": str(deck_file), "index": index}) + "\n"
    replace_with_bytes(path, text.encode("utf-8"), durable=False)


def load_position(path: Path) -> int | None:
    """The saved 0-based slide, or None if there is none or it cannot be read (never raises, never
    waits: a pipe in its place is refused like any file that is not a regular one)."""
    try:
        with open_regular(path) as saved:
            value = json.loads(saved.read(64 * 1024).decode("utf-8")).get("index")
    except (OSError, ValueError, AttributeError, RefusedFile):
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


class _KioskLogFile(logging.handlers.RotatingFileHandler):
    """The rotating log, which a disk that fills up or turns read-only while the kiosk runs must not
    break: one line on stderr when writing starts failing (not a traceback per record), and one when it
    works again. The records go to stderr meanwhile anyway (the logger propagates)."""

    _failing = False  # the last record could not be written
    _erred = False  # the record being written could not be

    def _open(self) -> io.TextIOWrapper:
        """The log opened so that it cannot wait: a named pipe in its place fails at once."""
        fd = open_to_write(self.baseFilename, os.O_APPEND, 0o666)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)

    def emit(self, record: logging.LogRecord) -> None:
        self._erred = False
        super().emit(record)  # calls handleError instead of raising
        if self._failing and not self._erred:
            self._failing = False
            print(f"slideshow: kiosk log: {self.baseFilename}: written again", file=sys.stderr)

    def close(self) -> None:
        with contextlib.suppress(OSError):  # the last lines cannot reach a full disk; the file is closed
            super().close()

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        self._erred = True
        if not self._failing:
            error = sys.exc_info()[1]
            reason = (error.strerror if isinstance(error, OSError) else None) or error
            print(f"slideshow: kiosk log: {self.baseFilename}: {reason}", file=sys.stderr)
        self._failing = True


def kiosk_log(folder: Path | None = None) -> logging.Logger:
    """The supervisor's logger, writing to a rotating ``kiosk.log`` (1 MB x 4 files) and to stderr."""
    logger = logging.getLogger("slideshow.kiosk")
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in logger.handlers):
        target = (folder or state_dir()) / LOG_NAME
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handler: logging.Handler = _KioskLogFile(
                target, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
            )
        except OSError as error:  # a read-only state folder must not stop the show
            print(f"slideshow: kiosk log: {target}: {error.strerror or error}", file=sys.stderr)
        else:
            handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
            logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    return logger
