"""The bundled deck is found from an installed wheel, not only from a checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from slideshow.resources import bundled_deck

UV = shutil.which("uv")


def installed_check(venv: Path, target: Path) -> subprocess.CompletedProcess[str]:
    """``slideshow check TARGET`` by the command the wheel installed in ``venv``, outside the checkout."""
    return subprocess.run(
        [str(venv / "bin" / "slideshow"), "check", str(target)],
        capture_output=True,
        text=True,
        cwd=venv.parent,
        timeout=120,
    )


def test_bundled_deck_is_found_in_a_checkout(repo_root: Path) -> None:
    assert bundled_deck() == repo_root / "slides.json"


@pytest.mark.skipif(UV is None, reason="needs uv to build and install the wheel")
def test_installed_wheel_carries_and_finds_the_demo_deck(repo_root: Path, tmp_path: Path) -> None:
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
    subprocess.run(
        [UV, "build", "--wheel", "--out-dir", str(tmp_path / "dist"), str(repo_root)],
        check=True,
        capture_output=True,
        env=env,
        timeout=300,
    )
    wheel = next((tmp_path / "dist").glob("slideshow_viewer-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    dist_info = next(name.split("/")[0] for name in names if name.endswith(".dist-info/METADATA"))
    metadata = zipfile.ZipFile(wheel).read(f"{dist_info}/METADATA").decode()
    # PEP 639: an SPDX expression and the licence text itself, so redistributors know what they ship
    assert "License-Expression: MIT" in metadata.splitlines()
    assert "License-File: LICENSE" in metadata.splitlines()
    assert f"{dist_info}/licenses/LICENSE" in names
    assert "slideshow/demo/slides.json" in names
    assert "slideshow/demo/assets/06-erbil.jpg" in names
    assert "slideshow/fonts/DejaVuSans.ttf" in names

    venv = tmp_path / "venv"
    subprocess.run([UV, "venv", "--quiet", str(venv)], check=True, env=env, timeout=120)
    python = venv / "bin" / "python"
    subprocess.run(
        [UV, "pip", "install", "--quiet", "--python", str(python), str(wheel)],
        check=True,
        capture_output=True,
        env=env,
        timeout=600,
    )
    # A folder without a deck: proves the command runs from the wheel.
    assert installed_check(venv, venv).returncode == 1
    code = "from slideshow.resources import bundled_deck; print(bundled_deck())"
    located = subprocess.run(
        [str(python), "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=120, check=True
    )
    deck = Path(located.stdout.strip())
    assert deck.is_relative_to(venv) and deck.name == "slides.json"
    checked = installed_check(venv, deck)
    assert checked.returncode == 0, checked.stderr
