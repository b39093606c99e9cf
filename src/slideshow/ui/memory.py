"""What the app remembers about each deck between shows, in the platform's settings store.

QSettings is the registry on Windows, a plist on macOS and an INI file under ~/.config on Linux, so a
presenter's choices (caption size, the screen used, the console's layout, where the show ended) come back
the next time the same deck is opened, on any OS.

The store is a file anyone can edit (or damage), so every value read back is checked: a number that is
not finite, out of its range or not a number at all, a slide index that is not a whole number, a screen
name that is not text all count as absent and the default applies. A store that cannot be saved (a
read-only or full disk) is logged, and the show goes on.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

log = logging.getLogger(__name__)

CAPTION_SCALE_RANGE = (0.7, 1.6)  # the audience window's caption size, + and - (core.caption_size)
NOTES_SCALE_RANGE = (0.5, 3.0)  # the console's notes size, + and -


_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")  # ASCII digits only: str.isdigit() also takes "²"


def within(value: float, limits: tuple[float, float]) -> float:
    """``value`` held inside ``limits``: sizes stepped by + and -, and sizes read back from the store."""
    low, high = limits
    return min(max(value, low), high)


def app_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "slideshow", "slideshow")


class DeckMemory:
    def __init__(self, deck_file: Path, settings: QSettings | None = None) -> None:
        self._settings = settings if settings is not None else app_settings()
        resolved = str(deck_file.resolve())
        # The deck's path names the group; hashed, since paths contain characters INI keys cannot.
        self._group = "decks/" + hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:20]
        self._settings.setValue(self._key("path"), resolved)

    def _key(self, name: str) -> str:
        return f"{self._group}/{name}"

    def _get(self, name: str) -> object:
        return self._settings.value(self._key(name))

    def _set(self, name: str, value: object) -> None:
        self._settings.setValue(self._key(name), value)

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
        self._settings.sync()
        status = self._settings.status()
        if status != QSettings.Status.NoError:
            log.warning(
                "cannot save the remembered settings in %s (%s)", self._settings.fileName(), status.name
            )
