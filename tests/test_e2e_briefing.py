"""End to end under Xvfb: the presenter console on a second monitor as a presenter uses it (read back with
OCR), and a deck edited while it shows."""

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
from PIL import Image, ImageChops

from _x11 import SCREEN, RunningApp, difference, halves, is_black, rendered_frames, split_monitors
from slideshow.render.geometry import Box
from slideshow.ui.console_layout import console_layout

pytestmark = pytest.mark.e2e

MONITOR = (1920, 1080)
LAYOUT = console_layout(*MONITOR)  # where the console puts things, to read one region at a time


def read_text(image: Image.Image, mode: str = "3") -> str:
    """The words in ``image``, on one line."""
    return " ".join(read_lines(image, mode))


def read_lines(image: Image.Image, mode: str = "3") -> list[str]:
    """The lines of text in ``image`` as tesseract reads them (page segmentation ``mode``)."""
    if shutil.which("tesseract") is None:
        if os.environ.get("SLIDESHOW_REQUIRE_E2E"):
            pytest.fail("tesseract is needed to read the console; .ci/run installs tesseract-ocr")
        pytest.skip("needs tesseract-ocr to read the console")
    # Light text on the console's dark panels, as dark text on white: the muted labels too.
    grey = image.convert("L").point(lambda value: 0 if value > 110 else 255)
    buffer = io.BytesIO()
    grey.save(buffer, "PNG")
    result = subprocess.run(
        ["tesseract", "stdin", "stdout", "--psm", mode],
        input=buffer.getvalue(),
        capture_output=True,
        timeout=120,
    )
    lines = result.stdout.decode("utf-8", "replace").splitlines()
    return [" ".join(line.split()) for line in lines if line.strip()]


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

        focus(app, "Presenter")
        app.key("Right")
        app.wait(lambda: difference(projector(), audience_frames[1]) < 6.0, "slide 2 on the projector")
        app.wait(lambda: says_slide(read_text(laptop()), 2), "the console on slide 2", timeout=40)
        app.key("q")
        assert app.wait_for_exit() == 0


def crop(shot: Image.Image, box: Box) -> Image.Image:
    return shot.crop((int(box.x), int(box.y), int(box.right), int(box.bottom)))


def focus(app: RunningApp, name: str) -> None:
    window = app.find_window(name)
    assert window, f"no window named {name}"
    subprocess.run(
        ["xdotool", "windowfocus", "--sync", window],
        env={**os.environ, "DISPLAY": app.display},
        check=True,
        timeout=20,
    )


def dashboard_cell(shot: Image.Image, number: int, cells: int) -> Image.Image:
    """Figure ``number`` of the ``cells`` the dashboard shows (as console_parts.paint_dashboard lays them)."""
    bar = LAYOUT.bar
    pad = bar.height * 0.16
    width = (bar.width - pad) / cells
    return shot.crop((int(pad + number * width), 0, int(pad + (number + 1) * width), int(bar.bottom)))


def red_pixels(image: Image.Image, most_green: int = 90) -> int:
    """How many pixels are a strong red: the laser's dot, or the overrun's figures."""
    red, green, blue = image.convert("RGB").split()
    mask = ImageChops.multiply(
        red.point(lambda v: 255 if v > 200 else 0),
        ImageChops.multiply(
            green.point(lambda v: 255 if v < most_green else 0),
            blue.point(lambda v: 255 if v < most_green else 0),
        ),
    )
    return mask.histogram()[255]


def red_near(shot: Image.Image, x: float, y: float, reach: int = 30) -> int:
    return red_pixels(shot.crop((int(x) - reach, int(y) - reach, int(x) + reach, int(y) + reach)))


def test_a_briefing_at_the_console(
    qapp: object, wide_two_monitors: str, repo_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # sizes chosen here stay here
    deck_file = repo_root / "slides.json"
    first, last = rendered_frames(deck_file, MONITOR, (0, 13))
    args = ["slides.json", "--presenter", "--no-loop", "--target", "1"]
    with RunningApp(wide_two_monitors, args, repo_root) as app:

        def laptop() -> Image.Image:
            return halves(app.screenshot())[0]

        def projector() -> Image.Image:
            return halves(app.screenshot())[1]

        app.wait(lambda: difference(projector(), first) < 6.0, "slide 1 on the projector")
        app.wait(lambda: says_slide(read_text(laptop()), 1), "the console on slide 1", timeout=40)
        focus(app, "Presenter")

        # The countdown to --target 1: a minute at most is left.
        left = read_text(dashboard_cell(laptop(), 3, 5))
        assert "TIME LEFT" in left and re.search(r"0:[0-5][0-9]|1:00", left), left

        # The notes as written: each paragraph of slide 1's notes starts a line of its own.
        lines = read_lines(crop(laptop(), LAYOUT.notes), "6")
        assert any(line.startswith("The battle for Mosul") for line in lines), lines
        assert any(line.startswith("The Iraqi government") for line in lines), lines
        assert any(line.startswith("At stake") for line in lines), lines
        assert not any("2014" in line and "Iraqi" in line for line in lines), lines

        # Bigger notes no longer fit: D scrolls down to the last sentence, U back up.
        app.key("plus", "plus", "plus", "plus")
        app.wait(lambda: "more below" in read_text(crop(laptop(), LAYOUT.notes)), "the notes overflowing")
        assert "Iraqi territory" not in read_text(crop(laptop(), LAYOUT.notes))
        for _ in range(6):
            if "Iraqi territory" in read_text(crop(laptop(), LAYOUT.notes)):
                break
            app.key("d")
        notes = read_text(crop(laptop(), LAYOUT.notes))
        assert "Iraqi territory" in notes and "more above" in notes and "more below" not in notes, notes
        app.key("u", "u", "u", "u", "u")
        app.wait(
            lambda: read_text(crop(laptop(), LAYOUT.notes)).startswith("The battle for Mosul"),
            "notes at the top",
        )

        # The presenter types "1 2": the console says so, the audience sees nothing of it.
        before = projector()
        app.key("1")
        app.wait(lambda: re.search(r"Go\s*to\s*[1lI|]", read_text(crop(laptop(), LAYOUT.current))), "Go to 1")
        assert projector().tobytes() == before.tobytes()
        app.key("2")
        app.wait(
            lambda: re.search(r"Go\s*to\s*[1lI|]2", read_text(crop(laptop(), LAYOUT.current))), "Go to 12"
        )
        assert projector().tobytes() == before.tobytes()

        # Esc cancels the number; Esc again (a clicker's) leaves the audience full screen.
        app.key("Escape", "Escape")
        app.wait(lambda: "full screen" in read_text(crop(laptop(), LAYOUT.current)), "the console's word")
        assert difference(projector(), first) < 6.0 and projector().tobytes() == before.tobytes()

        # The laser: L, then the pointer over the console's current slide puts a red dot on the projector.
        app.key("l")
        current = LAYOUT.current
        at = (0.3, 0.4)
        app.move_pointer(round(current.x + at[0] * current.width), round(current.y + at[1] * current.height))
        app.wait(lambda: red_near(projector(), at[0] * MONITOR[0], at[1] * MONITOR[1]) > 40, "the laser dot")
        assert red_near(projector(), 0.8 * MONITOR[0], 0.4 * MONITOR[1]) == 0
        app.key("l")
        app.wait(lambda: red_near(projector(), at[0] * MONITOR[0], at[1] * MONITOR[1]) == 0, "the dot gone")

        # Next on the last slide: a black screen with a small "End of show"; Previous comes back.
        app.key("End")
        app.wait(lambda: difference(projector(), last) < 6.0, "the last slide on the projector")
        app.key("Right")
        app.wait(lambda: "End of show" in read_text(projector().crop((0, 0, MONITOR[0], 150))), "the end")
        assert is_black(projector().crop((0, 150, *MONITOR)))
        app.key("Left")
        app.wait(lambda: difference(projector(), last) < 6.0, "the last slide again")

        # Past the target the countdown shows the overrun, in red.
        app.wait(lambda: "+0:" in read_text(dashboard_cell(laptop(), 3, 5)), "the overrun", timeout=90)
        over = dashboard_cell(laptop(), 3, 5)
        assert "OVER TIME" in read_text(over)
        assert red_pixels(over, most_green=110) > 200
        app.key("q")
        assert app.wait_for_exit() == 0


def test_swapped_screens_are_remembered_for_the_deck(
    qapp: object, wide_two_monitors: str, repo_root: Path, tmp_path: Path
) -> None:
    deck_dir = tmp_path / "deck"
    deck_dir.mkdir()
    shutil.copy(repo_root / "slides.json", deck_dir / "slides.json")
    shutil.copytree(repo_root / "assets", deck_dir / "assets")
    [first] = rendered_frames(deck_dir / "slides.json", MONITOR, (0,))
    with RunningApp(wide_two_monitors, [str(deck_dir), "--presenter"], tmp_path) as app:
        app.wait(lambda: difference(halves(app.screenshot())[1], first) < 6.0, "the audience on the right")
        focus(app, "Presenter")
        app.key("s")
        app.wait(lambda: difference(halves(app.screenshot())[0], first) < 6.0, "the audience on the left")
        app.wait(lambda: says_slide(read_text(halves(app.screenshot())[1]), 1), "the console on the right")
        app.key("q")
        assert app.wait_for_exit() == 0
    with RunningApp(wide_two_monitors, [str(deck_dir), "--presenter"], tmp_path) as app:
        app.wait(lambda: difference(halves(app.screenshot())[0], first) < 6.0, "still swapped, next time")
        app.wait(lambda: says_slide(read_text(halves(app.screenshot())[1]), 1), "the console on the right")
        focus(app, "Presenter")
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
