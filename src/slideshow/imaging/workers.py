"""The pipeline's workers: one shared queue of decode tasks, and the courier that carries each result to
the GUI thread.

Why a shared queue instead of one QRunnable per job: a new request simply replaces the queue, which
cancels every task not yet started, with no ``tryTake`` races; a worker that finds it empty returns.
"""

from __future__ import annotations

import contextlib
import threading

from PySide6.QtCore import QObject, Signal

from slideshow.imaging.job import Decoder, Job, run_job

__all__ = ["Courier", "JobQueue", "Task", "work"]

#: A job and whether it asks for the sharp picture (a refinement) rather than the fast one.
Task = tuple[Job, bool]


class JobQueue:
    """Tasks waiting for a worker, shared by the GUI thread (writes) and the workers (take)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.jobs: list[Task] = []
        self.tickets = 0  # workers started but not yet running; each takes at most one task

    def take(self) -> Task | None:
        with self.lock:
            self.tickets -= 1
            return self.jobs.pop(0) if self.jobs else None


class Courier(QObject):
    """Carries a worker's result to the GUI thread (emitted in the worker, delivered queued)."""

    finished = Signal(object, object, object, bool)  # Job, QImage | None, reason | None, sharp


def work(queue: JobQueue, courier: Courier, background: tuple[int, int, int], decode: Decoder) -> None:
    """What a pool thread runs: the first waiting job, its result sent to the GUI thread.

    Started as a plain callable, not as a QRunnable subclass: PySide6 keeps the Python wrapper of many
    started subclasses for good (6.11), a slow leak in a kiosk that changes slides for weeks
    (``benchmarks/soak.py``, ``tests/test_pipeline_leaks.py``).
    """
    task = queue.take()
    if task is None:
        return  # its job was cancelled by a newer request
    job, sharp = task
    image, reason = run_job(job, background, decode, sharp=sharp)
    # RuntimeError: the pipeline was deleted without shutdown(); nobody is listening any more.
    with contextlib.suppress(RuntimeError):
        courier.finished.emit(job, image, reason, sharp)
