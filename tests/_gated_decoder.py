"""A decoder for tests that can hold a decode half-way: the pipeline's timing made deterministic, with
no sleeping. Pass it as the pipeline's ``decode``."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtGui import QImage

from slideshow.imaging.picture import decode_picture


class GatedDecoder:
    """Wraps decode_picture: records every decode, and holds the files named in ``hold`` (every file with
    ``hold_all``) inside their decode until ``release`` is set.

    ``calls`` names the files in the order their decodes began, ``sizes`` adds the size each was asked
    for, ``sharp`` names those decoded for their sharp picture, ``held`` those held so far. ``events``
    orders the decodes begun (``"decode a.png"``) with whatever a test notes from the GUI thread, so it
    can assert what began before what instead of waiting for something not to happen.
    """

    def __init__(self, *, hold_all: bool = False) -> None:
        self.calls: list[str] = []
        self.sizes: list[tuple[str, int, int]] = []
        self.events: list[str] = []
        self.sharp: list[str] = []  # the files decoded for their sharp picture
        self.hold: set[str] = set()
        self.hold_all = hold_all
        self.held: list[str] = []
        self.release = threading.Event()
        self._lock = threading.Lock()

    def __call__(
        self, path: Path, width: int, height: int, *fit_and_background: object, **where: object
    ) -> QImage:
        with self._lock:
            self.calls.append(path.name)
            self.sizes.append((path.name, width, height))
            self.events.append(f"decode {path.name}")
            if where.get("sharp"):
                self.sharp.append(path.name)
        if self.hold_all or path.name in self.hold:
            with self._lock:
                self.held.append(path.name)
            assert self.release.wait(10), "test forgot to release the gate"
        return decode_picture(path, width, height, *fit_and_background, **where)  # type: ignore[arg-type]

    def note(self, event: str) -> None:
        with self._lock:
            self.events.append(event)
