"""End to end: the real app in a real X server (Xvfb, no window manager), real key presses with xdotool,
and what the screen shows after each, compared with the same slide drawn by the exporter.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from _x11 import SCREEN, TOOLS, RunningApp, closest_slide, difference, halves, is_black, xvfb

pytestmark = pytest.mark.e2e

TITLE = "The battle for Mosul explained in pictures"


def wait_for_slide(app: RunningApp, frames: list[Image.Image], number: int, *, moving: bool = False) -> None:
    """Waits until the screen shows slide ``number``; the title must agree unless autoplay is moving on.

    While autoplay moves on, a later slide counts too: on a busy machine a screenshot can take longer
    than a slide stays up, and the test must not depend on catching one particular second.
    """

    def showing() -> bool:
        best, score = closest_slide(app.screenshot(), frames)
        return (best >= number - 1 if moving else best == number - 1) and score < 6.0

    app.wait(showing, f"slide {number} on screen")
    if not moving:
        assert f" — {number}/{len(frames)}" in app.title()


def slide_on_screen(app: RunningApp, frames: list[Image.Image]) -> int | None:
    """The number of the slide the screen shows, or None (between slides, in a transition)."""
    best, score = closest_slide(app.screenshot(), frames)
    return best + 1 if score < 6.0 else None


def test_keys_drive_the_real_window(
    display: str, expected_frames: list[Image.Image], repo_root: Path
) -> None:
    with RunningApp(display, ["slides.json", "--fullscreen"], repo_root) as app:
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
        app.wait(lambda: is_black(app.screenshot()), "the black screen")
        app.key("b")
        wait_for_slide(app, expected_frames, 12)
        app.key("q")
        assert app.wait_for_exit() == 0


def test_kiosk_keeps_running_until_the_exit_chord(
    display: str, expected_frames: list[Image.Image], repo_root: Path
) -> None:
    with RunningApp(display, ["slides.json", "--kiosk", "--autoplay", "1"], repo_root) as app:
        wait_for_slide(app, expected_frames, 1, moving=True)  # on a busy machine slide 2 may be up by now
        app.key("Escape", "q", "F11", "alt+F4", "b", "a")
        # Autoplay goes on: stray keys did not pause it. A slide is up for about a second, less than a
        # screenshot can take on a busy machine, so wait for the show to move on from the slide seen after
        # the keys (twice), not for one particular slide.
        for _ in range(2):
            after_keys = app.wait(lambda: slide_on_screen(app, expected_frames), "a slide on screen")
            app.wait(
                lambda seen=after_keys: slide_on_screen(app, expected_frames) not in (None, seen),
                f"autoplay to move on from slide {after_keys}",
            )
            assert app.process.poll() is None  # the keys have been handled by now, and none ended the kiosk
        assert app.screenshot().size == SCREEN
        app.key("ctrl+shift+q")
        assert app.wait_for_exit() == 0


@pytest.fixture
def display_with_window_manager() -> Iterator[str]:
    """A desktop-like X server: openbox handles full-screen requests the way desktop window managers do."""
    for name in xvfb(*SCREEN, (*TOOLS, "openbox")):
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
    display_with_window_manager: str, expected_frames: list[Image.Image], repo_root: Path
) -> None:
    with RunningApp(display_with_window_manager, ["slides.json"], repo_root) as app:

        def framed() -> bool:  # a normal window: the desktop shows round it, the slide is smaller
            best, score = closest_slide(app.screenshot(), expected_frames)
            return score > 6.0

        app.wait(framed, "a normal window")
        app.key("f")
        wait_for_slide(app, expected_frames, 1)  # fills the screen exactly
        app.key("Escape")
        app.wait(framed, "the normal window again")
        app.key("F5")
        wait_for_slide(app, expected_frames, 1)
        app.key("q")
        assert app.wait_for_exit() == 0


def test_screen_option_puts_the_show_on_the_second_monitor(
    two_monitors: str, expected_frames: list[Image.Image], repo_root: Path
) -> None:
    with RunningApp(
        two_monitors, ["slides.json", "--screen", "2", "--fullscreen", "--no-presenter"], repo_root
    ) as app:

        def on_the_right() -> bool:
            left, right = halves(app.screenshot())
            return is_black(left) and difference(right, expected_frames[0]) < 6.0

        app.wait(on_the_right, "slide 1 full screen on the second monitor")
        app.key("q")
        assert app.wait_for_exit() == 0


def test_z_shows_the_photo_centre_pixel_for_pixel(display: str, tmp_path: Path) -> None:
    """Z on a 12 MP JPEG: once the sharp region has replaced the enlarged picture, the middle of the screen
    is the middle of the photo at 1:1, compared with a crop of the original."""
    from PIL import ImageChops, ImageDraw, ImageStat

    photo = Image.effect_noise((4000, 3000), 60).convert("RGB")
    draw = ImageDraw.Draw(photo)
    for x in range(0, 4000, 5):
        draw.line([x, 0, x, 3000], fill=(250, 240, 40))
    photo.save(tmp_path / "detail.jpg", quality=95)
    slides = [{"image": "detail.jpg", "caption": ""}, {"title": "End", "caption": ""}]
    deck = json.dumps({"title": "Zoom into the battle for Mosul", "slides": slides})
    (tmp_path / "slides.json").write_text(deck, encoding="utf-8")
    with Image.open(tmp_path / "detail.jpg") as original:
        truth = original.convert("RGB").crop((1800, 1350, 2200, 1650))
    left, top = SCREEN[0] // 2 - 200, SCREEN[1] // 2 - 150

    def centre_difference() -> float:
        shot = app.screenshot().crop((left, top, left + 400, top + 300))
        return max(ImageStat.Stat(ImageChops.difference(shot, truth)).mean)

    with RunningApp(display, ["slides.json", "--fullscreen"], tmp_path) as app:
        app.wait(lambda: not is_black(app.screenshot()), "the photo on screen")
        assert centre_difference() > 20  # fitted: a quarter of the size, nothing like the crop
        app.move_pointer(5, SCREEN[1] // 2)  # beside the photo: Z centres on its middle
        app.key("z")
        app.wait(lambda: centre_difference() < 4, "the photo's centre at 1:1")
        app.key("Right")
        app.wait(lambda: centre_difference() > 20, "the next slide")
        app.key("q")
        assert app.wait_for_exit() == 0
