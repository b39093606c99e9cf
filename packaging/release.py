"""What every release file is stamped with, read from the one place each is written.

    python packaging/release.py version|app-id|distribution

The version lives in pyproject.toml; the application id and the distribution name in
src/slideshow/__init__.py (the running app needs them and reads no pyproject). The PyInstaller spec,
build.sh, smoke.sh and tests/test_release_identity.py all ask this file, so nothing is copied by hand.
No third-party import: build scripts run it before any environment exists.
"""

from __future__ import annotations

import ast
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def _package_constant(name: str) -> str:
    tree = ast.parse((ROOT / "src" / "slideshow" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            assert isinstance(node.value, ast.Constant)
            return str(node.value.value)
    raise LookupError(f"src/slideshow/__init__.py defines no {name}")


def app_id() -> str:
    return _package_constant("APP_ID")


def distribution() -> str:
    return _package_constant("DISTRIBUTION")


def numeric_version() -> tuple[int, int, int, int]:
    """The four numbers Windows wants (1.2.3 -> 1, 2, 3, 0; a suffix such as rc1 is dropped)."""
    numbers = [int(part) for part in version().split("+")[0].split(".")[:3] if part.isdigit()]
    return (*numbers, *([0] * (4 - len(numbers))))  # type: ignore[return-value]


if __name__ == "__main__":
    what = {"version": version, "app-id": app_id, "distribution": distribution}
    if len(sys.argv) != 2 or sys.argv[1] not in what:
        print(f"usage: {sys.argv[0]} {'|'.join(what)}", file=sys.stderr)
        raise SystemExit(2)
    print(what[sys.argv[1]]())
