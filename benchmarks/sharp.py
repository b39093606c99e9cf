"""The sharp picture at a briefing's pace: how soon it is on screen after a key press, and what it costs.

    uv run python benchmarks/sharp.py                       # about a minute
    uv run python benchmarks/sharp.py --size 3840x2160      # on a 4K screen

Each run is a fresh child process, full screen on a real X server (a private Xvfb when DISPLAY is unset),
through the real window and key handler, over distinct 24 MP JPEGs. The presenter alternates two moves,
and after each waits until the pipeline has nothing left to do (a briefer talks for longer than that):

- Right: the next slide, decoded and made sharp while the previous one was up;
- a jump (a typed slide number and Enter) to a slide nobody prefetched (over two away from every slide
  shown so far, in a deck of 80).

For each move it times the first frame that shows the new slide, and the frame that shows its sharp
picture (the same frame when the picture was already sharp), both flushed to the X server as in
keypress.py. The baseline in the same run is the same viewer keeping its fast pictures (a decoder that
never makes the sharp one): what sharpness costs in time to the first frame and in peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

import _common as common

MOVES = 16  # half Right, half jumps


def _child(variant: str, deck_path: Path) -> None:
    from PySide6.QtCore import QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from slideshow.deck import load_deck
    from slideshow.imaging.picture import ROUGH_KEY, decode_picture
    from slideshow.imaging.pipeline import PicturePipeline, cache_budget
    from slideshow.ui.app import ShowOptions, build_show

    def fast_only(*args: object, **kwargs: object) -> object:
        """The fast picture, and no word that it is rough: nothing is ever refined."""
        kwargs["sharp"] = False
        image = decode_picture(*args, **kwargs)  # type: ignore[arg-type]
        image.setText(ROUGH_KEY, "")
        return image

    app = QApplication([sys.argv[0]])
    deck = load_deck(deck_path).deck
    assert deck is not None
    screen = app.primaryScreen()
    decode = decode_picture if variant == "ours" else fast_only
    budget = cache_budget(screen.size() * screen.devicePixelRatio())
    pipeline = PicturePipeline(cache_bytes=budget, decode=decode)  # type: ignore[arg-type]
    show = build_show(deck, ShowOptions(fullscreen=True), pipeline)
    window = show.window
    count = len(deck.slides)
    frames: list[tuple[int, float]] = []  # (slide index, when its frame was flushed)
    results: dict[str, list[float]] = {
        "right first": [],
        "right sharp": [],
        "jump first": [],
        "jump sharp": [],
    }
    move = {"kind": "", "target": 0, "pressed": 0.0, "number": 0}
    shown_slides: set[int] = set()

    def shown(index: int) -> None:
        QTimer.singleShot(0, lambda: frames.append((index, time.perf_counter())))  # after the flush

    def post(key: Qt.Key, text: str = "") -> None:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.postEvent(window, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))

    def next_move() -> None:
        number = move["number"]
        if number >= MOVES:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(json.dumps({**results, "peak": [peak]}), flush=True)
            os._exit(0)
        frames.clear()
        current = show.controller.index
        shown_slides.add(current)
        if number % 2 == 0:
            move.update(kind="right", target=current + 1)
            move["pressed"] = time.perf_counter()
            post(Qt.Key.Key_Right)
        else:
            # A slide two or more away from every slide shown so far: nothing prefetched or cached it.
            target = next(
                i
                for step in range(count // 3, count)
                if all(abs((i := (current + step) % count) - seen) > 2 for seen in shown_slides)
            )
            move.update(kind="jump", target=target)
            move["pressed"] = time.perf_counter()
            for digit in str(target + 1):
                post(Qt.Key(Qt.Key.Key_0 + int(digit)), digit)
            post(Qt.Key.Key_Return)
        move["number"] = number + 1
        QTimer.singleShot(20, settle)

    def settle() -> None:
        mine = [when for index, when in frames if index == move["target"]]
        if not mine or not pipeline.is_idle():
            QTimer.singleShot(10, settle)
            return
        QTimer.singleShot(200, lambda: finish(mine))  # any late frame of the sharp picture is counted

    def finish(earlier: list[float]) -> None:
        mine = [when for index, when in frames if index == move["target"]] or earlier
        kind, pressed = move["kind"], move["pressed"]
        results[f"{kind} first"].append((mine[0] - pressed) * 1000)
        results[f"{kind} sharp"].append((mine[-1] - pressed) * 1000)
        next_move()

    window.picture_shown.connect(shown)
    started: list[bool] = []

    def begin(_index: int) -> None:
        if not started:
            started.append(True)
            QTimer.singleShot(10, wait_then_start)

    def wait_then_start() -> None:
        if not pipeline.is_idle():
            QTimer.singleShot(10, wait_then_start)
            return
        next_move()

    window.picture_shown.connect(begin)
    window.show_on(None, fullscreen=True)
    app.exec()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    common.add_size_option(parser)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--deck", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.deck)
        return

    from _photos import photos

    deck = common.write_deck(common.DATA, photos(24, 80), name="sharp-24.json")
    print(common.machine_facts())
    with common.x_display(args.size) as display:
        results = {
            v: common.run_child(__file__, ["--child", v, "--deck", str(deck)], display, timeout=900)
            for v in ("ours", "fast only")
        }
    rows = []
    for variant, figures in results.items():
        for name in ("right first", "right sharp", "jump first", "jump sharp"):
            median, p95, low, _high = common.summary(figures[name])
            rows.append([variant, name, len(figures[name]), median, p95, low])
    screen = common.size_text(args.size)
    print(f"\nkey press -> frame on screen (ms), distinct 24 MP JPEGs, full screen {screen}")
    print(common.table(["viewer", "move, frame", "n", "median", "p95", "min"], rows))
    print("\npeak RSS (MB): " + ", ".join(f"{v} {results[v]['peak'][0]:.1f}" for v in results))
    print("'fast only' keeps the first picture: its 'sharp' frame is that same first frame")


if __name__ == "__main__":
    main()
