"""Helpers for the end-to-end tests: a private X server (Xvfb), the real app running in it, and what its
screen shows compared with slides drawn by the exporter. A plain module, not a test file: test modules
import it as ``from _x11 import ...`` (pytest puts tests/ on sys.path for conftest.py).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

SCREEN = (1280, 720)
TOOLS = ("Xvfb", "xdotool", "import")
APP_WINDOW = "battle for Mosul"  # part of the bundled deck's title, which the window carries
STOP_GRACE_SECONDS = 3.0  # RunningApp.stop: how long SIGTERM may take before SIGKILL


def xvfb(width: int, height: int, tools: tuple[str, ...] = TOOLS) -> Iterator[str]:
    """Starts a private X server (no window manager) and yields its display name."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        message = f"needs {', '.join(missing)} (Debian: xvfb xdotool imagemagick x11-xserver-utils)"
        if os.environ.get("SLIDESHOW_REQUIRE_E2E"):
            pytest.fail(message)
        pytest.skip(message)
    read_end, write_end = os.pipe()
    command = [
        "Xvfb",
        "-displayfd",
        str(write_end),
        "-screen",
        "0",
        f"{width}x{height}x24",
        "-nolisten",
        "tcp",
    ]
    server = subprocess.Popen(
        [*command, "-noreset"],  # -noreset keeps xrandr's monitors when a client disconnects
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()  # Xvfb writes its display number once it accepts clients
    if not number:
        server.kill()
        pytest.fail("Xvfb did not start")
    try:
        yield f":{number}"
    finally:  # also when the caller fails before its own yield (xrandr in split_monitors)
        server.terminate()
        server.wait(timeout=10)


def xrandr(display: str, *args: str) -> None:
    subprocess.run(
        ["xrandr", *args], env={**os.environ, "DISPLAY": display}, check=True, capture_output=True, timeout=20
    )


def set_monitor(display: str, label: str, x: int, size: tuple[int, int], output: str) -> None:
    """Declares an xrandr monitor ``size`` pixels large at ``x`` (96 dpi), on ``output`` or "none"."""
    width, height = size
    geometry = f"{width}/{round(width * 0.264)}x{height}/{round(height * 0.264)}+{x}+0"
    xrandr(display, "--setmonitor", label, geometry, output)


def split_monitors(monitor: tuple[int, int]) -> Iterator[str]:
    """One X screen two monitors wide, split with xrandr as a laptop and a projector side by side appear."""
    width, height = monitor
    for name in xvfb(2 * width, height, (*TOOLS, "xrandr")):
        for label, x, output in (("left", 0, "screen"), ("right", width, "none")):
            set_monitor(name, label, x, monitor, output)
        yield name


def halves(shot: Image.Image) -> tuple[Image.Image, Image.Image]:
    """The left and right monitor of a screenshot of a screen two monitors wide."""
    width, height = shot.width // 2, shot.height
    return shot.crop((0, 0, width, height)), shot.crop((width, 0, 2 * width, height))


def qimage_png(image: object) -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[attr-defined]
    return bytes(buffer.data().data())


def rendered_frames(
    deck_file: Path, size: tuple[int, int], indices: Sequence[int] | None = None
) -> list[Image.Image]:
    """Slides ``indices`` (default: all) of the deck as the exporter (the window's painter) draws them at
    ``size``. A QApplication must exist (pytest-qt's ``qapp``)."""
    from slideshow.deck import load_deck
    from slideshow.export import render_slide

    deck = load_deck(deck_file).deck
    assert deck is not None
    if indices is None:
        indices = range(len(deck.slides))
    return [
        Image.open(io.BytesIO(qimage_png(render_slide(deck, index, size)))).convert("RGB")
        for index in indices
    ]


def difference(a: Image.Image, b: Image.Image) -> float:
    small = (160, 90)
    diff = ImageChops.difference(a.resize(small).convert("L"), b.resize(small).convert("L"))
    return float(ImageStat.Stat(diff).mean[0])


def closest_slide(shot: Image.Image, frames: list[Image.Image]) -> tuple[int, float]:
    scores = [difference(shot, frame) for frame in frames]
    best = min(range(len(scores)), key=scores.__getitem__)
    return best, scores[best]


def is_black(shot: Image.Image) -> bool:
    return max(ImageStat.Stat(shot.convert("L")).extrema[0]) == 0


def wait_until(
    condition: Callable[[], object],
    what: str | Callable[[], str],
    timeout: float = 15.0,
    process: subprocess.Popen[str] | None = None,
) -> object:
    """Polls ``condition`` until it returns something true, and returns that; fails the test after
    ``timeout`` seconds, or as soon as ``process`` (if given) has exited. ``what`` names what is awaited
    in the failure message; a callable is asked only then (to say what was seen instead)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        if process is not None and process.poll() is not None:
            pytest.fail(
                f"the app exited ({process.returncode}) while waiting for "
                f"{what() if callable(what) else what}: {process.stderr.read() if process.stderr else ''}"
            )
        time.sleep(0.05)  # polling for a condition, not a fixed wait
    pytest.fail(f"timed out waiting for {what() if callable(what) else what}")


class RunningApp:
    """``python -m slideshow ARGS`` on ``display``, once its window is visible; a with block stops it."""

    def __init__(self, display: str, args: list[str], cwd: Path, window: str = APP_WINDOW) -> None:
        """``window``: part of the title of the window to wait for (the show's, by default)."""
        env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
        env["DISPLAY"] = display
        self.display = display
        self.process = subprocess.Popen(
            [sys.executable, "-m", "slideshow", *args],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            self.window = self.wait(lambda: self.find_window(window), f"the window {window!r} to appear")
        except BaseException:  # a window that never came must not leave its process running
            self.stop()
            raise

    def _xdotool(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["xdotool", *args],
            env={**os.environ, "DISPLAY": self.display},
            capture_output=True,
            text=True,
            timeout=20,
        )

    def find_window(self, name: str = APP_WINDOW, pid: int | None = None) -> str | None:
        """The first visible window whose title contains ``name`` (of process ``pid`` if given), or None."""
        by_pid = ["--pid", str(pid)] if pid is not None else []
        found = self._xdotool("search", "--onlyvisible", *by_pid, "--name", name)
        return found.stdout.split()[0] if found.returncode == 0 and found.stdout.split() else None

    def key(self, *keys: str) -> None:
        for key in keys:
            assert self._xdotool("key", "--clearmodifiers", key).returncode == 0

    def move_pointer(self, x: int, y: int) -> None:
        assert self._xdotool("mousemove", str(x), str(y)).returncode == 0

    def title(self) -> str:
        return self._xdotool("getwindowname", self.window).stdout.strip()

    def screenshot(self) -> Image.Image:
        shot = subprocess.run(
            ["import", "-display", self.display, "-window", "root", "png:-"],
            capture_output=True,
            timeout=30,
            check=True,
        )
        return Image.open(io.BytesIO(shot.stdout)).convert("RGB")

    def wait(self, condition: Callable[[], object], what: str, timeout: float = 15.0) -> object:
        """Waits until ``condition`` holds, failing early with the app's output if it dies meanwhile."""
        return wait_until(condition, what, timeout, self.process)

    def wait_for_exit(self, timeout: float = 10.0) -> int:
        return self.process.wait(timeout=timeout)

    def stop(self) -> None:
        """SIGTERM first: a kiosk supervisor then stops its viewer, which SIGKILL would orphan."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=STOP_GRACE_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def __enter__(self) -> RunningApp:
        return self

    def __exit__(self, *_exc: object) -> None:
        """Whatever the test did, the app does not outlive it."""
        self.stop()
