"""Temporary files and folders a killed writer left behind: named so nobody mistakes them, and removed.

Every temporary name this program makes beside a target is
``.<target's name>.<machine>-<pid>-<random>.slideshow-tmp``: hidden on Unix, and with an ending that no
picture viewer or file manager takes for a PNG or a PDF, so it is never mistaken for output. A writer
killed in the middle (``kill -9``, a power cut, a kiosk viewer replaced by its supervisor) cannot remove
its own; the next writer into the same folder removes every such name whose writer is gone: made on this
machine by a process that no longer runs, or older than a day (made on another machine sharing the
folder, or by a process whose pid has been reused since). Names of any other pattern are never touched.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sys
import time
from pathlib import Path

__all__ = ["MARK", "process_gone", "remove_leftovers", "temp_prefix"]

MARK = ".slideshow-tmp"
STALE_SECONDS = 24 * 3600  # a leftover whose writer cannot be asked about is surely dead after a day

_NAME = re.compile(r"\..*\.(?P<machine>[0-9a-f]{8})-(?P<pid>[0-9]{1,10})-[a-z0-9_]+" + re.escape(MARK))
_tidied: set[str] = set()  # folders already tidied by this process: once is enough


def _machine() -> str:
    """A short tag of this machine's name, so a pid is only ever judged on the machine it belongs to."""
    name = os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")
    return hashlib.sha256(name.encode("utf-8", "replace")).hexdigest()[:8]


def temp_prefix(target_name: str) -> str:
    """The start of a temporary name for ``target_name`` (mkstemp/mkdtemp add the random part and
    :data:`MARK` is the suffix); a name near the system's 255-byte limit is shortened here."""
    return f".{target_name[:100]}.{_machine()}-{os.getpid()}-"  # a long name still leaves room


def process_gone(pid: int) -> bool:
    """True only when no process ``pid`` runs on this machine (where that cannot be asked safely, as on
    Windows, where os.kill would end the process, the answer is False)."""
    if sys.platform == "win32" or pid <= 0:
        return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # EPERM: it runs, as another user
        return False
    return False


def _is_leftover(name: str, modified: float) -> bool:
    match = _NAME.fullmatch(name)
    if match is None:
        return False
    if match["machine"] == _machine() and process_gone(int(match["pid"])):
        return True
    return time.time() - modified > STALE_SECONDS


def remove_leftovers(folder: Path) -> list[str]:
    """Removes the temporary files and folders of dead writers from ``folder`` (once per folder in a
    process); returns their names. Never raises: tidying up must not stop the write that asked for it."""
    key = os.path.abspath(folder)
    if key in _tidied:
        return []
    _tidied.add(key)
    removed = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not entry.name.endswith(MARK):
                continue
            with contextlib.suppress(OSError):
                if not _is_leftover(entry.name, entry.stat(follow_symlinks=False).st_mtime):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    import shutil

                    shutil.rmtree(entry.path)
                else:
                    os.unlink(entry.path)
                removed.append(entry.name)
    return removed
