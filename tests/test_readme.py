"""The README is the user's manual: its key table and commands must not drift from the code."""

from __future__ import annotations

from pathlib import Path

from slideshow.core.keymap import KEY_TABLE


def test_readme_starts_with_the_two_commands(repo_root: Path) -> None:
    text = (repo_root / "README.md").read_text(encoding="utf-8")
    first_block = text.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()]
    assert [c for c in commands if c] == ["uv run slideshow", "uv run pytest"]


def test_readme_key_table_is_the_key_table(repo_root: Path) -> None:
    text = (repo_root / "README.md").read_text(encoding="utf-8")
    for binding in KEY_TABLE:
        row = f"| {binding.label} | " + ", ".join(f"`{key}`" for key in binding.keys) + " |"
        assert row in text, f"README.md lacks the key row: {row}"


def test_ci_runs_the_readme_test_command(repo_root: Path) -> None:
    script = (repo_root / ".ci" / "run").read_text(encoding="utf-8")
    assert "\nuv run pytest\n" in script
