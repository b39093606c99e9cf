"""The kiosk's autostart entry and systemd user unit: valid, and they start the kiosk."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
from pathlib import Path

import pytest

LINUX = Path(__file__).resolve().parent.parent / "packaging" / "linux"


def test_the_autostart_entry_validates_and_starts_the_kiosk() -> None:
    entry = LINUX / "slideshow-kiosk.desktop"
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        if os.environ.get("SLIDESHOW_REQUIRE_E2E"):
            pytest.fail("needs desktop-file-validate (Debian: desktop-file-utils)")
        pytest.skip("needs desktop-file-validate (Debian: desktop-file-utils)")
    result = subprocess.run([tool, str(entry)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(entry, encoding="utf-8")
    assert "--kiosk" in parser["Desktop Entry"]["Exec"].split()


def test_the_user_unit_starts_the_kiosk_and_stays_stopped_after_the_exit_chord() -> None:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.read(LINUX / "slideshow-kiosk.service", encoding="utf-8")
    service = parser["Service"]
    assert "--kiosk" in service["ExecStart"].split()
    assert service["Restart"] == "on-failure"  # exit 0 (Ctrl+Shift+Q) is not a failure
    assert service["KillMode"] == "mixed"  # SIGTERM to the supervisor, which closes the viewer itself
    assert parser["Install"]["WantedBy"] == "graphical-session.target"
