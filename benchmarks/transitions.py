"""Frame times of a fade at 1920x1080, through the real window under X.

    uv run python benchmarks/transitions.py          # about half a minute; photos are made on the first run

The window fades between two pictures it painted once (two blits a frame). The baseline in the same run
is the obvious way: painting both whole slides (picture, caption band, text layout) on every frame of the
fade. Printed: the time between consecutive frames during fades (the target: none later than 20 ms)
and the time one paint takes.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable

from _common import DATA, machine_facts, summary, table, write_deck, x_display
from _photos import photos


def measure(deck_path: str, transitions: int, naive: bool) -> tuple[list[float], list[float]]:
    from PySide6.QtCore import QEventLoop, QRectF, QTimer
    from PySide6.QtGui import QPainter, QPaintEvent
    from PySide6.QtWidgets import QApplication

    from slideshow.core.keymap import Action, Command
    from slideshow.deck import load_deck
    from slideshow.imaging.pipeline import PicturePipeline
    from slideshow.render.painter import paint_slide
    from slideshow.ui.controller import ShowController
    from slideshow.ui.window import SlideWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    deck = load_deck(deck_path).deck
    assert deck is not None

    class TimedWindow(SlideWindow):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            self.frames: list[tuple[float, float, int | None]] = []  # start, end, which fade (or None)

        def paintEvent(self, event: QPaintEvent) -> None:
            started = time.perf_counter()
            fading = id(self.transition) if self.transition is not None else None
            if naive and fading and self._on_screen is not None:
                # The baseline: lay out and paint two whole slides on every frame (the new one twice,
                # since only its picture is still held: the same work as old + new).
                painter = QPainter(self)
                paint_slide(painter, QRectF(self.rect()), self._view(self._on_screen))
                painter.setOpacity(0.5)
                paint_slide(painter, QRectF(self.rect()), self._view(self._on_screen))
                painter.end()
            else:
                super().paintEvent(event)
            self.frames.append((started, time.perf_counter(), fading))

    controller = ShowController(deck)
    pipeline = PicturePipeline()
    window = TimedWindow(controller, pipeline)
    window.show_on(None, fullscreen=True)

    def wait(condition: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
        """Runs the event loop until ``condition`` holds; ends the benchmark if it has not within ``timeout``
        seconds (measuring on would time fades that never ran, or the wrong ones)."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() >= deadline:
                pipeline.shutdown()
                sys.exit(f"gave up after {timeout:g} s waiting for {what}")
            loop = QEventLoop()
            QTimer.singleShot(5, loop.quit)
            loop.exec()

    wait(lambda: window.on_screen_index == 0 and not window.in_transition, "slide 1 on screen")
    for _ in range(transitions):
        target = (controller.index + 1) % len(deck.slides)
        key = window.picture_key(target)
        # the next picture is decoded before the key, as in a real show
        wait(lambda k=key: pipeline.cached(k) is not None, f"slide {target + 1} prefetched")
        controller.perform(Command(Action.NEXT if target else Action.FIRST))
        wait(
            lambda t=target: window.on_screen_index == t and not window.in_transition,
            f"the fade to slide {target + 1}",
        )
    pipeline.shutdown()
    window.close()
    app.processEvents()
    fading = [(s, e, fade) for s, e, fade in window.frames if fade is not None]
    # Gaps between consecutive frames of the same fade (the pause between two fades is not a frame gap).
    intervals = [(b[0] - a[0]) * 1000 for a, b in zip(fading, fading[1:], strict=False) if a[2] == b[2]]
    durations = [(e - s) * 1000 for s, e, _ in fading]
    return intervals, durations


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--transitions", type=int, default=12)
    args = parser.parse_args()
    deck_path = write_deck(DATA, photos(12, 3), name="transitions.json", transition="fade")
    with x_display((1920, 1080)) as display:
        os.environ["DISPLAY"] = display
        os.environ["QT_QPA_PLATFORM"] = "xcb"
        print(machine_facts())
        print(f"screen: 1920x1080 on X display {display}; {args.transitions} fades of 400 ms each\n")
        rows = []
        for label, naive in (("ours: blend painted layers", False), ("naive: repaint both slides", True)):
            intervals, durations = measure(str(deck_path), args.transitions, naive)
            gap_median, gap_p95, _, gap_max = summary(intervals)
            rows.append([label, len(durations), gap_median, gap_p95, gap_max, *summary(durations)[:2]])
        header = ["fade", "frames", "median gap ms", "p95 gap ms", "max gap ms", "paint median", "paint p95"]
        print(table(header, rows))
        print("\ntarget: no frame later than 20 ms (max gap) during a fade")


if __name__ == "__main__":
    main()
