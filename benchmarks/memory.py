"""Peak memory (RSS) after stepping through 100 and through 500 slides of distinct 12 MP photos.

    uv run python benchmarks/memory.py             # about 4 minutes (plus ~5 minutes to make 500 photos once)
    uv run python benchmarks/memory.py --size 3840x2160 --megapixels 24 --slides 100    # 4K, 24 MP photos

Each variant runs in a fresh process on a real X server at 1920x1080 (a private Xvfb when DISPLAY is
unset), full screen, and steps forward with Right-arrow key events through the real key handler, each
press after the previous slide's picture has been painted. The peak resident set size
(``getrusage().ru_maxrss``) is read after slide 100 and after slide 500. The naive baseline
(``naive_viewer.py``: QPixmap(path) scaled on every key, nothing cached) steps the same way.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
from pathlib import Path

from _common import (
    DATA,
    FULL_HD,
    add_size_option,
    machine_facts,
    run_child,
    size_text,
    table,
    write_deck,
    x_display,
)

FIRST_CHECKPOINT = 100


def _rss_mb() -> tuple[float, float]:
    """(peak, current) resident set size in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    with open("/proc/self/statm") as f:
        current = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    return peak, current


def _child(variant: str, deck_path: Path, slides: int) -> None:
    checkpoints = {FIRST_CHECKPOINT, slides}
    from PySide6.QtCore import QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    if variant == "ours":
        from slideshow.deck import load_deck
        from slideshow.ui.app import ShowOptions, build_show

        deck = load_deck(deck_path).deck
        assert deck is not None
        show = build_show(deck, ShowOptions(fullscreen=True))
        window = show.window
        window.show_on(None, fullscreen=True)
    else:
        from naive_viewer import NaiveViewer

        photos = [Path(deck_path.parent, s["image"]) for s in json.loads(deck_path.read_text())["slides"]]
        window = NaiveViewer(photos)
        window.show_full_screen()
    readings: dict[int, tuple[float, float]] = {}

    def shown(index: int) -> None:
        number = index + 1
        if number in checkpoints:
            readings[number] = _rss_mb()
        if number >= slides:
            QTimer.singleShot(0, app.quit)
            return
        press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier)
        QTimer.singleShot(0, lambda: QApplication.postEvent(window, press))

    window.picture_shown.connect(shown)
    app.exec()
    print(json.dumps({str(k): v for k, v in readings.items()}), flush=True)
    os._exit(0)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_size_option(parser)
    parser.add_argument("--megapixels", type=int, choices=(12, 24, 45), default=12, help="photo size (12)")
    parser.add_argument("--slides", type=int, default=500, help="slides to step through (default 500)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--deck", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    slides = max(FIRST_CHECKPOINT, args.slides)
    if args.child:
        _child(args.child, args.deck, slides)
        return

    from _photos import photos

    mp = args.megapixels
    print(f"making {slides} distinct {mp} MP photos in {DATA} (first run only)...", file=sys.stderr)
    deck = write_deck(DATA, photos(mp, slides), name=f"memory-{mp}.json")
    print(machine_facts())
    results: dict[str, dict[str, list[float]]] = {}
    args_of = ["--slides", str(slides), "--deck", str(deck)]
    with x_display(args.size) as display:
        for variant in ("ours", "naive"):
            results[variant] = run_child(__file__, ["--child", variant, *args_of], display, timeout=1800)
    first, last = str(FIRST_CHECKPOINT), str(slides)
    rows = []
    for variant, readings in results.items():
        early, late = readings[first], readings[last]
        growth = (late[0] / early[0] - 1) * 100
        rows.append([variant, early[0], late[0], f"{growth:+.1f} %", early[1], late[1]])
    screen = size_text(args.size)
    print(f"\npeak RSS (MB) stepping through distinct {mp} MP photos, full screen {screen}")
    print(
        table(["viewer", f"peak @{first}", f"peak @{last}", "growth", f"now @{first}", f"now @{last}"], rows)
    )
    ours = rows[0]
    limit = 160 if args.size == FULL_HD else 300
    print(
        f"\ntargets: peak after {first} <= {limit} MB: {ours[1]:.0f} MB | "
        f"at most +10 % after {last}: {ours[3]}"
    )


if __name__ == "__main__":
    main()
