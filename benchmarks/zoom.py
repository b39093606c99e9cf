"""Z to the sharp region on screen: a key press zooms a 24 MP JPEG to 100 %, the region in view is
decoded from the original on a worker and painted over the enlarged picture.

    uv run python benchmarks/zoom.py                        # about a minute
    uv run python benchmarks/zoom.py --size 3840x2160       # on a 4K screen

Each run is a fresh child process, full screen on a real X server (a private Xvfb when DISPLAY is unset),
through the real window and key handler. For each of the distinct photos the pointer is put somewhere
over the photo, Z is posted, and the clock stops after the frame with the sharp region has been painted
and flushed (as in keypress.py); then Z returns to the whole photo and Right moves on. The baseline in
the same run is what a viewer without region decoding does: read the whole photo at full size with
Qt's reader (then it could crop).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import threading
import time
from pathlib import Path

from _common import (
    DATA,
    add_size_option,
    machine_facts,
    run_child,
    size_text,
    summary,
    table,
    write_deck,
    x_display,
)

SETTLE = 1.5  # seconds after a slide is up before Z: its neighbours have been prefetched


def _child(deck_path: Path, count: int) -> None:
    from PySide6.QtCore import QEvent, QPointF, Qt, QTimer
    from PySide6.QtGui import QKeyEvent, QMouseEvent
    from PySide6.QtWidgets import QApplication

    from slideshow.deck import load_deck
    from slideshow.ui.app import ShowOptions, build_show

    app = QApplication([sys.argv[0]])
    deck = load_deck(deck_path).deck
    assert deck is not None
    show = build_show(deck, ShowOptions(fullscreen=True, remember=False))
    window = show.window
    zoom = window.zoom
    assert zoom is not None
    latencies: list[float] = []
    pressed = [0.0]
    rng = random.Random(7)

    def post_key(key: Qt.Key) -> None:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.postEvent(window, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier))

    def zoom_in() -> None:
        at = QPointF(window.width() * rng.uniform(0.3, 0.7), window.height() * rng.uniform(0.3, 0.7))
        move = QMouseEvent(
            QEvent.Type.MouseMove,
            at,
            at,
            Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(window, move)
        pressed[0] = time.perf_counter()
        post_key(Qt.Key.Key_Z)

    def sharp(key: object, image: object) -> None:
        if not pressed[0]:
            return
        started, pressed[0] = pressed[0], 0.0
        window.repaint()

        def flushed() -> None:
            latencies.append((time.perf_counter() - started) * 1000)
            post_key(Qt.Key.Key_Z)  # back to the whole photo
            if len(latencies) >= count:
                QTimer.singleShot(0, app.quit)
            else:
                post_key(Qt.Key.Key_Right)

        QTimer.singleShot(0, flushed)

    def shown(index: int) -> None:
        threading.Timer(SETTLE, lambda: QTimer.singleShot(0, app, zoom_in)).start()

    zoom.details.picture_ready.connect(sharp)
    window.picture_shown.connect(shown)
    window.show_on(None, fullscreen=True)
    app.exec()
    print(json.dumps({"latencies": latencies}), flush=True)
    os._exit(0)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", "--photos", type=int, default=20, help="distinct 24 MP photos (default 20)")
    add_size_option(parser)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--deck", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.deck, args.photos)
        return

    from _photos import photos
    from PySide6.QtGui import QImageReader

    series = photos(24, args.photos + 1)
    deck = write_deck(DATA, series, name="zoom.json", transition="none")
    print(machine_facts())
    with x_display(args.size) as display:
        result = run_child(
            __file__, ["--child", "--deck", str(deck), "-n", str(args.photos)], display, timeout=600
        )
    naive = []
    for path in series[: args.photos]:
        started = time.perf_counter()
        image = QImageReader(str(path)).read()
        naive.append((time.perf_counter() - started) * 1000)
        assert not image.isNull()
    rows = [
        ["ours: Z -> sharp 100 % region on screen", len(result["latencies"]), *summary(result["latencies"])],
        ["baseline: whole photo read at full size", len(naive), *summary(naive)],
    ]
    print(
        f"\nZ on a 24 MP JPEG -> the sharp region at 100 % on screen, {size_text(args.size)} full screen (ms)"
    )
    print(table(["run", "n", "median", "p95", "min", "max"], rows))
    print(f"\ntarget: within 150 ms (1920x1080): median {rows[0][2]:.0f} ms, p95 {rows[0][3]:.0f} ms")


if __name__ == "__main__":
    main()
