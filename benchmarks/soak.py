"""Soak: a kiosk autoplays through 10,000 slide changes over 200 distinct 12 MP photos; does anything grow?

    uv run python benchmarks/soak.py                    # about 15-25 minutes on 2 cores
    uv run python benchmarks/soak.py --changes 2000     # a shorter look

The show is the real kiosk viewer built by the composition root (pipeline, controller, full-screen window
at 1920x1080 on a real X server: a private Xvfb when DISPLAY is unset), with what a kiosk viewer runs
besides: the heartbeat, the slide saved atomically on every change, and the screensaver inhibition.
Autoplay runs at a fast interval (``--interval``, default 0.05 s after each picture is on screen), with a
short fade, in a loop over the deck. Every ``--every`` changes it samples the resident set size
(/proc/self/statm), the number of threads (/proc/self/task) and of open file descriptors (/proc/self/fd).
After the warm-up (the first ``--warmup`` changes: caches fill, the allocator settles) the bound is that
no figure grows by more than 5 % over its value at the end of the warm-up. Linux only (/proc).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _common import DATA, machine_facts, table, write_deck, x_display
from _photos import photos

BOUND = 0.05


def _sample() -> tuple[float, int, int]:
    with open("/proc/self/statm") as f:
        rss_mb = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    return rss_mb, len(os.listdir("/proc/self/task")), len(os.listdir("/proc/self/fd"))


def _deck(folder: Path, count: int, interval: float) -> Path:
    pictures = photos(12, count)
    name = "soak-slides.json"
    return write_deck(folder, pictures, "Soak deck", name, "fade", interval=interval, transition_ms=100)


def run(changes: int, every: int, deck_path: Path, state: Path) -> list[tuple[int, float, float, int, int]]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from slideshow.deck import load_deck
    from slideshow.kiosk import viewer
    from slideshow.ui.app import ShowOptions, build_show
    from slideshow.ui.awake import AwakeWhileFullScreen

    app = QApplication([sys.argv[0]])
    deck = load_deck(deck_path).deck
    assert deck is not None
    show = build_show(deck, ShowOptions(kiosk=True, autoplay=True, remember=False))
    extras = [
        viewer.Heartbeat(state / "heartbeat"),
        viewer.PositionSaver(show.controller, state / "position.json"),
        AwakeWhileFullScreen(show.window, show.controller),
    ]
    samples: list[tuple[int, float, float, int, int]] = []
    count = 0
    started = time.monotonic()

    def changed(_index: int) -> None:
        nonlocal count
        count += 1
        if count % every == 0:
            samples.append((count, time.monotonic() - started, *_sample()))
            if count % (every * 10) == 0:
                print(f"  {count} changes, {samples[-1][1]:.0f} s", file=sys.stderr, flush=True)
        if count >= changes:
            show.window.allow_close()  # a kiosk window refuses to close, which would cancel quit()
            QTimer.singleShot(0, app.quit)

    show.controller.slide_changed.connect(changed)
    samples.append((0, 0.0, *_sample()))
    show.window.show_on(None, fullscreen=True)
    app.exec()
    show.shutdown()
    del extras
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--changes", type=int, default=10_000)
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--interval", type=float, default=0.05, help="seconds per slide once shown")
    parser.add_argument("--every", type=int, default=100, help="sample every N changes")
    parser.add_argument("--warmup", type=int, default=1000, help="changes before the bound applies")
    parser.add_argument("--json", type=Path, help="also write the samples here")
    parser.add_argument("--report", type=Path, help="print the table of samples saved with --json; no run")
    args = parser.parse_args()
    if args.report:
        report(json.loads(args.report.read_text()), args)
        return

    print(machine_facts())
    print(f"making/reading {args.photos} photos in {DATA} ...", file=sys.stderr, flush=True)
    with tempfile.TemporaryDirectory(prefix="soak-state-") as state, x_display((1920, 1080)) as display:
        os.environ["DISPLAY"] = display
        os.environ["QT_QPA_PLATFORM"] = "xcb"
        deck_path = _deck(DATA, args.photos, args.interval)
        samples = run(args.changes, args.every, deck_path, Path(state))
    if args.json:
        args.json.write_text(json.dumps(samples))
    report(samples, args)


def report(samples: list[tuple[int, float, float, int, int]], args: argparse.Namespace) -> None:
    elapsed = samples[-1][1]
    print(
        f"\n{samples[-1][0]} slide changes over {args.photos} photos in {elapsed:.0f} s "
        f"({samples[-1][0] / max(elapsed, 1e-9):.1f} changes/s), interval {args.interval} s"
    )
    checkpoints = [s for s in samples if s[0] % max(args.every, args.changes // 10) == 0 or s is samples[-1]]
    rows = [(n, f"{t:.0f}", f"{rss:.1f}", threads, fds) for n, t, rss, threads, fds in checkpoints]
    print(table(("changes", "seconds", "RSS MB", "threads", "open fds"), rows))

    after = [s for s in samples if s[0] >= args.warmup]
    span = max(1, len(after) // 9)  # 1,000 changes at the defaults
    if len(after) < 2 * span:
        print("too few samples after the warm-up for a verdict")
        return
    # RSS is a sawtooth (the picture cache fills and evicts, the allocator returns pages), and a file may
    # be open for a decode at the moment of a sample: compare the first stretch after the warm-up with
    # the last one, by mean and by peak, rather than single samples.
    first, last = after[:span], after[-span:]
    verdict = []
    for column, name in ((2, "RSS MB"), (3, "threads"), (4, "open fds")):
        values = [
            (statistics.fmean(s[column] for s in part), max(s[column] for s in part))
            for part in (first, last)
        ]
        (mean0, peak0), (mean1, peak1) = values
        grow_mean, grow_peak = (mean1 - mean0) / mean0, (peak1 - peak0) / peak0
        ok = grow_mean <= BOUND and grow_peak <= BOUND
        verdict.append(ok)
        print(
            f"{name:9}: changes {first[0][0]}-{first[-1][0]} mean {mean0:.1f} peak {peak0:.1f}; "
            f"changes {last[0][0]}-{last[-1][0]} mean {mean1:.1f} ({grow_mean:+.1%}) "
            f"peak {peak1:.1f} ({grow_peak:+.1%}): {'ok' if ok else 'GROWS'}"
        )
    bound = f"nothing grows more than {BOUND:.0%} after {args.warmup} changes"
    print(f"bound: {bound}: {'met' if all(verdict) else 'NOT met'}")


if __name__ == "__main__":
    main()
