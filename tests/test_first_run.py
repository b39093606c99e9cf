"""A first run that explains itself: no display, missing system libraries, the C locale, ``doctor``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from slideshow import environment


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "slideshow", *args], env=env, capture_output=True, text=True, timeout=120
    )


def _headless_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(extra)
    return env


def test_no_display_is_one_plain_line_and_exit_1(repo_root: Path) -> None:
    done = _run(str(repo_root / "slides.json"), env=_headless_env())
    assert done.returncode == 1  # not Qt's abort (134)
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("slideshow: no display to show on") and "xvfb-run" in done.stderr


def test_a_display_nobody_listens_on_is_named(repo_root: Path) -> None:
    done = _run(str(repo_root / "slides.json"), env=_headless_env(DISPLAY=":97"))
    assert done.returncode == 1
    assert done.stderr.strip().startswith("slideshow: cannot reach the X display :97"), done.stderr


def test_export_needs_no_display_and_no_utf8_locale(repo_root: Path, tmp_path: Path) -> None:
    """Under LANG=C Qt would warn that it switched to C.UTF-8; the app switches first, quietly."""
    env = _headless_env(LANG="C")
    env.pop("LC_ALL", None)
    env.pop("LC_CTYPE", None)
    done = _run("export", str(repo_root / "slides.json"), "-o", str(tmp_path / "s.png"), env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert (tmp_path / "s.png").is_file()


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ({"LANG": "C"}, {"LANG": "C", "LC_CTYPE": "C.UTF-8"}),
        ({}, {"LC_CTYPE": "C.UTF-8"}),
        ({"LC_ALL": "POSIX"}, {"LC_ALL": "C.UTF-8"}),
        ({"LANG": "de_DE.UTF-8"}, {"LANG": "de_DE.UTF-8"}),
        ({"LC_ALL": "de_DE"}, {"LC_ALL": "de_DE"}),  # the user's explicit choice stays
    ],
)
def test_only_the_character_set_is_made_utf8(before: dict[str, str], after: dict[str, str]) -> None:
    env = dict(before)
    environment.prefer_utf8_locale(env)
    assert env == after


def test_missing_libraries_are_named_with_the_install_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(environment, "_LIBRARY_FOLDERS", (str(tmp_path),))
    for present in (
        "libEGL.so.1",
        "libfontconfig.so.1",
        "libxkbcommon.so.0",
        "libglib-2.0.so.0",
        "libdbus-1.so.3",
    ):
        (tmp_path / present).touch()
    monkeypatch.delenv("LD_LIBRARY_PATH", raising=False)
    assert environment.missing_libraries(window=False, env={}) == {"libGL.so.1": ("libgl1", "libglvnd-glx")}
    problem = environment.library_problem(window=False)
    assert problem == (
        "missing system libraries libGL.so.1; install them: apt-get install -y libgl1   "
        "(Fedora: dnf install -y libglvnd-glx)"
    )
    on_x11 = environment.missing_libraries(window=True, env={"DISPLAY": ":0"})
    assert "libxcb-cursor.so.0" in on_x11 and on_x11["libxcb-cursor.so.0"] == (
        "libxcb-cursor0",
        "xcb-util-cursor",
    )
    assert "libxcb-cursor.so.0" not in environment.missing_libraries(
        window=True, env={"WAYLAND_DISPLAY": "w"}
    )


def test_a_frozen_app_counts_its_bundled_libraries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(environment, "_LIBRARY_FOLDERS", ())
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    for name in environment.LIBRARIES:
        (tmp_path / name).touch()
    assert environment.missing_libraries(window=False, env={}) == {}


def test_an_import_error_for_a_library_becomes_advice() -> None:
    error = ImportError("libGL.so.1: cannot open shared object file: No such file or directory")
    assert environment.import_error_advice(error) == (
        "the system library libGL.so.1 is missing; install them: apt-get install -y libgl1   "
        "(Fedora: dnf install -y libglvnd-glx)"
    )
    assert environment.import_error_advice(ImportError("No module named 'foo'")) is None


def test_doctor_names_the_missing_display_and_says_what_to_do() -> None:
    done = _run("doctor", env=_headless_env())
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0].split()[:2] == ["problem", "display:"] and "xvfb-run" in lines[0]
    assert any(line.split()[:2] == ["ok", "libraries:"] for line in lines)
    assert any("fonts:" in line for line in lines) and any("screen saver:" in line for line in lines)
    assert lines[-1].startswith("slideshow doctor: 1 problem")


def test_doctor_is_ready_on_an_offscreen_platform() -> None:
    done = _run("doctor", env=_headless_env(QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == "slideshow doctor: ready to show"
