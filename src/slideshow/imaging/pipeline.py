"""Decode pictures off the GUI thread: current slide first, neighbours next, the latest request wins.

The GUI thread asks with :meth:`PicturePipeline.request` every time the slide (or the window size)
changes. Workers in a private QThreadPool take jobs from one shared, ordered queue, decode each with
:func:`~slideshow.imaging.picture.decode_picture` (as the exporter does) into a QImage that owns its
pixels, and hand it back through a queued signal. The GUI thread alone owns the cache, the failure
memory and the bookkeeping, so only the small job queue needs a lock; QPixmap is made by whoever paints.
While the current picture is missing it decodes alone; its neighbours start once it is on screen: the
first time the event loop is idle after it arrived (or after it came from the cache), so a waking worker
never competes with the paint that shows it.

Why a shared queue instead of one QRunnable per job: a new request simply replaces the queue, which
cancels every job not yet started and puts the current slide at the front, with no ``tryTake`` races.
A worker that finds the queue empty returns at once.

At start-up the first slide's picture is already decoding on a thread of its own (:class:`HeadStart`);
:meth:`PicturePipeline.adopt` takes that decode over as if it were a worker's.

Results for keys the latest request no longer wants are not emitted; they are kept in the cache only if
they fit without evicting anything (going back one slide is common, the decode is already paid for).

Every picture comes twice when that is worth it: first the fast one (Qt's scaled JPEG decode, as soft
as a box filter), then, when the fast one says it is rough, the sharp one (libjpeg at a larger scale,
then LANCZOS), which replaces it in the cache and on screen. A key press is never kept waiting for
sharpness, and what stays on screen is the sharp picture. Refining waits until the slide's picture has
been up for :data:`REFINE_AFTER_MS` (a briefer flicking through wastes no decode on it), then makes the
current slide sharp, then its neighbours, one at a time: a sharp decode can hold several times the
memory of a fast one, and the other worker stays free for the next fast picture.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QObject, QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QImage

from slideshow.imaging.cache import DEFAULT_BUDGET, ByteBudgetCache
from slideshow.imaging.header import header_size
from slideshow.imaging.job import Decoder, HeadStart, Job, PictureKey, Stamp, file_stamp
from slideshow.imaging.picture import decode_picture, is_rough, photo_size
from slideshow.imaging.workers import Courier, JobQueue, Task, work

log = logging.getLogger(__name__)

__all__ = ["PictureKey", "PicturePipeline", "cache_budget"]

#: How long a slide must stay up before its pictures are made sharp.
REFINE_AFTER_MS = 300

#: The cache holds about this many full-screen pictures: current +-1 (pinned) and one or two more.
CACHE_SCREENS = 4

#: ... but no more bytes than this: on a 4K screen (33 MB a picture) it keeps the current slide and the
#: neighbours it pins, not a fourth picture.
CACHE_CEILING = 80 * 2**20


def cache_budget(screen: QSize) -> int:
    """The default cache bound for a screen of ``screen`` device pixels: 33 MB at 1080p, 80 MB at 4K.

    Bounded in bytes by screens, not photos, because pictures are decoded at (at most) screen size.
    Four hold the current slide, both neighbours and the next-but-one autoplay prefetches, and keep
    the whole viewer near 140 MB at 1080p (benchmarks/memory.py). A 4K picture is four times larger, so
    there the ceiling keeps fewer: the pinned slides (current +-1, or the next two while autoplay runs)
    are kept over any budget, so the next press still finds its picture; a decode is cheap enough that
    more buys little.
    """
    return max(32 * 2**20, min(CACHE_SCREENS * 4 * screen.width() * screen.height(), CACHE_CEILING))


class PicturePipeline(QObject):
    """Decoded, screen-sized pictures for the slides on and around the screen.

    Everything except the workers runs on the GUI thread; call :meth:`shutdown` before quitting.
    """

    picture_ready = Signal(object, QImage)  # (PictureKey, QImage), only for keys still wanted
    # The current photo at another size (the start-up decode, before the caption was laid out): a window
    # may show it scaled until picture_ready brings the current key's own.
    stand_in_ready = Signal(object, QImage)
    picture_failed = Signal(object, str)  # (PictureKey, human reason)

    def __init__(
        self,
        *,
        cache_bytes: int = DEFAULT_BUDGET,
        threads: int = 2,
        background: tuple[int, int, int] = (0, 0, 0),
        decode: Decoder = decode_picture,
        refine: bool = True,
        refine_after_ms: int = REFINE_AFTER_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._decode = decode
        self._refine = refine  # False for thumbnails, where the fast picture is as good as it needs to be
        self._rough: set[Job] = set()  # cached fast pictures that a sharp one should replace
        self._refining: Job | None = None  # the one sharp decode queued or running
        self._settled = False  # the slide has stayed up for REFINE_AFTER_MS: refine what is wanted
        self._cache: ByteBudgetCache[Job, QImage] = ByteBudgetCache(cache_bytes)
        self._failures: dict[Job, str] = {}
        self._known_stamps: dict[Path, Stamp] = {}  # the last stamp seen of each file, while it exists
        self._photo_sizes: dict[Path, tuple[Stamp, tuple[int, int] | None]] = {}  # upright, per version
        self._background = background
        self._queue = JobQueue()
        self._in_flight: set[Job] = set()  # queued or running, result not yet delivered
        self._current_job: Job | None = None
        self._held: list[Task] = []  # waiting for the current picture to be painted (an idle moment)
        self._release_when_idle = False
        self._wanted: list[Job] = []  # current first, then the prefetches in order
        self._closed = False
        self._adopted: list[HeadStart] = []  # start-up decodes taken over (shutdown waits for them)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max(1, threads))
        self._courier = Courier(self)
        self._courier.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._dwell = QTimer(self)
        self._dwell.setSingleShot(True)
        self._dwell.setInterval(refine_after_ms)
        self._dwell.timeout.connect(self._settle)

    @property
    def cache(self) -> ByteBudgetCache[Job, QImage]:
        """The byte-bounded cache (read it; the pipeline fills and pins it)."""
        return self._cache

    def request(self, current: PictureKey | None, prefetch: Sequence[PictureKey] = ()) -> QImage | None:
        """The picture for ``current`` if a fresh copy is cached, else None with its decode queued first.

        The prefetch keys are queued after it, in order. Anything queued by earlier requests and not
        wanted now is cancelled. A key whose file failed to decode (and has not changed since) is not
        retried: ask :meth:`failure` for the reason.
        """
        keys = list(dict.fromkeys(k for k in (current, *prefetch) if k is not None))
        stamps = {path: file_stamp(path) for path in {k.path for k in keys}}
        jobs = [self._job(k, stamps[k.path]) for k in keys]
        self._known_stamps.update((path, stamp) for path, stamp in stamps.items() if stamp is not None)
        self._wanted = jobs
        self._cache.pin(jobs)

        with self._queue.lock:  # cancel whatever has not started yet
            cancelled, self._queue.jobs = self._queue.jobs, []
        self._in_flight.difference_update(job for job, _ in cancelled)
        if (self._refining, True) in cancelled:
            self._refining = None
        self._rough = {job for job in self._rough if job in self._cache}
        self._settled = False
        self._dwell.stop()  # restarted once the current picture is up: refining waits for it to stay

        result: QImage | None = None
        todo: list[Task] = []
        for job in jobs:
            cached = self._cache.get(job)
            if cached is not None:
                if job.key == current:
                    result = cached
            elif job not in self._failures and job not in self._in_flight:
                todo.append((job, False))
        # While the current picture is missing it decodes alone: on a two-core machine a prefetch beside
        # it would slow it down, and the GUI thread needs the other core to paint. Prefetches start as
        # soon as it has arrived (or failed).
        self._current_job = jobs[0] if current is not None else None
        self._release_when_idle = False
        if result is not None or self._current_job is None or self._current_job in self._failures:
            self._start_dwell()
        if self._current_job is not None and result is None:
            first = (self._current_job, False)
            self._held = [task for task in todo if task != first]
            todo = [task for task in todo if task == first]
        elif result is not None and todo:
            # The current picture comes from the cache and is about to be painted: its neighbours wait
            # until the key handler is done.
            self._held, todo = todo, []
            self._release_held_soon()
        else:
            self._held = []
        self._dispatch(todo)
        return result

    def adopt(self, head_start: HeadStart) -> None:
        """Takes over a decode begun before this pipeline existed (the first slide's, at start-up).

        Its job counts as in flight, so a request for the same key waits for it instead of decoding
        again; the result arrives like any worker's, through the courier, with no thread waiting for it.
        A head start for another background is ignored.
        """
        job = head_start.job
        if self._closed or head_start.background != self._background:
            return
        if job in self._in_flight or job in self._cache or job in self._failures:
            return
        if job.stamp is not None:
            self._known_stamps[job.key.path] = job.stamp
        self._in_flight.add(job)
        self._adopted.append(head_start)
        courier = self._courier

        def deliver(image: QImage | None, reason: str | None) -> None:
            with contextlib.suppress(RuntimeError):  # deleted without shutdown(): nobody listens
                courier.finished.emit(job, image, reason, False)  # queued: handled on the GUI thread

        head_start.when_done(deliver)

    def _release_held_soon(self) -> None:
        """Start the held prefetches from a zero timer: once the key handler and what it queued are done,
        just before the paint (Qt paints a widget from a low-priority event, after queued calls). The
        worker then decodes on the other core while this one paints. Started after the paint instead, the
        next picture came too late at a quick pace on a 4K screen (a 24 MP photo decodes in about 180 ms
        there), and the paint was no quicker for it."""
        if not self._release_when_idle:
            self._release_when_idle = True
            QTimer.singleShot(0, self, self._release_held_when_idle)

    def _release_held_when_idle(self) -> None:
        if self._release_when_idle:
            self._release_when_idle = False
            held, self._held = self._held, []
            self._dispatch(
                [task for task in held if task[0] not in self._in_flight and task[0] not in self._cache]
            )

    def _start_dwell(self) -> None:
        if self._refine and not self._closed:
            self._dwell.start()

    def _settle(self) -> None:
        """The slide has stayed up: its pictures, and then its neighbours', are made sharp."""
        self._settled = True
        self._refine_next()

    def _refine_next(self) -> None:
        """Start the sharp decode of the first wanted picture that is still rough, unless one is running."""
        if self._refining is not None or self._closed or not self._settled:
            return
        for job in self._wanted:
            if job in self._rough and job not in self._in_flight:
                self._refining = job
                self._dispatch([(job, True)])
                return

    def _job(self, key: PictureKey, stamp: Stamp) -> Job:
        """The job for ``key``; a file that has gone (removable media pulled) keeps showing its picture
        decoded before, and only a picture never decoded fails (a placeholder) until the file returns."""
        if stamp is None and key.path in self._known_stamps:
            kept = Job(key, self._known_stamps[key.path])
            if kept in self._cache:
                return kept
        return Job(key, stamp)

    def _dispatch(self, todo: list[Task]) -> None:
        """Queue ``todo`` in order and start a worker per task not already covered by a waiting one."""
        if not todo or self._closed:
            return
        self._in_flight.update(job for job, _ in todo)
        with self._queue.lock:
            self._queue.jobs.extend(todo)
            missing = len(self._queue.jobs) - self._queue.tickets
            self._queue.tickets += max(0, missing)
        for _ in range(missing):
            self._pool.start(
                functools.partial(work, self._queue, self._courier, self._background, self._decode)
            )

    def cached(self, key: PictureKey) -> QImage | None:
        """The cached picture for ``key`` if it matches the file on disk now, else None; a file that has
        gone keeps its last picture, as in :meth:`request`, so every view shows the same thing."""
        return self._cache.get(self._job(key, file_stamp(key.path)))

    def photo_size(
        self, path: Path, folder: Path | None = None, *, read: bool = True
    ) -> tuple[int, int] | None | Literal[False]:
        """The upright size of the photo in ``path`` as it is on disk now: from a picture decoded of it,
        else from its header (read once per version of the file), None when it cannot be read. A window
        lays the slide out with it to ask for the picture at the size it will be drawn. Without ``read``,
        False instead of reading a header (on a key press, a neighbour's waits until after the paint)."""
        stamp = file_stamp(path)
        known = self._photo_sizes.get(path)
        if known is not None and known[0] == stamp:
            return known[1]
        if not read:
            return False
        size = header_size(path, folder) if stamp is not None else None
        self._photo_sizes[path] = (stamp, size)
        return size

    def stand_in(self, key: PictureKey) -> QImage | None:
        """A cached picture of the same photo at another size, to show (scaled) while ``key`` decodes:
        after the caption's size changed, the neighbours decoded before are still good for a moment."""
        stamp = file_stamp(key.path)
        for job in reversed(self._cache.keys()):  # the most recently used first
            if job.key.same_photo(key) and job.stamp == stamp:
                return self._cache.get(job)
        return None

    def failure(self, key: PictureKey) -> str | None:
        """Why ``key`` could not be decoded, while the file is unchanged; None if it has not failed (or
        has gone but still has its last picture)."""
        return self._failures.get(self._job(key, file_stamp(key.path)))

    def is_idle(self) -> bool:
        """True when no decode is queued, held back for the current picture, running or undelivered."""
        refining = self._refine and any(job in self._rough for job in self._wanted)
        return not self._in_flight and not self._held and not refining and self._pool.activeThreadCount() == 0

    def shutdown(self) -> None:
        """Cancel queued work and wait for running decodes to finish; later results are ignored."""
        self._closed = True
        self._dwell.stop()
        self._held = []
        with self._queue.lock:
            self._queue.jobs = []
        self._pool.waitForDone()
        for head_start in self._adopted:
            head_start.wait()
        self._adopted.clear()
        self._in_flight.clear()
        self._wanted.clear()

    def _on_finished(self, job: Job, image: QImage | None, reason: str | None, sharp: bool) -> None:
        if self._closed:
            return
        self._in_flight.discard(job)
        wanted = job in self._wanted
        if sharp:
            self._on_sharp(job, image, reason, wanted)
            return
        if job == self._current_job:
            self._start_dwell()  # the slide's picture (or its placeholder) is up from now
            if self._held:
                self._release_held_soon()  # the neighbours, now that it is here
        if reason is not None or image is None:
            self._failures[job] = reason or "could not decode this image"
            if wanted:
                self.picture_failed.emit(job.key, self._failures[job])
            return
        size = photo_size(image)  # what the decoder found: the header may not have told the turn
        if size is not None and self._photo_sizes.get(job.key.path) != (job.stamp, size):
            self._photo_sizes[job.key.path] = (job.stamp, size)
        nbytes = image.sizeInBytes()
        if wanted or self._cache.fits(nbytes):
            self._cache.put(job, image, nbytes)
        if wanted:
            self.picture_ready.emit(job.key, image)
        elif self._stands_in(job):
            self.stand_in_ready.emit(job.key, image)
        if self._refine and is_rough(image) and job in self._cache:
            self._rough.add(job)
            self._refine_next()  # at once if the slide has already stayed up long enough

    def _stands_in(self, job: Job) -> bool:
        """Whether ``job`` is the current photo at another size (the start-up decode, made before the
        caption was laid out): shown scaled until the current key's own picture arrives."""
        current = self._current_job
        return current is not None and job.key.same_photo(current.key) and job.stamp == current.stamp

    def _on_sharp(self, job: Job, image: QImage | None, reason: str | None, wanted: bool) -> None:
        """The sharp picture replaces the fast one; if it could not be made, the fast one stays."""
        if job == self._refining:
            self._refining = None
        if job in self._rough:  # else the fast picture has left the cache meanwhile
            self._rough.discard(job)
            if image is None or is_rough(image):  # no sharper picture within a decode's memory
                log.debug(
                    "keeping the fast picture of %s: %s", job.key.path.name, reason or "as sharp as it gets"
                )
            else:
                self._cache.put(job, image, image.sizeInBytes())
                if wanted:
                    self.picture_ready.emit(job.key, image)
        self._refine_next()
