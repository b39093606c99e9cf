"""The real ``slideshow`` command in a child process, as a script on a headless server runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_slideshow(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``python -m slideshow ARGS`` with no display and no QT_QPA_PLATFORM (and so no terminal: no
    progress bar). ``timeout`` fails the test (subprocess.TimeoutExpired) for a command that hangs."""
    clean = {
        k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    clean.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "slideshow", *args],
        cwd=cwd,
        env=clean,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
