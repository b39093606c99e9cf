"""Shared test set-up. Qt must run offscreen before anything imports it; pytest-qt's qapp is the only app."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")
# Remembered per-deck settings go to a throwaway folder, never the user's own (child processes too).
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="slideshow-test-config-")
# Kiosk processes started by any test keep their position file and log out of the user's state folder.
os.environ["SLIDESHOW_STATE_DIR"] = tempfile.mkdtemp(prefix="slideshow-test-state-")

import pytest  # noqa: E402

if TYPE_CHECKING:
    from PIL import Image
    from pytestqt.qtbot import QtBot

    from slideshow.ui.app import Show

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def collect_qt_garbage_on_the_gui_thread() -> Iterator[None]:
    """A test's controllers and timers become garbage when it ends. Collected here, on the GUI thread,
    rather than whenever a decode worker's Python code happens to trigger the collector, where Qt
    refuses to stop timers from another thread. A live reload freezes what is alive (the collector
    leaves it alone from then on, slideshow.ui.watcher): a test's objects must not outlive it so."""
    yield
    gc.unfreeze()
    gc.collect()


def mount(*args: str) -> None:
    """mount(8) with ``args``; skips the test where mounting is not permitted (CI runs as root)."""
    done = None
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount"):
        done = subprocess.run(["mount", *args], capture_output=True, text=True, timeout=30)
    if done is None or done.returncode != 0:
        why = done.stderr.strip() if done is not None else "not root, or no mount command"
        message = f"needs root and mount(8) (Debian: mount): {why}"
        if os.environ.get("SLIDESHOW_REQUIRE_E2E"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Callable[[], Path]]:
    """``freeze()`` bind-mounts ``tmp_path/source`` read-only at ``tmp_path/read-only`` and returns it, as
    a disk remounted read-only after an error: every write in it fails with EROFS, for root too."""
    source, view = tmp_path / "source", tmp_path / "read-only"
    source.mkdir()
    view.mkdir()
    mounted: list[Path] = []

    def freeze() -> Path:
        mount("--bind", str(source), str(view))
        mounted.append(view)
        mount("-o", "remount,bind,ro", str(view))
        return view

    yield freeze
    for path in reversed(mounted):
        subprocess.run(["umount", str(path)], check=True, capture_output=True)


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KB tmpfs: room for a deck of tiny photos, not for a handout or a full-size slide."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mount("-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk))
    try:
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=True, capture_output=True)


def fill(disk: Path) -> None:
    """Takes every free byte of ``disk``."""
    with open(disk / "filler", "wb", buffering=0) as filler, contextlib.suppress(OSError):
        while True:
            filler.write(b"\0" * 4096)


@pytest.fixture
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture
def display() -> Iterator[str]:
    """End to end: a private X server (Xvfb, no window manager) the size of one monitor (``_x11.SCREEN``)."""
    from _x11 import SCREEN, xvfb

    yield from xvfb(*SCREEN)


@pytest.fixture
def two_monitors() -> Iterator[str]:
    """End to end: one X screen split with xrandr into two ``_x11.SCREEN`` monitors, left and right."""
    from _x11 import SCREEN, split_monitors

    yield from split_monitors(SCREEN)


@pytest.fixture(scope="module")
def expected_frames(qapp: object) -> list[Image.Image]:
    """End to end: every slide of the bundled deck as the exporter draws it at ``_x11.SCREEN``."""
    from _x11 import SCREEN, rendered_frames

    return rendered_frames(REPO_ROOT / "slides.json", SCREEN)


def make_photo(
    path: Path, size: tuple[int, int] = (640, 480), colour: tuple[int, int, int] = (200, 60, 40)
) -> Path:
    """A small JPEG with structure (a gradient and a block), enough to tell it from black on screen."""
    from PIL import Image, ImageDraw

    width, height = size
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    for x in range(0, width, 8):
        shade = 80 + (x * 150) // max(width, 1)
        draw.rectangle([x, 0, x + 7, height // 3], fill=(shade, shade, 255 - shade // 2))
    draw.rectangle([width // 4, height // 2, width // 2, height - 10], fill=(250, 250, 250))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, quality=90)
    return path


@pytest.fixture
def make_deck(tmp_path: Path) -> Callable[..., Path]:
    """Writes a deck folder: ``make_deck(slides=[...], settings={...})`` returns the slides.json path.

    A slide dict with ``"photo": (w, h)`` gets a generated JPEG at ``assets/slide-N.jpg``.
    """

    def build(slides: list[dict[str, Any]] | None = None, **top: Any) -> Path:
        slides = (
            slides
            if slides is not None
            else [
                {"title": "Title", "caption": "Stand-first"},
                {"photo": (640, 480), "caption": "First photo", "place": "Erbil, Iraq", "date": "2016-10-20"},
                {
                    "photo": (480, 640),
                    "caption": "Second photo",
                    "place": "Bashiqa, Iraq",
                    "date": "2016-10-21",
                },
            ]
        )
        written = []
        for number, slide in enumerate(slides, start=1):
            slide = dict(slide)
            size = slide.pop("photo", None)
            if size is not None:
                name = f"assets/slide-{number}.jpg"
                make_photo(tmp_path / name, size)
                slide["image"] = name
            written.append(slide)
        deck = {"title": top.pop("title", "Test deck"), **top, "slides": written}
        path = tmp_path / "slides.json"
        path.write_text(json.dumps(deck, indent=2), encoding="utf-8")
        return path

    return build


# --- the closing summary: tests skipped because a tool is missing, and the command that installs them ----
# "(Debian: xvfb xdotool)", "(apt-get install poppler-utils)", "(Debian: dbus-daemon or dbus)"
_PACKAGES_IN_REASON = re.compile(
    r"\((?:Debian:|apt-get install)\s*([a-z0-9][a-z0-9 .+-]*?)(?:\s+or\s+[^)]*)?\)"
)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """`uv run pytest` ends by naming what it could not test here and how to make it testable."""
    missing: dict[str, list[str]] = {}
    for report in terminalreporter.stats.get("skipped", []):
        reason = str(report.longrepr[2]) if isinstance(report.longrepr, tuple) else str(report.longrepr)
        match = _PACKAGES_IN_REASON.search(reason)
        if match is not None:
            for package in match.group(1).split():
                missing.setdefault(package, []).append(report.nodeid)
    if not missing:
        return
    tests = {test for names in missing.values() for test in names}
    terminalreporter.section("skipped for missing tools")
    for package, names in sorted(missing.items()):
        terminalreporter.write_line(f"{package}: {len(names)} test(s), e.g. {names[0]}")
    terminalreporter.write_line(
        f"{len(tests)} test(s) did not run. Install what they need (as root, or with sudo), then run again:"
    )
    terminalreporter.write_line(f"  apt-get install -y {' '.join(sorted(missing))}")


@pytest.fixture
def start_show(qtbot: QtBot) -> Iterator[Callable[..., Show]]:
    """``start_show(deck_path, **ShowOptions)``: the real show at 640x360, once its first slide is drawn
    (its picture, or the placeholder saying why there is none). Shut down when the test ends."""
    from slideshow.deck import load_deck
    from slideshow.ui.app import ShowOptions, build_show

    shows: list[Show] = []

    def start(deck_path: Path, **options: object) -> Show:
        deck = load_deck(deck_path).deck
        assert deck is not None
        show = build_show(deck, ShowOptions(**options))  # type: ignore[arg-type]
        shows.append(show)
        qtbot.addWidget(show.window)
        with qtbot.waitSignal(show.window.picture_shown, timeout=5000):
            show.window.resize(640, 360)
            show.window.show_on(None, fullscreen=bool(options.get("fullscreen")))
        return show

    yield start
    for show in shows:
        show.window.allow_close()
        show.pipeline.shutdown()
