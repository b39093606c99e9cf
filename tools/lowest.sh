#!/usr/bin/env bash
# Proves the dependency floors in pyproject.toml: runs the tests (all but the end-to-end ones) with every
# direct dependency at the lowest version its floor allows (uv's --resolution lowest-direct). Run it after
# raising or lowering a floor and before every release; .ci/run runs it too.
# Works on a throwaway copy of the checkout, so uv.lock and .venv stay as they are.
# Usage: bash tools/lowest.sh [PYTEST ARGS...]
set -euo pipefail
cd "$(dirname "$0")/.."
copy="$(mktemp -d)"
trap 'rm -rf "$copy"' EXIT
git ls-files -z --cached --others --exclude-standard | tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -C "$copy" -xf -
cd "$copy"
export UV_PYTHON_DOWNLOADS=never
uv run --quiet --resolution lowest-direct python -c '
import importlib.metadata as m
names = ("pyside6-essentials", "pillow", "pi-heif", "pillow-heif", "pytest", "pytest-qt")
print("lowest: " + ", ".join(f"{n} {m.version(n)}" for n in names))'
# Types are checked at the locked versions (tests/test_types.py): older stubs type Qt and Pillow otherwise.
uv run --resolution lowest-direct pytest -q -m "not e2e" -p no:cacheprovider --ignore=tests/test_types.py "$@"
