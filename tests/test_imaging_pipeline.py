"""PicturePipeline: current first, neighbours next, latest wins, bounded cache, failures remembered.

Timing is made deterministic by a gate around the decoder: a test can hold a worker inside a decode,
change its mind, and then let the worker go. Waiting is always qtbot.waitSignal / waitUntil.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from _gated_decoder import GatedDecoder
from slideshow.deck.model import Fit
from slideshow.imaging.cache import ByteBudgetCache
from slideshow.imaging.decode import ImageProblem
from slideshow.imaging.job import HeadStart
from slideshow.imaging.picture import decode_picture, is_rough
from slideshow.imaging.pipeline import PictureKey, PicturePipeline

RED, GREEN, BLUE = (255, 0, 0), (0, 255, 0), (0, 0, 255)

# ---------------------------------------------------------------- the cache (no Qt)


def test_cache_evicts_least_recently_used_down_to_the_byte_budget() -> None:
    cache: ByteBudgetCache[str, str] = ByteBudgetCache(max_bytes=100)
    cache.put("a", "A", 40)
    cache.put("b", "B", 40)
    assert cache.get("a") == "A"  # a is now the most recently used
    cache.put("c", "C", 40)
    assert "b" not in cache and "a" in cache and "c" in cache
    assert cache.bytes_used == 80 and len(cache) == 2


def test_cache_never_evicts_pinned_keys_even_over_budget() -> None:
    cache: ByteBudgetCache[str, str] = ByteBudgetCache(max_bytes=100)
    cache.pin(["a", "b", "c"])
    for key in "abc":
        assert cache.put(key, key.upper(), 60)
    assert cache.bytes_used == 180 and len(cache) == 3
    cache.put("d", "D", 10)  # unpinned and over budget: it goes, the pinned ones stay
    assert "d" not in cache and len(cache) == 3
    cache.pin(["c"])  # unpinning trims at once, oldest first
    assert list(k for k in "abcd" if k in cache) == ["c"]
    assert cache.bytes_used == 60


def test_cache_refuses_a_value_larger_than_the_budget_and_replaces_in_place() -> None:
    cache: ByteBudgetCache[str, str] = ByteBudgetCache(max_bytes=100)
    cache.put("a", "A", 30)
    assert not cache.put("huge", "H", 101)
    assert "a" in cache and "huge" not in cache
    cache.put("a", "A2", 50)
    assert cache.get("a") == "A2" and cache.bytes_used == 50
    cache.clear()
    assert len(cache) == 0 and cache.bytes_used == 0 and cache.get("a") is None


# ---------------------------------------------------------------- the pipeline


@pytest.fixture
def gate() -> GatedDecoder:
    return GatedDecoder()


@pytest.fixture
def make_pipeline(qtbot: object, gate: GatedDecoder) -> Iterator[Callable[..., PicturePipeline]]:
    made: list[PicturePipeline] = []

    def make(**kwargs: object) -> PicturePipeline:
        made.append(PicturePipeline(decode=gate, **kwargs))  # type: ignore[arg-type]
        return made[-1]

    yield make
    gate.release.set()
    for pipeline in made:
        pipeline.shutdown()
        assert pipeline.is_idle()


def photo(path: Path, colour: tuple[int, int, int], size: tuple[int, int] = (160, 90)) -> Path:
    Image.new("RGB", size, colour).save(path)
    return path


def key_for(path: Path, width: int = 160, height: int = 90, fit: Fit = Fit.CONTAIN) -> PictureKey:
    return PictureKey(path, width, height, fit)


class _Marker(QObject):
    posted = Signal()
    arrived = Signal()


def wait_for_posted_events(qtbot: QtBot) -> None:
    """Waits until every event already posted to the GUI thread (a worker's queued result, say) has been
    delivered: a queued signal posted now arrives after them, since one thread's events keep their order."""
    marker = _Marker()
    marker.posted.connect(marker.arrived, Qt.ConnectionType.QueuedConnection)
    with qtbot.waitSignal(marker.arrived, timeout=5000):
        marker.posted.emit()


def colour_of(image: QImage) -> tuple[int, int, int]:
    c = QColor(image.pixel(image.width() // 2, image.height() // 2))
    return (c.red(), c.green(), c.blue())


def test_current_is_decoded_and_emitted_as_a_qimage_of_the_box(
    qtbot, tmp_path: Path, make_pipeline: Callable[..., PicturePipeline]
) -> None:
    pipeline = make_pipeline()
    key = key_for(photo(tmp_path / "a.png", RED, (320, 180)), 200, 200)
    with qtbot.waitSignal(pipeline.picture_ready, timeout=5000) as blocker:
        assert pipeline.request(key) is None
    got_key, image = blocker.args
    assert got_key == key
    assert isinstance(image, QImage) and not image.isNull()
    assert (image.width(), image.height()) == (200, 113)
    assert image.format() == QImage.Format.Format_RGB32
    assert colour_of(image) == RED


def test_a_cached_picture_is_returned_at_once(
    qtbot, tmp_path: Path, make_pipeline: Callable[..., PicturePipeline], gate: GatedDecoder
) -> None:
    pipeline = make_pipeline()
    key = key_for(photo(tmp_path / "a.png", GREEN))
    with qtbot.waitSignal(pipeline.picture_ready, timeout=5000):
        pipeline.request(key)
    with qtbot.assertNotEmitted(pipeline.picture_ready):
        again = pipeline.request(key)
    assert again is not None and colour_of(again) == GREEN
    assert pipeline.cached(key) is not None
    qtbot.waitUntil(pipeline.is_idle, timeout=5000)  # the worker may still be returning from run()
    assert gate.calls == ["a.png"]


def test_prefetch_follows_current_and_a_new_request_cancels_and_drops_stale_work(
    qtbot, tmp_path: Path, make_pipeline: Callable[..., PicturePipeline], gate: GatedDecoder
) -> None:
    """One worker: A is held mid-decode while the user jumps to D; B and C never start, A is dropped."""
    pipeline = make_pipeline(threads=1)
    a, b, c, d = (key_for(photo(tmp_path / f"{n}.png", RED)) for n in "abcd")
    gate.hold.add("a.png")
    ready: list[PictureKey] = []
    pipeline.picture_ready.connect(lambda key, image: ready.append(key))

    assert pipeline.request(a, [b, c]) is None
    qtbot.waitUntil(lambda: len(gate.held) == 1, timeout=5000)
    with qtbot.waitSignal(pipeline.picture_ready, timeout=5000, check_params_cb=lambda k, i: k == b):
        assert pipeline.request(d, [b]) is None
        gate.release.set()
    qtbot.waitUntil(pipeline.is_idle, timeout=5000)

    assert gate.calls == ["a.png", "d.png", "b.png"]  # C was cancelled before it started
    assert ready == [d, b]  # A finished after it stopped being wanted: not emitted
    assert pipeline.cached(a) is not None  # ...but kept, since it fitted without evicting anything


def test_neighbours_wait_until_the_current_picture_has_arrived(
    qtbot, tmp_path: Path, make_pipeline: Callable[..., PicturePipeline], gate: GatedDecoder
) -> None:
    """Two workers, but the prefetches start only once the current picture is in: on a two-core
    machine a neighbour decoding beside it would slow down the picture the audience waits for."""
    pipeline = make_pipeline(threads=2)
    a, b, c = (key_for(photo(tmp_path / f"{n}.png", RED)) for n in "abc")
    gate.hold.add("a.png")
    pipeline.picture_ready.connect(lambda key, image: gate.note(f"{key.path.name} ready"))
    pipeline.request(a, [b, c])
    qtbot.waitUntil(lambda: len(gate.held) == 1, timeout=5000)
    gate.note("a released")
    gate.release.set()
    qtbot.waitUntil(lambda: sum(event.endswith(" ready") for event in gate.events) == 3, timeout=5000)
    # The second worker was free all along: a neighbour sent with A would have begun while A was held.
    assert gate.events[:3] == ["decode a.png", "a released", "a.png ready"]
    assert sorted(gate.events[3:]) == ["b.png ready", "c.png ready", "decode b.png", "decode c.png"]


def test_with_the_current_picture_cached_the_neighbours_start_after_the_paint(
    qtbot, tmp_path: Path, make_pipeline: Callable[..., PicturePipeline], gate: GatedDecoder
) -> None:
    """A key press served from the cache is painted first; the prefetches wait for the idle event loop,
    so a worker waking up does not compete with that paint."""
    pipeline = make_pipeline(threads=2)
    a, b = (key_for(photo(tmp_path / f"{n}.png", GREEN)) for n in "ab")
    with qtbot.waitSignal(pipeline.picture_ready, timeout=5000):
        pipeline.request(a)
    qtbot.waitUntil(pipeline.is_idle, timeout=5000)
    assert pipeline.request(a, [b]) is not None
    assert gate.calls == ["a.png"]  # nothing started yet: the caller paints first
    with qtbot.waitSignal(pipeline.picture_ready, timeout=5000) as blocker:
        pass  # the event loop runs, goes idle, and b starts
    assert blocker.args[0] == b and gate.calls == ["a.png", "b.png"]


def test_the_cache_stays_within_its_byte_budget(
    qtbot, tmp_path: Path, make_pipeline: Callable[..., PicturePipeline]
) -> None:
    one_picture = 100 * 100 * 4
    pipeline = make_pipeline(cache_bytes=int(2.5 * one_picture))
    keys = [key_for(photo(tmp_path / f"{i}.png", (i * 40, 0, 0), (100, 100)), 100, 100) for i in range(6)]
    for i, key in enumerate(keys):
        prefetch = keys[i + 1 : i + 2]
        pipeline.request(key, prefetch)
        qtbot.waitUntil(lambda k=key, p=prefetch: all(pipeline.cached(x) for x in (k, *p)), timeout=5000)
        qtbot.waitUntil(pipeline.is_idle, timeout=5000)
        assert pipeline.cache.bytes_used <= pipeline.cache.max_bytes
    assert len(pipeline.cache) == 2


def test_pinned_pictures_stay_even_when_they_exceed_the_budget(
    qtbot, tmp_path: Path, make_pipeline: Callable[..., PicturePipeline]
) -> None:
    one_picture = 100 * 100 * 4
    pipeline = make_pipeline(cache_bytes=one_picture + 1)
    keys = [key_for(photo(tmp_path / f"{i}.png", BLUE, (100, 100)), 100, 100) for i in range(3)]
    pipeline.request(keys[0], keys[1:])
    qtbot.waitUntil(lambda: all(pipeline.cached(k) for k in keys), timeout=5000)
    assert pipeline.cache.bytes_used == 3 * one_picture  # all three pinned, over budget on purpose
    pipeline.request(keys[2])
    assert pipeline.cache.bytes_used <= pipeline.cache.max_bytes
    assert pipeline.cached(keys[2]) is not None


def test_a_changed_file_is_decoded_again(
    qtbot, tmp_path: Path, make_pipeline: Callable[..., PicturePipeline]
) -> None:
    pipeline = make_pipeline()
    path = photo(tmp_path / "a.png", RED)
    key = key_for(path)
    with qtbot.waitSignal(pipeline.picture_ready, timeout=5000):
        pipeline.request(key)
    photo(path, BLUE, (80, 45))
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))  # coarse file-system clocks
    assert pipeline.cached(key) is None
    with qtbot.waitSignal(pipeline.picture_ready, timeout=5000) as blocker:
        assert pipeline.request(key) is None
    assert colour_of(blocker.args[1]) == BLUE
    assert colour_of(pipeline.request(key) or QImage()) == BLUE


def test_a_corrupt_file_fails_with_a_reason_that_is_remembered_until_it_changes(
    qtbot, tmp_path: Path, make_pipeline: Callable[..., PicturePipeline], gate: GatedDecoder
) -> None:
    pipeline = make_pipeline()
    path = tmp_path / "broken.jpg"
    Image.linear_gradient("L").save(path, quality=90)
    path.write_bytes(path.read_bytes()[:300])
    key = key_for(path)
    with qtbot.waitSignal(pipeline.picture_failed, timeout=5000) as blocker:
        pipeline.request(key)
    assert blocker.args == [key, "truncated or corrupt JPEG data"]
    qtbot.waitUntil(pipeline.is_idle, timeout=5000)

    with qtbot.assertNotEmitted(pipeline.picture_failed):
        assert pipeline.request(key) is None  # not retried: the placeholder can show at once
    assert pipeline.failure(key) == "truncated or corrupt JPEG data"
    assert pipeline.is_idle() and gate.calls == ["broken.jpg"]

    photo(path, GREEN)  # fixed on disk (a PNG in a .jpg: Pillow goes by content)
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))
    assert pipeline.failure(key) is None
    with qtbot.waitSignal(pipeline.picture_ready, timeout=5000):
        pipeline.request(key)


def test_a_missing_file_fails(qtbot, tmp_path: Path, make_pipeline: Callable[..., PicturePipeline]) -> None:
    pipeline = make_pipeline()
    key = key_for(tmp_path / "gone.png")
    with qtbot.waitSignal(pipeline.picture_failed, timeout=5000) as blocker:
        pipeline.request(key)
    assert blocker.args == [key, "file not found"]
    assert pipeline.failure(key) == "file not found"


def test_a_file_that_has_gone_keeps_its_picture_for_every_view(
    qtbot, tmp_path: Path, make_pipeline: Callable[..., PicturePipeline]
) -> None:
    """Removable media pulled mid-show: the window (request), presenter and overview (cached, failure)
    all keep showing the picture decoded before, not a placeholder in some of them."""
    pipeline = make_pipeline()
    path = photo(tmp_path / "a.png", GREEN)
    key = key_for(path)
    with qtbot.waitSignal(pipeline.picture_ready, timeout=5000):
        pipeline.request(key)
    path.unlink()
    with qtbot.assertNotEmitted(pipeline.picture_failed):
        shown = pipeline.request(key)
    assert shown is not None and colour_of(shown) == GREEN
    cached = pipeline.cached(key)
    assert cached is not None and colour_of(cached) == GREEN
    assert pipeline.failure(key) is None


# ---------------------------------------------------------------- the head start (start-up)


def test_a_head_start_delivers_from_its_thread_or_at_once_when_already_done(
    qtbot, tmp_path: Path, gate: GatedDecoder
) -> None:
    path = photo(tmp_path / "a.png", RED)
    gate.hold.add("a.png")
    head_start = HeadStart(key_for(path), decode=gate)
    qtbot.waitUntil(lambda: len(gate.held) == 1, timeout=5000)
    early: list[tuple[str, tuple[int, int, int], str | None]] = []
    head_start.when_done(
        lambda image, reason: early.append((threading.current_thread().name, colour_of(image), reason))
    )
    assert early == []  # still decoding
    gate.release.set()
    head_start.wait()
    assert early == [("slideshow-head-start", RED, None)]  # called once, by the decoding thread
    late: list[tuple[int, int, int]] = []
    head_start.when_done(lambda image, _reason: late.append(colour_of(image)))
    assert late == [RED]  # already done: called right away
    assert gate.calls == ["a.png"]


def test_an_adopted_head_start_is_the_current_picture_without_a_second_decode(
    qtbot, tmp_path: Path, make_pipeline: Callable[..., PicturePipeline], gate: GatedDecoder
) -> None:
    first, second = photo(tmp_path / "first.png", RED), photo(tmp_path / "second.png", GREEN)
    gate.hold.add("first.png")
    head_start = HeadStart(key_for(first), decode=gate)  # on its own thread, before any pipeline exists
    qtbot.waitUntil(lambda: len(gate.held) == 1, timeout=5000)
    pipeline = make_pipeline()
    pipeline.adopt(head_start)
    assert pipeline.request(key_for(first), [key_for(second)]) is None
    assert not pipeline.is_idle()
    with qtbot.waitSignal(pipeline.picture_ready, timeout=5000) as blocker:
        gate.release.set()
    assert blocker.args[0] == key_for(first) and colour_of(blocker.args[1]) == RED
    qtbot.waitUntil(lambda: pipeline.cached(key_for(second)) is not None, timeout=5000)
    assert gate.calls == ["first.png", "second.png"]  # the neighbour followed; the first was not redone


def test_a_head_start_that_fails_reports_its_reason_like_a_worker(
    qtbot, tmp_path: Path, make_pipeline: Callable[..., PicturePipeline]
) -> None:
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a photo")
    head_start = HeadStart(key_for(broken))
    pipeline = make_pipeline()
    pipeline.adopt(head_start)
    with qtbot.waitSignal(pipeline.picture_failed, timeout=5000) as blocker:
        pipeline.request(key_for(broken))
    assert blocker.args[0] == key_for(broken) and blocker.args[1]
    assert pipeline.failure(key_for(broken)) == blocker.args[1]


def test_a_head_start_for_another_size_does_not_stand_in_for_the_picture_asked_for(
    qtbot, tmp_path: Path, make_pipeline: Callable[..., PicturePipeline], gate: GatedDecoder
) -> None:
    path = photo(tmp_path / "a.png", BLUE, (320, 180))
    head_start = HeadStart(key_for(path, 160, 90), decode=gate)  # the window turned out to be another size
    pipeline = make_pipeline()
    pipeline.adopt(head_start)
    with qtbot.waitSignal(pipeline.picture_ready, timeout=5000) as blocker:
        pipeline.request(key_for(path, 320, 180))
    assert blocker.args[0] == key_for(path, 320, 180) and blocker.args[1].width() == 320
    qtbot.waitUntil(pipeline.is_idle, timeout=5000)
    assert gate.calls.count("a.png") == 2


def test_a_file_changed_after_its_head_start_is_decoded_again(
    qtbot, tmp_path: Path, make_pipeline: Callable[..., PicturePipeline]
) -> None:
    path = photo(tmp_path / "a.png", RED)
    head_start = HeadStart(key_for(path))
    head_start.wait()  # finished with the old picture
    photo(path, GREEN)
    os.utime(path, ns=(0, 10**18))  # a different mtime whatever the file system's resolution
    pipeline = make_pipeline()
    pipeline.adopt(head_start)
    with qtbot.waitSignal(pipeline.picture_ready, timeout=5000) as blocker:
        pipeline.request(key_for(path))
    assert colour_of(blocker.args[1]) == GREEN


def test_shutdown_waits_for_running_workers_and_drops_everything_after(
    qtbot, tmp_path: Path, make_pipeline: Callable[..., PicturePipeline], gate: GatedDecoder
) -> None:
    pipeline = make_pipeline(threads=2)
    keys = [key_for(photo(tmp_path / f"{i}.png", RED)) for i in range(6)]
    gate.hold.update(f"{i}.png" for i in range(6))
    pipeline.request(None, keys)  # prefetch only: nothing waits for a current picture
    qtbot.waitUntil(lambda: len(gate.held) == 2, timeout=5000)  # both workers are inside a decode

    delivered: list[PictureKey] = []
    pipeline.picture_ready.connect(lambda key, image: delivered.append(key))

    releaser = threading.Thread(target=gate.release.set)
    releaser.start()
    pipeline.shutdown()
    releaser.join()

    assert pipeline.is_idle()
    assert pipeline.request(keys[0]) is None
    assert pipeline.is_idle()  # nothing queued after shutdown
    # The two running decodes sent their results before shutdown returned; once everything posted to
    # the GUI thread until now has been delivered, those results have arrived and must have been dropped.
    wait_for_posted_events(qtbot)
    assert delivered == [] and len(pipeline.cache) == 0
    assert len(gate.calls) <= 6


def test_decode_picture_is_the_synchronous_path_for_the_exporter(qtbot, tmp_path: Path) -> None:
    image = decode_picture(photo(tmp_path / "a.png", BLUE, (320, 180)), 100, 100, Fit.COVER)
    assert (image.width(), image.height()) == (100, 100)
    assert image.format() == QImage.Format.Format_RGB32 and colour_of(image) == BLUE
    with pytest.raises(ImageProblem, match="file not found"):
        decode_picture(tmp_path / "missing.png", 100, 100)


# ---------------------------------------------------------------- fast first, then sharp


def detailed_jpeg(path: Path, size: tuple[int, int] = (1600, 1200)) -> Path:
    """A JPEG large enough for libjpeg to scale it for a small box: its fast picture is rough."""
    image = Image.new("RGB", size, (80, 80, 80))
    for x in range(0, size[0], 6):
        image.paste((220, 210, 190), (x, 0, x + 2, size[1]))
    image.save(path, quality=92)
    return path


def test_a_rough_picture_is_replaced_by_the_sharp_one(
    qtbot, tmp_path: Path, make_pipeline: Callable[..., PicturePipeline], gate: GatedDecoder
) -> None:
    pipeline = make_pipeline()
    key = key_for(detailed_jpeg(tmp_path / "a.jpg"), 400, 300)
    arrived: list[QImage] = []
    pipeline.picture_ready.connect(lambda _key, image: arrived.append(image))
    assert pipeline.request(key) is None
    qtbot.waitUntil(lambda: len(arrived) == 2, timeout=5000)
    assert is_rough(arrived[0]) and not is_rough(arrived[1])
    assert gate.sharp == ["a.jpg"]
    assert pipeline.cached(key) == arrived[1] and not is_rough(pipeline.cached(key))  # type: ignore[arg-type]
    qtbot.waitUntil(pipeline.is_idle)
    assert pipeline.request(key) == arrived[1] and pipeline.is_idle()  # sharp already: nothing more to do


def test_a_pipeline_without_refining_keeps_the_fast_picture(
    qtbot, tmp_path: Path, make_pipeline: Callable[..., PicturePipeline], gate: GatedDecoder
) -> None:
    pipeline = make_pipeline(refine=False)
    key = key_for(detailed_jpeg(tmp_path / "a.jpg"), 400, 300)
    with qtbot.waitSignal(pipeline.picture_ready, timeout=5000) as blocker:
        pipeline.request(key)
    qtbot.waitUntil(pipeline.is_idle)
    assert is_rough(blocker.args[1]) and pipeline.cached(key) == blocker.args[1]
    assert gate.sharp == []


def test_a_slide_left_behind_is_not_refined_until_it_is_asked_for_again(
    qtbot, tmp_path: Path, make_pipeline: Callable[..., PicturePipeline], gate: GatedDecoder
) -> None:
    pipeline = make_pipeline()
    first = key_for(detailed_jpeg(tmp_path / "a.jpg"), 400, 300)
    second = key_for(detailed_jpeg(tmp_path / "b.jpg"), 400, 300)
    gate.hold = {"a.jpg"}
    pipeline.request(first)
    qtbot.waitUntil(lambda: len(gate.held) == 1)
    arrived: list[tuple[PictureKey, QImage]] = []
    pipeline.picture_ready.connect(lambda key, image: arrived.append((key, image)))
    pipeline.request(second)  # the briefer moved on while a.jpg was decoding
    gate.release.set()
    qtbot.waitUntil(lambda: len(arrived) == 2 and pipeline.is_idle(), timeout=5000)
    assert [(key, is_rough(image)) for key, image in arrived] == [(second, True), (second, False)]
    assert gate.sharp == ["b.jpg"] and is_rough(pipeline.cached(first))  # type: ignore[arg-type]

    with qtbot.waitSignal(pipeline.picture_ready, timeout=5000) as blocker:  # back to a.jpg
        assert is_rough(pipeline.request(first))  # type: ignore[arg-type]
    assert blocker.args[0] == first and not is_rough(blocker.args[1])
    assert gate.sharp == ["b.jpg", "a.jpg"]


def test_flicking_through_slides_refines_none_of_them(
    qtbot, tmp_path: Path, make_pipeline: Callable[..., PicturePipeline], gate: GatedDecoder
) -> None:
    """Sharp decodes wait until a slide has stayed up; here it never does (the wait is a minute)."""
    pipeline = make_pipeline(refine_after_ms=60_000)
    keys = [key_for(detailed_jpeg(tmp_path / f"{n}.jpg"), 400, 300) for n in range(3)]
    for key in keys:
        with qtbot.waitSignal(pipeline.picture_ready, timeout=5000) as blocker:
            pipeline.request(key)
        assert blocker.args[0] == key and is_rough(blocker.args[1])
    assert gate.calls == ["0.jpg", "1.jpg", "2.jpg"] and gate.sharp == []
    assert not pipeline.is_idle()  # the last slide's sharp picture is still to come


def test_the_debug_log_names_each_decode_and_whether_it_was_sharp(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """``--debug`` is what a bug report carries: one readable line per decode."""
    from slideshow.imaging.job import Job, file_stamp, run_job

    path = tmp_path / "harbour.jpg"
    Image.new("RGB", (64, 48), RED).save(path)
    key = PictureKey(path, 32, 24, Fit.CONTAIN)
    with caplog.at_level("DEBUG", logger="slideshow.imaging.job"):
        for sharp in (False, True):
            image, reason = run_job(Job(key, file_stamp(path)), (0, 0, 0), sharp=sharp)
            assert image is not None and reason is None
        run_job(Job(PictureKey(tmp_path / "gone.jpg", 32, 24, Fit.CONTAIN), None), (0, 0, 0))
    lines = [record.getMessage() for record in caplog.records if record.name == "slideshow.imaging.job"]
    assert [line.rsplit(" in ", 1)[0] for line in lines] == [
        "decoded harbour.jpg",
        "decoded (sharp) harbour.jpg",
        "failed gone.jpg",
    ]
    assert all(line.endswith(" ms") for line in lines)
