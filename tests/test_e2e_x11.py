"""End to end: the real app in a real X server (Xvfb, no window manager), real key presses with xdotool,
and what the screen shows after each, compared with the same slide drawn by the exporter.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

pytestmark = pytest.mark.e2e

SCREEN = (1280, 720)
TOOLS = ("Xvfb", "xdotool", "import")
TITLE = "The battle for Mosul explained in pictures"


def _xvfb(width: int, height: int, tools: tuple[str, ...] = TOOLS) -> Iterator[str]:
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
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    yield from _xvfb(*SCREEN)


def split_monitors(monitor: tuple[int, int]) -> Iterator[str]:
    """One X screen two monitors wide, split with xrandr as a laptop and a projector side by side appear."""
    width, height = monitor
    for name in _xvfb(2 * width, height, (*TOOLS, "xrandr")):
        env = {**os.environ, "DISPLAY": name}
        for label, x, output in (("left", 0, "screen"), ("right", width, "none")):
            geometry = f"{width}/{round(width * 0.264)}x{height}/{round(height * 0.264)}+{x}+0"  # 96 dpi
            command = ["xrandr", "--setmonitor", label, geometry, output]
            subprocess.run(command, env=env, check=True, capture_output=True, timeout=20)
        yield name


@pytest.fixture(scope="module")
def two_monitors() -> Iterator[str]:
    yield from split_monitors(SCREEN)


@pytest.fixture(scope="module")
def expected_frames(qapp: object, repo_root_module: Path) -> list[Image.Image]:
    """Every slide of the bundled deck as the exporter draws it at the screen's size."""
    from slideshow.deck import load_deck
    from slideshow.export import render_slide

    deck = load_deck(repo_root_module / "slides.json").deck
    assert deck is not None
    frames = []
    for index in range(len(deck.slides)):
        image = render_slide(deck, index, SCREEN)
        frames.append(Image.open(io.BytesIO(_qimage_png(image))).convert("RGB"))
    return frames


@pytest.fixture(scope="module")
def repo_root_module() -> Path:
    return Path(__file__).resolve().parent.parent


class RunningApp:
    def __init__(self, display: str, args: list[str], cwd: Path) -> None:
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
            self.window = self._wait(lambda: self._find_window(), "the window to appear")
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

    def _find_window(self) -> str | None:
        found = self._xdotool("search", "--onlyvisible", "--name", "battle for Mosul")
        return found.stdout.split()[0] if found.returncode == 0 and found.stdout.split() else None

    def key(self, *keys: str) -> None:
        for key in keys:
            assert self._xdotool("key", "--clearmodifiers", key).returncode == 0

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

    def _wait(self, condition: Callable[[], object], what: str, timeout: float = 15.0) -> object:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = condition()
            if result:
                return result
            if self.process.poll() is not None:
                pytest.fail(
                    f"the app exited ({self.process.returncode}) while waiting for {what}: "
                    f"{self.process.stderr.read() if self.process.stderr else ''}"
                )
            time.sleep(0.05)  # polling the X server for a condition, not a fixed wait
        pytest.fail(f"timed out waiting for {what}")

    def wait_for_exit(self, timeout: float = 10.0) -> int:
        return self.process.wait(timeout=timeout)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def __enter__(self) -> RunningApp:
        return self

    def __exit__(self, *_exc: object) -> None:
        """Whatever the test did, the app does not outlive it."""
        self.stop()


def closest_slide(shot: Image.Image, frames: list[Image.Image]) -> tuple[int, float]:
    scores = [_difference(shot, frame) for frame in frames]
    best = min(range(len(scores)), key=scores.__getitem__)
    return best, scores[best]


def _difference(a: Image.Image, b: Image.Image) -> float:
    small = (160, 90)
    diff = ImageChops.difference(a.resize(small).convert("L"), b.resize(small).convert("L"))
    return float(ImageStat.Stat(diff).mean[0])


def wait_for_slide(app: RunningApp, frames: list[Image.Image], number: int, *, moving: bool = False) -> None:
    """Waits until the screen shows slide ``number``; the title must agree unless autoplay is moving on."""

    def showing() -> bool:
        best, score = closest_slide(app.screenshot(), frames)
        return best == number - 1 and score < 6.0

    app._wait(showing, f"slide {number} on screen")
    if not moving:
        assert f" — {number}/{len(frames)}" in app.title()


def is_black(shot: Image.Image) -> bool:
    return max(ImageStat.Stat(shot.convert("L")).extrema[0]) == 0


def test_keys_drive_the_real_window(
    display: str, expected_frames: list[Image.Image], repo_root_module: Path
) -> None:
    with RunningApp(display, ["slides.json", "--fullscreen"], repo_root_module) as app:
        assert app.title().startswith(f"{TITLE} — 1/14")
        wait_for_slide(app, expected_frames, 1)
        shot = app.screenshot()
        assert shot.size == SCREEN  # full screen without a window manager
        for key, number in [("Right", 2), ("Next", 3), ("Left", 2), ("End", 14), ("Home", 1)]:
            app.key(key)
            wait_for_slide(app, expected_frames, number)
        app.key("1", "2")
        app.key("Return")
        wait_for_slide(app, expected_frames, 12)
        app.key("b")
        app._wait(lambda: is_black(app.screenshot()), "the black screen")
        app.key("b")
        wait_for_slide(app, expected_frames, 12)
        app.key("q")
        assert app.wait_for_exit() == 0


def test_kiosk_keeps_running_until_the_exit_chord(
    display: str, expected_frames: list[Image.Image], repo_root_module: Path
) -> None:
    with RunningApp(display, ["slides.json", "--kiosk", "--autoplay", "1"], repo_root_module) as app:
        wait_for_slide(app, expected_frames, 1)
        app.key("Escape", "q", "F11", "alt+F4", "b", "a")
        assert app.process.poll() is None
        wait_for_slide(app, expected_frames, 2, moving=True)  # autoplay goes on: stray keys did not pause it
        assert app.screenshot().size == SCREEN
        wait_for_slide(app, expected_frames, 3, moving=True)
        app.key("ctrl+shift+q")
        assert app.wait_for_exit() == 0


@pytest.fixture
def display_with_window_manager() -> Iterator[str]:
    """A desktop-like X server: openbox handles full-screen requests the way desktop window managers do."""
    for name in _xvfb(*SCREEN, (*TOOLS, "openbox")):
        manager = subprocess.Popen(
            ["openbox"],
            env={**os.environ, "DISPLAY": name},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        yield name
        manager.terminate()
        manager.wait(timeout=10)


def test_full_screen_on_and_off_under_a_window_manager(
    display_with_window_manager: str, expected_frames: list[Image.Image], repo_root_module: Path
) -> None:
    with RunningApp(display_with_window_manager, ["slides.json"], repo_root_module) as app:

        def framed() -> bool:  # a normal window: the desktop shows round it, the slide is smaller
            best, score = closest_slide(app.screenshot(), expected_frames)
            return score > 6.0

        app._wait(framed, "a normal window")
        app.key("f")
        wait_for_slide(app, expected_frames, 1)  # fills the screen exactly
        app.key("Escape")
        app._wait(framed, "the normal window again")
        app.key("F5")
        wait_for_slide(app, expected_frames, 1)
        app.key("q")
        assert app.wait_for_exit() == 0


def test_screen_option_puts_the_show_on_the_second_monitor(
    two_monitors: str, expected_frames: list[Image.Image], repo_root_module: Path
) -> None:
    with RunningApp(
        two_monitors, ["slides.json", "--screen", "2", "--fullscreen", "--no-presenter"], repo_root_module
    ) as app:
        width, height = SCREEN

        def on_the_right() -> bool:
            shot = app.screenshot()
            left, right = shot.crop((0, 0, width, height)), shot.crop((width, 0, 2 * width, height))
            return is_black(left) and _difference(right, expected_frames[0]) < 6.0

        app._wait(on_the_right, "slide 1 full screen on the second monitor")
        app.key("q")
        assert app.wait_for_exit() == 0


def _qimage_png(image: object) -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[attr-defined]
    return bytes(buffer.data().data())
