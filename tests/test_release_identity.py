"""One name, one application id and one version, the same in every file that states them.

The version is written once, in pyproject.toml; the application id once, in slideshow/__init__.py.
packaging/release.py reads both for the build; this checks every other place agrees with them.
"""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

import slideshow

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
sys.path.insert(0, str(ROOT / "packaging"))
import release  # noqa: E402  (packaging/release.py)

APP_ID = slideshow.APP_ID
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"


def _pyproject() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)["project"]  # type: ignore[no-any-return]


def test_the_release_script_reads_the_one_version_and_id() -> None:
    assert release.version() == _pyproject()["version"]
    assert release.app_id() == APP_ID
    assert release.distribution() == _pyproject()["name"] == slideshow.DISTRIBUTION


def test_version_option_prints_the_pyproject_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "slideshow", "--version"], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == f"slideshow {_pyproject()['version']}"


def test_the_newest_metainfo_release_and_changelog_entry_are_this_version() -> None:
    releases = ElementTree.parse(METAINFO).getroot().find("releases")
    assert releases is not None
    assert releases[0].get("version") == _pyproject()["version"]
    headings = re.findall(r"^## \[?([^\]\s]+)\]?", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), re.M)
    assert headings[0] == _pyproject()["version"]
    assert releases[0].get("date") in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_windows_resource_and_macos_plist_take_the_version_and_id_from_the_release_script() -> None:
    spec = (ROOT / "packaging" / "slideshow.spec").read_text(encoding="utf-8")
    assert "VERSION = release.version()" in spec and "APP_ID = release.app_id()" in spec
    assert "numbers = release.numeric_version()" in spec  # Windows FixedFileInfo
    for use in ('StringStruct("FileVersion", VERSION)', "bundle_identifier=APP_ID", "version=VERSION"):
        assert use in spec
    assert release.numeric_version()[:3] == tuple(int(n) for n in release.version().split(".")[:3])


def test_every_linux_file_uses_the_application_id() -> None:
    assert re.fullmatch(r"[a-z]+(\.[a-z0-9_]+)+\.[A-Za-z][A-Za-z0-9]*", APP_ID)  # reverse DNS, no hyphen
    metainfo = ElementTree.parse(METAINFO).getroot()
    assert metainfo.findtext("id") == APP_ID
    assert metainfo.findtext("launchable") == f"{APP_ID}.desktop"
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    assert entry["Desktop Entry"]["Icon"] == APP_ID
    mime = (LINUX / f"{APP_ID}.mime.xml").read_text(encoding="utf-8")
    deck_type = re.search(r'<mime-type type="([^"]+)"', mime)
    assert deck_type and entry["Desktop Entry"]["MimeType"] == f"{deck_type.group(1)};"
    assert f'app_id="{APP_ID}"' in (LINUX / "install.sh").read_text(encoding="utf-8")


def test_the_running_app_names_its_desktop_file(qapp: object) -> None:
    from PySide6.QtGui import QGuiApplication

    from slideshow.ui.app import name_the_application

    name_the_application()
    assert QGuiApplication.desktopFileName() == APP_ID


def test_the_deck_type_claims_decks_by_name(tmp_path: Path) -> None:
    """shared-mime-info accepts the type and files slides.json and *.slideshow.json under it."""
    update = shutil.which("update-mime-database")
    if update is None:
        pytest.skip("needs update-mime-database (Debian: shared-mime-info)")
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy(LINUX / f"{APP_ID}.mime.xml", packages / f"{APP_ID}.xml")
    subprocess.run([update, str(tmp_path / "mime")], check=True, capture_output=True, timeout=60)
    globs = (tmp_path / "mime" / "globs2").read_text(encoding="utf-8").splitlines()
    assert "60:application/x-slideshow-deck+json:slides.json" in globs
    assert "60:application/x-slideshow-deck+json:*.slideshow.json" in globs
