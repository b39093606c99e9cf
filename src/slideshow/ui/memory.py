"""What the app remembers about each deck between shows, in the platform's settings store.

QSettings is the registry on Windows, a plist on macOS and an INI file under ~/.config on Linux, so a
presenter's choices (caption size, the screen used, the console's layout, where the show ended) come back
the next time the same deck is opened, on any OS.

The store is a file anyone can edit (or damage), so every value read back is checked: a number that is
not finite, out of its range or not a number at all, a slide index that is not a whole number, a screen
name that is not text all count as absent and the default applies. A store that cannot be saved (a
read-only or full disk) is logged, and the show goes on.

Qt reads the file as soon as a QSettings is made, and again before it saves; a named pipe (or a device)
in the place of the file or of its lock file would make it wait forever. So the file is looked at before
Qt is given it, and before every write: if it is not a regular file, the show runs on its defaults and
remembers this session's choices in memory only, with a warning.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import re
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from slideshow.filekind import special_file

log = logging.getLogger(__name__)

CAPTION_SCALE_RANGE = (0.7, 1.6)  # the audience window's caption size, + and - (core.caption_size)
NOTES_SCALE_RANGE = (0.5, 3.0)  # the console's notes size, + and -


_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")  # ASCII digits only: str.isdigit() also takes "²"


def within(value: float, limits: tuple[float, float]) -> float:
    """``value`` held inside ``limits``: sizes stepped by + and -, and sizes read back from the store."""
    low, high = limits
    return min(max(value, low), high)


def settings_file() -> Path:
    """The INI file of Qt's user-scope store for this app, spelled out so it can be looked at before Qt
    opens it: ``$XDG_CONFIG_HOME`` (else ``~/.config``) on Linux and macOS, ``%APPDATA%`` on Windows."""
    if sys.platform == "win32":
        base = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
    else:
        configured = os.environ.get("XDG_CONFIG_HOME", "")
        base = configured if os.path.isabs(configured) else str(Path.home() / ".config")
    return Path(base) / "slideshow" / "slideshow.ini"


def _not_a_store(file: str) -> str | None:
    """Why Qt must not be given ``file`` (it would wait forever), or None: it, or the lock file Qt takes
    beside it while saving, is a pipe, socket, device or folder."""
    for path in (file, file + ".lock"):
        if (kind := special_file(path)) is not None:
            return f"{path}: {kind}"
    return None


def app_settings() -> QSettings | None:
    """The store (only its own file: Qt's organisation-wide and system-wide fallback files, which nothing
    here writes, are not read), or None when it must not be opened (see :func:`_not_a_store`)."""
    file = str(settings_file())
    if (problem := _not_a_store(file)) is not None:
        log.warning("%s; the show uses its defaults and remembers nothing until it is removed", problem)
        return None
    return QSettings(file, QSettings.Format.IniFormat)


class DeckMemory:
    def __init__(self, deck_file: Path, settings: QSettings | None = None) -> None:
        self._settings = settings if settings is not None else app_settings()
        self._kept_here: dict[str, object] = {}  # what this session changed while the store is unusable
        self._refused = False  # the store turned out to be unusable: warned once
        resolved = str(deck_file.resolve())
        # The deck's path names the group; hashed, since paths contain characters INI keys cannot.
        self._group = "decks/" + hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:20]
        self._set("path", resolved)

    def _key(self, name: str) -> str:
        return f"{self._group}/{name}"

    def _usable(self) -> QSettings | None:
        """The store, if Qt can still be given it safely (its file may have been replaced since)."""
        if self._settings is None or self._refused:
            return None
        if (problem := _not_a_store(self._settings.fileName())) is not None:
            log.warning("%s; the show remembers its settings in memory only from now on", problem)
            self._refused = True  # the QSettings is kept: deleting it with unsaved changes would save
            return None
        return self._settings

    def _get(self, name: str) -> object:
        key = self._key(name)
        if key in self._kept_here:
            return self._kept_here[key]
        return None if self._settings is None or self._refused else self._settings.value(key)

    def _set(self, name: str, value: object) -> None:
        store = self._usable()
        if store is None:
            self._kept_here[self._key(name)] = value
        else:
            store.setValue(self._key(name), value)

    def _scale(self, name: str, limits: tuple[float, float]) -> float:
        """The stored size if it is a finite number within ``limits``, else the default 1.0."""
        value = self._get(name)
        try:
            scale = (
                float(value) if isinstance(value, str | int | float) and not isinstance(value, bool) else None
            )
        except ValueError:
            scale = None
        if scale is None or not math.isfinite(scale) or not limits[0] <= scale <= limits[1]:
            if value is not None:
                log.info(
                    "ignoring %s=%r in the settings store: not a size from %g to %g", name, value, *limits
                )
            return 1.0
        return scale

    @property
    def caption_scale(self) -> float:
        return self._scale("caption_scale", CAPTION_SCALE_RANGE)

    @caption_scale.setter
    def caption_scale(self, value: float) -> None:
        self._set("caption_scale", round(within(value, CAPTION_SCALE_RANGE), 2))

    @property
    def notes_scale(self) -> float:
        return self._scale("notes_scale", NOTES_SCALE_RANGE)

    @notes_scale.setter
    def notes_scale(self, value: float) -> None:
        self._set("notes_scale", round(within(value, NOTES_SCALE_RANGE), 2))

    @property
    def screen_name(self) -> str | None:
        value = self._get("screen")
        return value if isinstance(value, str) and value else None

    @screen_name.setter
    def screen_name(self, name: str | None) -> None:
        self._set("screen", name or "")

    @property
    def last_slide(self) -> int | None:
        """0-based index of the slide that was up when the last show of this deck ended."""
        value = self._get("last_slide")
        if isinstance(value, int) and not isinstance(value, bool):
            return value if value >= 0 else None
        return int(value) if isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value) else None

    @last_slide.setter
    def last_slide(self, index: int) -> None:
        self._set("last_slide", index)

    def console_geometry(self) -> QByteArray | None:
        value = self._get("console_geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_console_geometry(self, geometry: QByteArray) -> None:
        self._set("console_geometry", geometry)

    def sync(self) -> None:
        """Writes the store now; a store that cannot be written is logged, never raised."""
        if (store := self._usable()) is None:
            return
        store.sync()
        status = store.status()
        if status != QSettings.Status.NoError:
            log.warning("cannot save the remembered settings in %s (%s)", store.fileName(), status.name)
