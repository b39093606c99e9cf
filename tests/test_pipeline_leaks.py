"""A kiosk changes slides for weeks: thousands of decodes must leave no Qt or Python object behind."""

from __future__ import annotations

import gc
from collections import Counter
from pathlib import Path

import shiboken6
from pytestqt.qtbot import QtBot

from conftest import make_photo
from slideshow.deck.model import Fit
from slideshow.imaging.pipeline import PictureKey, PicturePipeline


def alive() -> Counter[str]:
    """Python objects by type, and the Qt objects Python holds wrappers of (as "Qt:" and their type)."""
    gc.collect()
    counts = Counter(type(o).__name__ for o in gc.get_objects())
    counts.update(f"Qt:{type(w).__name__}" for w in shiboken6.getAllValidWrappers())
    return counts


def test_a_thousand_decodes_leave_nothing_behind(qtbot: QtBot, tmp_path: Path) -> None:
    photos = [make_photo(tmp_path / f"p{i}.jpg", (64, 48), (40 * i, 90, 160)) for i in range(5)]
    keys = [PictureKey(photo, 32, 24, Fit.CONTAIN) for photo in photos]
    pipeline = PicturePipeline(cache_bytes=1, threads=2)  # nothing but the pinned keys stays cached

    def show(steps: range) -> None:
        """A slide at a time, each decoded afresh (the cache keeps only the one on screen)."""
        for step in steps:
            with qtbot.waitSignal(pipeline.picture_ready, timeout=5000):
                assert pipeline.request(keys[step % len(keys)]) is None
        qtbot.waitUntil(pipeline.is_idle, timeout=5000)

    try:
        show(range(100))  # warm-up: threads, caches and the signal machinery are made once
        alive()  # its own first call makes a few objects for good
        before = alive()
        show(range(100, 1100))
        grown = alive() - before - Counter(Counter=1)
    finally:
        pipeline.shutdown()
    assert not grown, f"left behind: {dict(grown.most_common(8))}"
