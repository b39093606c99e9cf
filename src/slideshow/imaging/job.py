"""One decode: a file as it is on disk, fitted into a box of device pixels, run on any thread.

The pipeline's workers run jobs; so does :class:`HeadStart`, which decodes the first slide's picture on a
plain thread before the pipeline, the window and most of the viewer have even been imported. This module
is kept light (no QObject subclass, no pipeline) for that reason: every millisecond spent importing
before the first decode starts is a millisecond later on screen.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtGui import QImage

from slideshow.deck.model import Fit
from slideshow.imaging.fitting import Region
from slideshow.imaging.picture import decode_picture
from slideshow.imaging.problem import ImageProblem

log = logging.getLogger(__name__)

__all__ = ["Decoder", "HeadStart", "Job", "PictureKey", "Stamp", "file_stamp", "run_job"]


class Decoder(Protocol):
    """What turns a file into a picture: :func:`decode_picture`, or a test's stand-in that records
    or holds decodes (passed in, so nothing is patched)."""

    def __call__(
        self,
        path: Path,
        width: int,
        height: int,
        fit: Fit,
        background: tuple[int, int, int],
        *,
        inside: Path | None = None,
        crop: Region | None = None,
        sharp: bool = True,
    ) -> QImage: ...


@dataclass(frozen=True)
class PictureKey:
    """What the screen needs: this file, in a box of ``width`` x ``height`` device pixels, fitted so.

    ``folder`` is the deck's folder, which the file must still lie in when it is read (a picture can
    be swapped for a link while the show runs); None means the picture's own folder.
    """

    path: Path
    width: int
    height: int
    fit: Fit
    folder: Path | None = None
    region: tuple[float, float, float, float] | None = None  # a zoomed part of the photo (fractions)

    @classmethod
    def for_box(
        cls, path: Path, width: float, height: float, ratio: float, fit: Fit, *, folder: Path
    ) -> PictureKey:
        """The key for a box of ``width`` x ``height`` logical pixels on a screen of device pixel ratio
        ``ratio``: every window and the start-up decode round alike, so their keys meet."""
        return cls(path, max(1, round(width * ratio)), max(1, round(height * ratio)), fit, folder)

    def same_photo(self, other: PictureKey) -> bool:
        """Whether ``other`` is the same whole photo, fitted alike, at whatever size: a stand-in."""
        same = self.path == other.path and self.fit == other.fit and self.folder == other.folder
        return same and self.region is None and other.region is None


#: (st_dev, st_ino, st_size, st_mtime_ns, st_ctime_ns), or None when the file cannot be stat'ed.
#: ctime is included so a chmod that fixes "permission denied" also earns a retry.
Stamp = tuple[int, int, int, int, int] | None


def file_stamp(path: Path) -> Stamp:
    """The file's identity and version now: a changed file is a different job, decoded afresh."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


@dataclass(frozen=True)
class Job:
    """One decode, tied to the file as it was when requested (so a changed file is a new job)."""

    key: PictureKey
    stamp: Stamp


def run_job(
    job: Job, background: tuple[int, int, int], decode: Decoder = decode_picture, *, sharp: bool = False
) -> tuple[QImage | None, str | None]:
    """The picture (fast by default, sharp if asked), or None and the reason the slide shows instead.
    Never raises: whoever waits for a job must always hear back, or the slide waits forever."""
    key = job.key
    image: QImage | None = None
    reason: str | None = None
    started = time.perf_counter()
    try:
        image = decode(
            key.path,
            key.width,
            key.height,
            key.fit,
            background,
            inside=key.folder,
            crop=key.region,
            sharp=sharp,
        )
    except ImageProblem as problem:
        reason = str(problem)
    except Exception as exc:
        log.exception("unexpected failure decoding %s", key.path)
        reason = f"could not decode this image ({type(exc).__name__})"
    log.debug(
        "%s%s %s in %.0f ms",
        "decoded" if image else "failed",
        " (sharp)" if sharp else "",
        key.path.name,
        (time.perf_counter() - started) * 1000,
    )
    return image, reason


class HeadStart:
    """The first slide's picture, decoding from the moment the screen's size is known.

    Starting a show costs about 100 ms of importing PySide6 and the viewer and building the window, all
    holding the interpreter lock; the decode itself runs in Qt without it. A plain thread started here
    overlaps the two, and :meth:`PicturePipeline.adopt` later takes the result over as if a worker had
    decoded it. (The pipeline's own pool is not used: importing it and creating its Qt subclasses would
    cost the first decode another 20 ms.)
    """

    def __init__(
        self, key: PictureKey, background: tuple[int, int, int] = (0, 0, 0), decode: Decoder = decode_picture
    ) -> None:
        self.job = Job(key, file_stamp(key.path))
        self.background = background
        self._decode = decode
        self._lock = threading.Lock()
        self._outcome: tuple[QImage | None, str | None] | None = None
        self._deliver: Callable[[QImage | None, str | None], None] | None = None
        self._thread = threading.Thread(
            target=self._run, args=(background,), name="slideshow-head-start", daemon=True
        )
        self._thread.start()

    def _run(self, background: tuple[int, int, int]) -> None:
        outcome = run_job(self.job, background, self._decode)
        with self._lock:
            self._outcome, deliver = outcome, self._deliver
        if deliver is not None:
            deliver(*outcome)

    def when_done(self, deliver: Callable[[QImage | None, str | None], None]) -> None:
        """Calls ``deliver(picture, reason)`` once: right away if the decode is done, else from the
        decoding thread the moment it is (no thread waits in between)."""
        with self._lock:
            outcome = self._outcome
            if outcome is None:
                self._deliver = deliver
                return
        deliver(*outcome)

    def wait(self) -> None:
        """Until the decode has finished and its result has been delivered."""
        self._thread.join()
