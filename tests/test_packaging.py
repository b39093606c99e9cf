"""The packaging files, checked without building the app (packaging/smoke.sh builds and runs it).

The menu entry validates, install.sh installs and uninstalls a stand-in release folder, the icons are
what tools/make_icon.py draws, the spec is Python that names no machine's paths, the scripts parse,
and the frozen app's command line starts full screen unless --windowed.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
ICONS = PACKAGING / "icons"
APP_ID = "io.github.slideshow_viewer.Slideshow"
DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
INSTALL = PACKAGING / "linux" / "install.sh"
SPEC = PACKAGING / "slideshow.spec"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _desktop_file_validate() -> str:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        message = "needs desktop-file-validate (Debian: desktop-file-utils)"
        if os.environ.get("SLIDESHOW_REQUIRE_E2E"):
            pytest.fail(message)
        pytest.skip(message)
    return tool


def _validate(path: Path) -> None:
    result = subprocess.run([_desktop_file_validate(), str(path)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def _desktop_keys(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))


# --- the menu entry and install.sh ------------------------------------------------------------------------


def test_the_desktop_entry_validates() -> None:
    _validate(DESKTOP)


def test_the_desktop_entry_opens_a_deck_with_the_app() -> None:
    keys = _desktop_keys(DESKTOP)
    assert keys["Type"] == "Application"
    assert keys["Icon"] == APP_ID
    assert keys["MimeType"] == "application/x-slideshow-deck+json;"  # decks, not every JSON file
    assert keys["Exec"].endswith(" %f")  # a file manager passes the deck it opens
    assert keys["Terminal"] == "false"


@pytest.fixture
def release_folder(tmp_path: Path) -> Path:
    """A stand-in for the unpacked release: what build.sh puts beside the app, and a fake app."""
    folder = tmp_path / "release" / "slideshow"
    (folder / "_internal").mkdir(parents=True)
    app = folder / "slideshow"
    app.write_text("#!/bin/sh\necho 'slideshow 0.0.0'\n")
    app.chmod(app.stat().st_mode | stat.S_IXUSR)
    shutil.copy(INSTALL, folder / "install.sh")
    for suffix in (".desktop", ".mime.xml", ".metainfo.xml"):
        shutil.copy(PACKAGING / "linux" / f"{APP_ID}{suffix}", folder / f"{APP_ID}{suffix}")
    shutil.copytree(ICONS, folder / "icons", ignore=shutil.ignore_patterns("*.ico", "*.icns"))
    return folder


def _install(folder: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env["HOME"] = str(home)
    return subprocess.run(
        ["bash", str(folder / "install.sh"), *args], env=env, capture_output=True, text=True, timeout=60
    )


def test_install_puts_app_entry_icons_and_command_in_the_users_folders(
    release_folder: Path, tmp_path: Path
) -> None:
    home = tmp_path / 'a home with $pace and "quotes"'  # the Exec line must quote and escape these
    result = _install(release_folder, home)
    assert result.returncode == 0, result.stderr

    app = home / ".local" / "opt" / "slideshow" / "slideshow"
    entry = home / ".local" / "share" / "applications" / f"{APP_ID}.desktop"
    assert os.access(app, os.X_OK)
    for size in PNG_SIZES:
        assert (home / ".local/share/icons/hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert (home / ".local/share/mime/packages" / f"{APP_ID}.xml").is_file()
    assert (home / ".local/share/metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    command = home / ".local" / "bin" / "slideshow"
    assert subprocess.run([str(command)], capture_output=True, text=True).stdout.strip() == "slideshow 0.0.0"
    exec_line = _desktop_keys(entry)["Exec"]
    escaped = str(app).replace("$", "\\\\$").replace('"', '\\\\"')
    assert exec_line == f'"{escaped}" %f'
    if shutil.which("desktop-file-validate") or os.environ.get("SLIDESHOW_REQUIRE_E2E"):
        _validate(entry)

    result = _install(app.parent, home, "--uninstall")
    assert result.returncode == 0, result.stderr
    left = [p for p in home.rglob("*") if p.name.startswith(("slideshow", APP_ID)) or p.is_symlink()]
    assert left == []


def test_install_refuses_to_run_outside_a_release_folder(tmp_path: Path) -> None:
    folder = tmp_path / "not-a-release"
    folder.mkdir()
    shutil.copy(INSTALL, folder / "install.sh")
    result = _install(folder, tmp_path / "home")
    assert result.returncode == 1
    assert "release folder" in result.stdout + result.stderr


@pytest.mark.parametrize("script", ["linux/install.sh", "linux/build_deb.sh", "build.sh", "smoke.sh"])
def test_shell_scripts_parse(script: str) -> None:
    result = subprocess.run(["bash", "-n", str(PACKAGING / script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# --- the icon ---------------------------------------------------------------------------------------------


def _make_icon_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_icon", ROOT / "tools" / "make_icon.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("size", PNG_SIZES)
def test_each_linux_icon_has_its_size(size: int) -> None:
    with Image.open(ICONS / f"slideshow-{size}.png") as image:
        assert image.size == (size, size)
        assert image.mode == "RGBA"


def test_windows_and_macos_icons_hold_every_size() -> None:
    with Image.open(ICONS / "slideshow.ico") as ico:
        assert {16, 32, 48, 256} <= {w for w, _ in ico.info["sizes"]}
    with Image.open(ICONS / "slideshow.icns") as icns:
        assert {32, 128, 256, 512} <= {w for w, _, _ in icns.info["sizes"]}


@pytest.mark.parametrize("size", [16, 32, 48])
def test_committed_icons_are_what_the_script_draws(size: int) -> None:
    """Regenerate with `uv run python tools/make_icon.py` after changing the drawing."""
    drawn = _make_icon_module().draw_icon(size)
    with Image.open(ICONS / f"slideshow-{size}.png") as committed:
        assert drawn.tobytes() == committed.convert("RGBA").tobytes()


def test_the_running_app_finds_its_window_icon(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from slideshow.resources import icon_file

    assert icon_file() == ICONS / "slideshow-256.png"  # a checkout
    frozen_icon = tmp_path / "slideshow" / "icons" / "slideshow-256.png"
    frozen_icon.parent.mkdir(parents=True)
    shutil.copy(ICONS / "slideshow-256.png", frozen_icon)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert icon_file() == frozen_icon  # a frozen app's own copy comes first


# --- the spec ---------------------------------------------------------------------------------------------


def _spec_strings() -> list[str]:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def test_the_spec_is_python_and_names_no_absolute_path() -> None:
    # "/usr/lib", "~/x", "C:\\x"; bare "/" separators and "/plugins/" fragments are fine.
    looks_absolute = re.compile(r"^((/[\w.-]+){2,}|~/|[A-Za-z]:[\\/])")
    absolute = [s for s in _spec_strings() if looks_absolute.match(s)]
    assert absolute == []
    assert "SPECPATH" in SPEC.read_text(encoding="utf-8")


def test_the_spec_bundles_the_deck_fonts_and_icon_where_the_app_looks() -> None:
    text = SPEC.read_text(encoding="utf-8")
    for destination in ("slideshow/demo", "slideshow/demo/assets", "slideshow/fonts", "slideshow/icons"):
        assert f'"{destination}"' in text
    for source in ("slides.json", "slides.schema.json", "assets", "launcher.py", "slideshow-256.png"):
        assert f'"{source}"' in text
    assert (ROOT / "slides.schema.json").is_file() and (PACKAGING / "launcher.py").is_file()


# --- the frozen app's command line ------------------------------------------------------------------------


def _options_for(argv: list[str], monkeypatch: pytest.MonkeyPatch, *, frozen: bool) -> Any:
    import slideshow.ui.app
    from slideshow.cli import main

    seen: list[Any] = []
    monkeypatch.setattr(slideshow.ui.app, "run_show", lambda deck, options: seen.append(options) or 0)
    if frozen:
        monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert main(argv) == 0
    return seen[0]


def test_the_frozen_app_starts_full_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _options_for([], monkeypatch, frozen=True).fullscreen is True


def test_windowed_turns_the_frozen_apps_full_screen_off(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _options_for(["--windowed"], monkeypatch, frozen=True).fullscreen is False


def test_the_source_tree_still_starts_in_a_window(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _options_for([], monkeypatch, frozen=False).fullscreen is False
    assert _options_for(["--fullscreen"], monkeypatch, frozen=False).fullscreen is True


def test_install_says_what_to_add_to_path_when_local_bin_is_missing(
    release_folder: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(home), PATH="/usr/bin:/bin")  # a minimal system: ~/.local/bin not on PATH
    result = subprocess.run(
        ["bash", str(release_folder / "install.sh")], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert 'export PATH="$HOME/.local/bin:$PATH"' in result.stdout
    assert f"run: {home}/.local/bin/slideshow" in result.stdout

    env["PATH"] = f"{home}/.local/bin:/usr/bin:/bin"
    again = subprocess.run(
        ["bash", str(release_folder / "install.sh")], env=env, capture_output=True, text=True, timeout=60
    )
    assert "run: slideshow [DECK]" in again.stdout and "export PATH" not in again.stdout
