"""mypy strict over the whole package, as pyproject.toml configures it: run with the tests so every change
that lands keeps the types whole (CI runs ``uv run mypy`` too)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_mypy_strict_finds_nothing(repo_root: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=repo_root, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success: no issues found" in done.stdout
