"""A live reload of a 10,000-slide deck never freezes the screen: the GUI thread's longest stall.

    uv run python benchmarks/reload.py              # about a minute
    uv run python benchmarks/reload.py --reloads 5  # a shorter look

The show is the real viewer (composition root, full-screen window at 1920x1080 on a real X server: a
private Xvfb when DISPLAY is unset) on the 10,000-slide deck of ``benchmarks/load.py``. The deck file is
saved again and again as an editor does (a new file renamed over the old one, one caption changed), and
each save is waited for until the show has the new deck. A 1 ms timer on the GUI thread measures how
long the thread is away: the longest gap between its ticks while a reload is under way is the stall
the audience could see (a frame is due every 16.7 ms at 60 Hz).

Beside it, in the same process and on the same deck: the old synchronous way, where the settle timer
read, validated and stat'ed the deck on the GUI thread (:func:`slideshow.ui.watcher.look`, called right
there) before handing the result to the same reload handler.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from _common import machine_facts, summary, table, x_display
from load import ten_thousand_slides

TARGET_MS = 20.0
Figures = dict[str, list[float]]  # way -> per reload: the longest stall, or the GUI thread's CPU time


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reloads", type=int, default=15, help="reloads per way (default 15)")
    parser.add_argument(
        "--platform", choices=("xcb", "offscreen"), default="xcb", help="a real X server (default) or none"
    )
    args = parser.parse_args()
    source = Path(ten_thousand_slides())
    deck_file = source.with_name("reload-bench.json")  # the same folder: the pictures stay inside it
    deck_file.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    print(machine_facts())
    if args.platform == "offscreen":
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        stalls, cpu = run(deck_file, args.reloads)
    else:
        with x_display((1920, 1080)) as display:
            os.environ.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
            stalls, cpu = run(deck_file, args.reloads)
    names = {
        "ours": "ours: read and stat on a thread of its own",
        "old": "baseline: the old synchronous reload",
        "idle": "no reload: as long, with nothing to do",
    }
    for title, figures in (("longest GUI-thread stall", stalls), ("GUI-thread CPU time", cpu)):
        print(f"\n{title} per reload of a 10,000-slide deck ({args.reloads} reloads), ms")
        print(
            table(
                ["way", "median", "p95", "min", "max"], [[names[k], *summary(v)] for k, v in figures.items()]
            )
        )
    worst = max(stalls["ours"])
    verdict = "met" if worst <= TARGET_MS else "NOT met (see the idle row: a busy machine stalls anyway)"
    print(f"\ntarget: no GUI-thread stall over {TARGET_MS:.0f} ms on a reload: max {worst:.1f} ms, {verdict}")


class StallMeter:
    """The longest time the GUI thread's event loop went without running a 1 ms timer, and the CPU time
    the GUI thread used meanwhile."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._tick)
        self._last = time.perf_counter()
        self.longest = 0.0
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, (now - self._last) * 1000 - 1.0)
        self._last = now

    def reset(self) -> None:
        self._last = time.perf_counter()
        self._cpu = time.thread_time()
        self.longest = 0.0

    def cpu_ms(self) -> float:
        return (time.thread_time() - self._cpu) * 1000


def run(deck_file: Path, reloads: int) -> tuple[Figures, Figures]:
    from PySide6.QtCore import QEventLoop, QFileSystemWatcher, QTimer
    from PySide6.QtWidgets import QApplication

    from slideshow.core.reload import matching_index
    from slideshow.deck import load_deck
    from slideshow.ui.app import ShowOptions, build_show
    from slideshow.ui.watcher import SETTLE_MS, look

    _app = QApplication([sys.argv[0]])
    deck = load_deck(deck_file).deck
    assert deck is not None
    show = build_show(deck, ShowOptions(fullscreen=True, remember=False))
    show.window.show_on(None, fullscreen=True)
    meter = StallMeter()
    original = deck_file.read_text(encoding="utf-8")
    edits = 0

    def wait(done: Callable[[], bool], settle_ms: int = 100) -> None:
        """Runs the event loop until ``done()``, then ``settle_ms`` more (the repaint that follows)."""
        loop = QEventLoop()
        poll = QTimer()
        poll.timeout.connect(lambda: loop.quit() if done() else None)
        poll.start(2)
        deadline = time.monotonic() + 30
        while not done() and time.monotonic() < deadline:
            loop.exec()
        poll.stop()
        QTimer.singleShot(settle_ms, loop.quit)
        loop.exec()
        if not done():
            sys.exit("a reload did not arrive within 30 s")

    def save_edit() -> str:
        """Saves the deck with its first caption changed, as an editor does; returns the new caption."""
        nonlocal edits
        edits += 1
        caption = f"Edited caption {edits}"
        text = original.replace("Photo 1: the market street", caption + ": the market street", 1)
        temp = deck_file.with_name(".reload-bench.json.swp")
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, deck_file)
        return caption

    stalls: Figures = {"ours": [], "old": [], "idle": []}
    cpu: Figures = {"ours": [], "old": [], "idle": []}

    def measure(way: str) -> None:
        wait(show.pipeline.is_idle, settle_ms=300)
        for _ in range(reloads):
            caption = save_edit()  # the benchmark's own write, on this thread: not part of the figure
            meter.reset()
            wait(lambda c=caption: show.controller.deck.slides[0].caption.startswith(c))
            stalls[way].append(meter.longest)
            cpu[way].append(meter.cpu_ms())

    measure("ours")

    # The old way: the same handler, fed by a settle timer that looks at the disk on the GUI thread.
    show.watcher.deleteLater()
    wait(lambda: True)
    known = look(deck_file, None, [])
    state = {"stamp": known.deck_stamp, "pictures": list(known.pictures)}
    fs = QFileSystemWatcher([str(deck_file), str(deck_file.parent)])
    settle = QTimer()
    settle.setSingleShot(True)
    settle.setInterval(SETTLE_MS)

    def reload_synchronously() -> None:
        found = look(deck_file, state["stamp"], state["pictures"])  # on the GUI thread, as before
        state["stamp"] = found.deck_stamp
        if found.result is not None and found.result.deck is not None:
            controller = show.controller
            new = found.result.deck
            controller.replace_deck(new, start=matching_index(controller.deck, controller.index, new))
            state["pictures"] = list(found.pictures)
        gone = [p for p in (str(deck_file), str(deck_file.parent)) if p not in fs.files() + fs.directories()]
        if gone:
            fs.addPaths(gone)

    fs.fileChanged.connect(lambda _p: settle.start())
    fs.directoryChanged.connect(lambda _p: settle.start())
    settle.timeout.connect(reload_synchronously)
    measure("old")

    for _ in range(reloads):
        meter.reset()
        end = time.monotonic() + 0.4  # about as long as a reload takes
        wait(lambda e=end: time.monotonic() >= e)
        stalls["idle"].append(meter.longest)
        cpu["idle"].append(meter.cpu_ms())
    deck_file.unlink()
    show.window.allow_close()
    show.shutdown()
    return stalls, cpu


if __name__ == "__main__":
    main()
