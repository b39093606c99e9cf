"""Time from process start to the first photo on screen, with a 24 MP photo as slide 1.

    uv run python benchmarks/startup.py            # about a minute

Each run starts a fresh process full screen on a real X server (a private 1920x1080 Xvfb when DISPLAY is
unset) with the hidden ``--quit-after-first-frame`` option: the viewer exits as soon as the frame with
slide 1's picture has been painted and flushed, so the process's lifetime is the start-up time. The
naive baseline (``naive_viewer.py``: QPixmap(path), scaled, on the GUI thread) is started the same way,
alternating with ours so both see the same machine. Two floors say what any PySide6 program pays here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _common import DATA, HERE, child_env, machine_facts, summary, table, time_command, write_deck, x_display


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", "--runs", type=int, default=21, help="runs per row (default 21)")
    args = parser.parse_args()

    from _photos import photo

    photos = [photo(24, seed) for seed in (1, 2, 3)]
    deck = write_deck(DATA, photos, title="Start-up benchmark", name="startup.json")
    script = Path(sys.executable).with_name("slideshow")  # the installed command, as people start it
    ours = [str(script)] if script.exists() else [sys.executable, "-m", "slideshow"]
    commands = {
        "ours: slideshow DECK --fullscreen": [*ours, str(deck), "--fullscreen", "--quit-after-first-frame"],
        "naive Qt viewer": [
            sys.executable,
            str(HERE / "naive_viewer.py"),
            str(photos[0]),
            "--quit-after-first-frame",
        ],
        "floor: python -c pass": [sys.executable, "-c", "pass"],
        "floor: import PySide6.QtWidgets": [sys.executable, "-c", "import PySide6.QtWidgets"],
    }
    print(machine_facts())
    times: dict[str, list[float]] = {name: [] for name in commands}
    with x_display() as display:
        env = child_env(display)
        for command in commands.values():  # warm the file and bytecode caches; not counted
            time_command(command, env)
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(time_command(command, env))
    rows = [[name, len(values), *summary(values)] for name, values in times.items()]
    print()
    print("process start -> first 24 MP photo on screen, 1920x1080 full screen (ms)")
    print(table(["run", "n", "median", "p95", "min", "max"], rows))
    median = rows[0][2]
    print(f"\ntarget: median <= 250 ms: ours {median:.0f} ms, naive {rows[1][2]:.0f} ms")


if __name__ == "__main__":
    main()
