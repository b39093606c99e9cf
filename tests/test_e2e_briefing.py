"""End to end under Xvfb: the presenter console on a second monitor, and a deck edited while it shows."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from _x11 import SCREEN, RunningApp, difference, halves, rendered_frames, split_monitors
from slideshow.ui.console_layout import console_layout

pytestmark = pytest.mark.e2e

MONITOR = (1920, 1080)
LAYOUT = console_layout(*MONITOR)  # where the console puts things, to read one region at a time


def read_text(image: Image.Image) -> str:
    if shutil.which("tesseract") is None:
        if os.environ.get("SLIDESHOW_REQUIRE_E2E"):
            pytest.fail("tesseract is needed to read the console; .ci/run installs tesseract-ocr")
        pytest.skip("needs tesseract-ocr to read the console")
    # Light text on the console's dark panels, as dark text on white: the muted labels too.
    grey = image.convert("L").point(lambda value: 0 if value > 110 else 255)
    buffer = io.BytesIO()
    grey.save(buffer, "PNG")
    result = subprocess.run(
        ["tesseract", "stdin", "stdout", "--psm", "3"],
        input=buffer.getvalue(),
        capture_output=True,
        timeout=120,
    )
    return " ".join(result.stdout.decode("utf-8", "replace").split())


def says_slide(text: str, number: int) -> bool:
    """The console's dashboard ("SLIDE" over "1 / 14"), read loosely: OCR may drop the spaces."""
    return re.search(rf"(?<![0-9]){number}\s*/\s*14(?![0-9])", text) is not None


@pytest.fixture
def wide_two_monitors() -> Iterator[str]:
    """One 3840x1080 X screen split into two 1920x1080 monitors."""
    yield from split_monitors(MONITOR)


def test_presenter_console_and_audience_follow_each_other(
    qapp: object, wide_two_monitors: str, repo_root: Path
) -> None:
    deck_file = repo_root / "slides.json"
    audience_frames = rendered_frames(deck_file, MONITOR, (0, 1))
    with RunningApp(wide_two_monitors, ["slides.json", "--presenter"], repo_root) as app:

        def laptop() -> Image.Image:  # the left monitor, where the console goes
            return halves(app.screenshot())[0]

        def projector() -> Image.Image:
            return halves(app.screenshot())[1]

        app.wait(lambda: difference(projector(), audience_frames[0]) < 6.0, "slide 1 on the projector")
        app.wait(lambda: says_slide(read_text(laptop()), 1), "the console on slide 1", timeout=40)
        console_text = read_text(laptop())
        assert "continuing for over a week" in console_text, console_text  # the notes, on the console only
        label = LAYOUT.next_label
        next_label = laptop().crop((int(label.x), int(label.y), int(label.right), int(label.bottom)))
        assert "Next" in read_text(next_label)
        projector_text = read_text(projector())
        assert "continuing for over a week" not in projector_text  # the audience never sees notes

        console = app.find_window("Presenter")
        assert console, "no window named Presenter"
        subprocess.run(
            ["xdotool", "windowfocus", "--sync", console],
            env={**os.environ, "DISPLAY": app.display},
            check=True,
            timeout=20,
        )
        app.key("Right")
        app.wait(lambda: difference(projector(), audience_frames[1]) < 6.0, "slide 2 on the projector")
        app.wait(lambda: says_slide(read_text(laptop()), 2), "the console on slide 2", timeout=40)
        app.key("q")
        assert app.wait_for_exit() == 0


def test_editing_the_deck_while_it_shows(qapp: object, display: str, tmp_path: Path, repo_root: Path) -> None:
    deck_dir = tmp_path / "deck"
    deck_dir.mkdir()
    shutil.copy(repo_root / "slides.json", deck_dir / "slides.json")
    shutil.copytree(repo_root / "assets", deck_dir / "assets")
    deck_file = deck_dir / "slides.json"
    size = SCREEN
    with RunningApp(display, [str(deck_file), "--fullscreen", "--no-presenter"], tmp_path) as app:
        app.key("6", "Return")
        [original] = rendered_frames(deck_file, size, [5])
        app.wait(lambda: difference(app.screenshot(), original) < 6.0, "slide 6")

        data = json.loads(deck_file.read_text(encoding="utf-8"))
        data["slides"][5]["caption"] = "EDITED: the camp has room for 7,500 tents."
        data["slides"].insert(1, {"title": "A new section", "caption": "inserted before slide 6"})
        _save_by_rename(deck_file, json.dumps(data, indent=2))
        [edited] = rendered_frames(deck_file, size, [6])  # the same slide, now number 7, with the new caption
        app.wait(lambda: difference(app.screenshot(), edited) < 6.0, "the edited caption on the same slide")
        assert " — 7/15" in app.title()

        broken = deck_file.read_text(encoding="utf-8").replace('"title"', '"title" 5', 1)
        deck_file.write_text(broken, encoding="utf-8")

        def banner_over_the_last_good_deck() -> bool:
            shot = app.screenshot()
            top = shot.crop((0, 0, size[0], 12)).convert("RGB").resize((1, 1)).getpixel((0, 0))
            below = shot.crop((0, size[1] // 4, size[0], size[1]))
            return (
                top[0] > 120
                and top[1] < 90
                and difference(below, edited.crop((0, size[1] // 4, *size))) < 6.0
            )

        app.wait(banner_over_the_last_good_deck, "the problem banner over the last good deck")
        _save_by_rename(deck_file, json.dumps(data, indent=2))
        app.wait(lambda: difference(app.screenshot(), edited) < 4.0, "the banner gone after the fix")
        app.key("q")
        assert app.wait_for_exit() == 0


def _save_by_rename(path: Path, text: str) -> None:
    temp = path.with_name(".slides.json.tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)
