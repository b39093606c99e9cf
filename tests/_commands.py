"""The real ``slideshow`` command in a child process, as a script on a headless server runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any


def headless(env: dict[str, str] | None = None) -> dict[str, str]:
    """This process's environment with no display and no QT_QPA_PLATFORM, plus ``env``."""
    clean = {
        k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    clean.update(env or {})
    return clean


def run_slideshow(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``python -m slideshow ARGS`` with no display and no QT_QPA_PLATFORM (and so no terminal: no
    progress bar). ``timeout`` fails the test (subprocess.TimeoutExpired) for a command that hangs."""
    return subprocess.run(
        [sys.executable, "-m", "slideshow", *args],
        cwd=cwd,
        env=headless(env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start_slideshow(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, **streams: Any
) -> subprocess.Popen[str]:
    """``python -m slideshow ARGS`` started as :func:`run_slideshow` runs it, for a test that acts on it
    while it runs (kills it, reads it); ``streams`` are Popen's stdin/stdout/stderr."""
    return subprocess.Popen(
        [sys.executable, "-m", "slideshow", *args], cwd=cwd, env=headless(env), text=True, **streams
    )
