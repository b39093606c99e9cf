"""Soak: a kiosk autoplays through 50,000 slide changes; does memory, or anything else, grow?

    uv run python benchmarks/soak.py                    # 50,000 changes, about 15 minutes on 2 cores
    uv run python benchmarks/soak.py --changes 12000    # a shorter look
    uv run python benchmarks/soak.py --platform xcb --megapixels 12 --interval 0.05 --transition-ms 100
                                                        # the first soak: 1920x1080 on X, 12 MP photos

The show is the real kiosk viewer built by the composition root (pipeline, controller, full-screen window),
with what a kiosk viewer runs besides: the heartbeat, the slide saved atomically on every change, and the
screensaver inhibition. Autoplay runs at a fast interval after each picture is on screen, with a short
fade, in a loop over a deck of distinct photos; so that 50,000 changes take minutes, the window is on
Qt's offscreen screen (800x600) and the photos are 3 MP, unless told otherwise.

Every ``--every`` changes it samples the resident set size (/proc/self/statm), threads (/proc/self/task)
and open file descriptors (/proc/self/fd); every 1,000 changes, the Qt objects alive (every object
Python holds a wrapper of, and every QObject below those) and the Python objects the collector tracks.
The bound: the mean RSS of the last ``--window`` changes is within 3 % of the mean of the ``--window``
changes after the warm-up (caches fill, the allocator settles), and threads, open files, Qt objects and
Python objects do not grow. Linux only (/proc).
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from _common import DATA, machine_facts, table, write_deck, x_display
from _photos import photos

RSS_BOUND = 0.03
SLACK = {3: 0, 4: 0.5, 5: 3, 6: 20}  # column: how far a mean count may rise by chance (see report())
Sample = tuple[
    float, ...
]  # changes, seconds, RSS MB, threads, open fds, Qt objects, Py objects, RSS less pictures


class _MallInfo2(ctypes.Structure):
    _fields_ = [  # glibc's struct mallinfo2, in order
        (name, ctypes.c_size_t)
        for name in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks")
        + ("fordblks", "keepcost")
    ]


def _pictures_mb() -> float:
    """What glibc holds in mappings of their own, the large blocks: decoded pictures, which come and go
    with the cache (0 where mallinfo2 is missing). RSS less this is what else the process holds."""
    try:
        mallinfo2 = ctypes.CDLL(None).mallinfo2
    except (OSError, AttributeError):
        return 0.0
    mallinfo2.restype = _MallInfo2
    return float(mallinfo2().hblkhd) / 2**20


def _proc() -> tuple[float, int, int]:
    with open("/proc/self/statm") as f:
        rss_mb = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    return rss_mb, len(os.listdir("/proc/self/task")), len(os.listdir("/proc/self/fd"))


def qt_objects() -> int:
    """Qt objects alive: every one Python holds a wrapper of, and every QObject under those."""
    import shiboken6
    from PySide6.QtCore import QObject

    seen: set[int] = set()
    for wrapper in shiboken6.getAllValidWrappers():
        seen.add(id(wrapper))
        if isinstance(wrapper, QObject) and shiboken6.isValid(wrapper):
            seen.update(id(child) for child in wrapper.findChildren(QObject))
    return len(seen)


def python_objects() -> Counter[str]:
    gc.collect()
    return Counter(type(o).__name__ for o in gc.get_objects())


def run(args: argparse.Namespace, deck_path: Path, state: Path) -> tuple[list[Sample], list[str]]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from slideshow.deck import load_deck
    from slideshow.kiosk import viewer
    from slideshow.ui.app import ShowOptions, build_show
    from slideshow.ui.awake import AwakeWhileFullScreen

    app = QApplication([sys.argv[0]])
    deck = load_deck(deck_path).deck
    assert deck is not None
    show = build_show(deck, ShowOptions(kiosk=True, autoplay=True, interval=args.interval, remember=False))
    extras = [
        viewer.Heartbeat(state / "heartbeat"),
        viewer.PositionSaver(show.controller, state / "position.json"),
        AwakeWhileFullScreen(show.window, show.controller),
    ]
    samples: list[Sample] = []  # tuples of numbers: objects the collector does not track, so not counted
    counts: dict[str, Counter[str]] = {}  # Python objects by type: after the warm-up, and the latest
    started = time.monotonic()
    changes = 0
    qt, py = float(qt_objects()), float(sum(python_objects().values()))

    def changed(_index: int) -> None:
        nonlocal changes, qt, py
        changes += 1
        if changes == 1 or changes % 1000 == 0:  # the first once the show is on screen
            kinds = python_objects()
            counts["warm" if changes <= args.warmup else "last"] = kinds
            qt, py = float(qt_objects()), float(sum(kinds.values()))
        if changes % args.every == 0:
            rss, threads, fds = _proc()
            samples.append(
                (changes, time.monotonic() - started, rss, threads, fds, qt, py, rss - _pictures_mb())
            )
            if changes % (args.every * 50) == 0:
                print(f"  {changes} changes, {samples[-1][1]:.0f} s", file=sys.stderr, flush=True)
        if changes >= args.changes:
            show.window.allow_close()  # a kiosk window refuses to close, which would cancel quit()
            QTimer.singleShot(0, app.quit)

    show.controller.slide_changed.connect(changed)
    rss, threads, fds = _proc()
    samples.append((0, 0.0, rss, threads, fds, qt, py, rss - _pictures_mb()))
    show.window.show_on(None, fullscreen=True)
    app.exec()
    show.shutdown()
    del extras
    return samples, _grown(counts)


def _grown(counts: dict[str, Counter[str]]) -> list[str]:
    """The Python types with more objects at the end than after the warm-up (what to look at first)."""
    if len(counts) < 2:
        return []
    return [f"{name} +{n}" for name, n in (counts["last"] - counts["warm"]).most_common(6)]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--changes", type=int, default=50_000)
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--megapixels", type=int, default=3, choices=(3, 12, 24))
    parser.add_argument("--platform", choices=("offscreen", "xcb"), default="offscreen")
    parser.add_argument("--interval", type=float, default=0.002, help="seconds per slide once shown")
    parser.add_argument("--transition-ms", type=int, default=20, help="the fade between slides")
    parser.add_argument("--every", type=int, default=100, help="sample every N changes")
    parser.add_argument("--warmup", type=int, default=5000, help="changes before the bound applies")
    parser.add_argument("--window", type=int, default=5000, help="changes compared, first and last")
    parser.add_argument("--json", type=Path, help="also write the samples here")
    parser.add_argument("--report", type=Path, help="print the report of samples saved with --json; no run")
    args = parser.parse_args()
    if args.report:
        report(json.loads(args.report.read_text()), [], args)
        return

    print(machine_facts())
    print(f"making/reading {args.photos} photos in {DATA} ...", file=sys.stderr, flush=True)
    pictures = photos(args.megapixels, args.photos)
    deck_path = write_deck(
        DATA, pictures, "Soak deck", "soak-slides.json", "fade", interval=8, transition_ms=args.transition_ms
    )
    with tempfile.TemporaryDirectory(prefix="soak-state-") as state:
        if args.platform == "xcb":
            with x_display((1920, 1080)) as display:
                os.environ.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
                samples, grown = run(args, deck_path, Path(state))
        else:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
            samples, grown = run(args, deck_path, Path(state))
    if args.json:
        args.json.write_text(json.dumps(samples))
    report(samples, grown, args)


def report(samples: list[Sample], grown: list[str], args: argparse.Namespace) -> None:
    elapsed = samples[-1][1]
    print(
        f"\n{samples[-1][0]:.0f} slide changes over {args.photos} photos of {args.megapixels} MP in "
        f"{elapsed:.0f} s ({samples[-1][0] / max(elapsed, 1e-9):.1f} changes/s), {args.platform}, "
        f"interval {args.interval} s, fade {args.transition_ms} ms"
    )
    step = max(args.every, args.changes // 10)
    rows = [
        (f"{s[0]:.0f}", f"{s[1]:.0f}", f"{s[2]:.1f}", *(f"{v:.0f}" for v in s[3:7]), f"{s[7]:.1f}")
        for s in samples
        if s[0] % step == 0 or s is samples[-1]
    ]
    header = (
        "changes",
        "seconds",
        "RSS MB",
        "threads",
        "open fds",
        "Qt objects",
        "Py objects",
        "less pictures",
    )
    print(table(header, rows))

    first = [s for s in samples if args.warmup < s[0] <= args.warmup + args.window]
    last = [s for s in samples if s[0] > samples[-1][0] - args.window]
    if not first or not last or first[-1][0] >= last[0][0]:
        print("too few changes after the warm-up for a verdict")
        return
    span = f"changes {first[0][0]:.0f}-{first[-1][0]:.0f} vs {last[0][0]:.0f}-{last[-1][0]:.0f}"
    verdict = []
    names = ("RSS MB", "threads", "open fds", "Qt objects", "Py objects")
    for column, name in enumerate(names, start=2):
        before = statistics.fmean(s[column] for s in first)
        after = statistics.fmean(s[column] for s in last)
        growth = (after - before) / before
        # RSS is a sawtooth (the cache fills and evicts): a bound on the means. The counts must not grow,
        # but a sample may catch a file open for a decode, or a fade's two pictures and the objects that
        # come and go with the slide on screen: hence a little slack (one leaked object per 2,000 changes
        # over 50,000 is more).
        ok = growth <= RSS_BOUND if column == 2 else after <= before + SLACK[column]
        verdict.append(ok)
        said = "ok" if ok else "GROWS"
        print(f"{name:10}: {span}: mean {before:.1f} -> {after:.1f} ({growth:+.2%}): {said}")
    less = [statistics.fmean(s[7] for s in part) for part in (first, last)]
    print(f"RSS less the decoded pictures (not bound, for diagnosis): mean {less[0]:.1f} -> {less[1]:.1f} MB")
    if grown:
        print(f"Python types with more objects at the end: {', '.join(grown)}")
    bound = f"RSS within {RSS_BOUND:.0%}, no more threads, files, Qt or Python objects"
    print(f"bound: {bound}: {'met' if all(verdict) else 'NOT met'}")


if __name__ == "__main__":
    main()
