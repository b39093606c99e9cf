"""slides.schema.json, built from the same field tables the loader checks against.

Editors that understand JSON Schema (VS Code and others, through the deck's ``$schema`` key) then flag
mistakes as people type and show each field's description as a tooltip. Unknown keys stay allowed, as
in the loader, so a newer deck still validates in an older editor setup.

Run ``python -m slideshow.deck.schema [PATH]`` to regenerate the file (default: the checkout's root).
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path

from slideshow.deck import fields as f
from slideshow.deck.fields import FieldSpec
from slideshow.deck.kinds import RULES
from slideshow.deck.model import DEFAULT_SETTINGS

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILE_NAME = "slides.schema.json"


def schema_dict() -> dict[str, object]:
    """The JSON Schema (draft 2020-12) of a deck."""
    schema: dict[str, object] = {"$schema": DIALECT, "title": "slideshow deck"}
    schema.update(
        _object(
            f.TOP_FIELDS,
            "A photo story for the slideshow viewer: a title, optional settings and the slides in order. "
            "Image paths are relative to this file's folder and must stay inside it.",
        )
    )
    schema["$defs"] = {
        "settings": _object(f.SETTINGS_FIELDS, "Deck-wide settings; every key is optional."),
        "window": _object(f.WINDOW_FIELDS, "One opening window of a kiosk, in local time."),
        "slide": _object(
            f.SLIDE_FIELDS, "One slide: a photo with its caption, or a text slide without image."
        ),
    }
    return schema


def schema_text() -> str:
    """The schema as written to disk: stable key order, two-space indent, final newline."""
    return json.dumps(schema_dict(), indent=2, ensure_ascii=False) + "\n"


def _object(specs: tuple[FieldSpec, ...], description: str) -> dict[str, object]:
    return {
        "type": "object",
        "description": description,
        "properties": {spec.name: _property(spec, specs is f.SETTINGS_FIELDS) for spec in specs},
        "required": [spec.name for spec in specs if spec.required],
        "additionalProperties": True,
    }


def _property(spec: FieldSpec, is_setting: bool) -> dict[str, object]:
    out: dict[str, object] = {"description": spec.description}
    out.update(RULES[spec.kind].schema(spec))
    if is_setting:
        default = getattr(DEFAULT_SETTINGS, spec.name)
        if isinstance(default, Enum):
            default = default.value
        # No default for schedule (left out: always on) nor target_minutes (left out: no countdown).
        if default is not None and not isinstance(default, tuple):
            out["default"] = default
    out["examples"] = [json.loads(spec.example)]
    return out


def default_output() -> Path:
    """The checkout's root when run from a checkout, else the current folder."""
    root = Path(__file__).resolve().parents[3]
    return root / SCHEMA_FILE_NAME if (root / "pyproject.toml").is_file() else Path.cwd() / SCHEMA_FILE_NAME


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or (args and args[0].startswith("-")):
        print("usage: python -m slideshow.deck.schema [PATH]", file=sys.stderr)
        return 2
    target = Path(args[0]) if args else default_output()
    try:
        target.write_text(schema_text(), encoding="utf-8")
    except OSError as exc:
        print(f"{target}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
