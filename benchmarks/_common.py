"""What every benchmark shares: machine facts, statistics, a table printer, an X server, test decks.

The benchmarks are scripts, not tests: they print figures beside a baseline measured in the same run and
assert nothing about time. Run each with one command from the checkout, e.g.
``uv run python benchmarks/decode.py``; add ``--help`` for its options.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / ".data"
SRC = ROOT / "src"
if str(SRC) not in sys.path:  # run from a clean clone without installing: use the checkout's code
    sys.path.insert(0, str(SRC))


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def machine_facts() -> str:
    """One paragraph that says where the figures come from; load shows whether the run was quiet."""
    import PIL
    import PySide6
    from PySide6.QtCore import qVersion

    return (
        f"machine: {cpu_model()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}\n"
        f"software: Python {platform.python_version()}, PySide6 {PySide6.__version__} (Qt {qVersion()}), "
        f"Pillow {PIL.__version__}\n"
        f"load average at start: {load_average()}"
    )


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (p95 of 20 values is the 19th smallest): no interpolation surprises."""
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def summary(values: Sequence[float]) -> tuple[float, float, float, float]:
    """(median, p95, min, max) in the values' own unit."""
    return statistics.median(values), percentile(values, 0.95), min(values), max(values)


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(h) for h in header]] + [[_cell(v) for v in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = []
    for n, row in enumerate(cells):
        line = "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )
        lines.append(line.rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


FULL_HD = (1920, 1080)


def screen_size(text: str) -> tuple[int, int]:
    """``--size WxH`` (e.g. 3840x2160): the X screen the benchmark runs on."""
    width, _, height = text.lower().partition("x")
    if not (width.isdigit() and height.isdigit() and int(width) >= 320 and int(height) >= 200):
        raise ValueError(f"expected WIDTHxHEIGHT such as 3840x2160, not {text!r}")
    return int(width), int(height)


def add_size_option(parser: argparse.ArgumentParser) -> None:
    """``--size WxH``: the X screen the benchmark runs on (a private Xvfb when not 1920x1080)."""
    parser.add_argument(
        "--size", type=screen_size, default=FULL_HD, metavar="WxH", help="X screen size (default 1920x1080)"
    )


def size_text(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


@contextmanager
def x_display(size: tuple[int, int] = FULL_HD) -> Iterator[str]:
    """The DISPLAY to use: the caller's when set (and ``size`` is the default), else a private Xvfb
    started here at ``size``."""
    if os.environ.get("DISPLAY") and not os.environ.get("BENCH_OWN_XVFB") and size == FULL_HD:
        yield os.environ["DISPLAY"]
        return
    if shutil.which("Xvfb") is None:
        sys.exit("needs an X server: set DISPLAY, or install Xvfb (Debian: apt-get install xvfb)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{size[0]}x{size[1]}x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()  # Xvfb writes its display number once it accepts clients
    if not number:
        server.kill()
        sys.exit("Xvfb did not start")
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def write_deck(
    folder: Path,
    photos: Sequence[Path],
    title: str = "Benchmark deck",
    name: str = "slides.json",
    transition: str | None = None,
    **settings: object,
) -> Path:
    """A deck file in ``folder`` showing ``photos`` (which must live inside ``folder``), with captions
    so every frame also lays out and paints the caption band, as a real show does. ``transition``
    None keeps the deck's default (a short fade); other keyword arguments are further deck settings."""
    slides = [
        {
            "image": os.path.relpath(photo, folder),
            "caption": f"Photo {n}: a street with brick houses, trees and signs, seen from the hill",
            "place": "Mosul, Iraq",
            "date": "2017-07-10",
        }
        for n, photo in enumerate(photos, start=1)
    ]
    all_settings: dict[str, object] = {"loop": True, **settings}
    if transition is not None:
        all_settings["transition"] = transition
    deck = {"title": title, "settings": all_settings, "slides": slides}
    path = folder / name
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(deck, indent=1), encoding="utf-8")
    return path


def child_env(display: str | None = None, **extra: str) -> dict[str, str]:
    """The environment for a measured child process: the checkout's code first, a real X display."""
    env = dict(os.environ)
    # Python's bytecode cache, as on any machine where the program has run once (and in the frozen app);
    # some sandboxes turn it off, which would make every measured start compile the whole program.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.setdefault("LANG", "C.UTF-8")
    if display is not None:
        env["DISPLAY"] = display
        env["QT_QPA_PLATFORM"] = "xcb"
        env.pop("WAYLAND_DISPLAY", None)
    env.update(extra)
    return env


def time_command(
    command: Sequence[str], env: dict[str, str], *, cwd: Path | None = None, timeout: float = 60
) -> float:
    """Milliseconds from spawning ``command`` to its exit. A failed run ends the benchmark with its
    stderr; anything the command printed is noted on stderr (a measured start should print nothing)."""
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    elapsed = (time.perf_counter() - started) * 1000
    shown = " ".join(command)
    if done.returncode != 0:
        sys.exit(f"{shown} failed ({done.returncode}):\n{done.stderr.strip()[-2000:]}")
    printed = (done.stdout + done.stderr).strip()
    if printed:
        print(f"note: {shown} printed: {printed[:200]}", file=sys.stderr)
    return elapsed


def run_child(script: str | Path, args: Sequence[str], display: str, *, timeout: float) -> dict[str, Any]:
    """Runs ``python script ARGS`` on X ``display`` (a measured child that prints its results as one
    JSON line last) and returns that line parsed; a failed child ends the benchmark with its stderr."""
    command = [sys.executable, str(script), *args]
    done = subprocess.run(command, env=child_env(display), capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        sys.exit(f"{Path(script).name} {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    lines = done.stdout.strip().splitlines()
    if not lines:
        sys.exit(f"{Path(script).name} {' '.join(args)} printed no result:\n{done.stderr}")
    result: dict[str, Any] = json.loads(lines[-1])
    return result


@contextmanager
def window_manager(display: str) -> Iterator[str | None]:
    """openbox on ``display`` for the block (viewers are timed as on a desktop), or None when it is not
    installed (Debian: apt-get install openbox)."""
    if shutil.which("openbox") is None or shutil.which("xprop") is None:
        yield None
        return
    env = {**os.environ, "DISPLAY": display}
    manager = subprocess.Popen(["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # openbox announces itself on the root window once it manages
        probe = subprocess.run(
            ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], env=env, capture_output=True, text=True
        )
        if "window id" in probe.stdout:
            break
        time.sleep(0.05)
    try:
        yield "openbox"
    finally:
        manager.terminate()
        manager.wait(timeout=10)
