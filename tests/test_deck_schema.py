"""slides.schema.json: generated from the loader's field tables, committed, and in step with the loader.

``jsonschema`` is not a dependency, so a small validator for the keywords the schema uses lives here; it
lets the tests check that the schema and the loader accept and refuse the same decks.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from slideshow.deck import Deck, Settings, Slide, load_deck, schema_dict
from slideshow.deck.schema import DIALECT

REPO_ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = REPO_ROOT / "slides.schema.json"
REGENERATE = "run `uv run python -m slideshow.deck.schema` to regenerate slides.schema.json"

KNOWN_KEYWORDS = {
    "$schema", "$ref", "$defs", "title", "description", "type", "properties", "required",
    "additionalProperties", "items", "minItems", "minLength", "pattern", "format", "enum",
    "minimum", "maximum", "exclusiveMinimum", "default", "examples",
}  # fmt: skip


def _resolve(ref: str, root: dict[str, Any]) -> dict[str, Any]:
    assert ref.startswith("#/"), ref
    node: Any = root
    for part in ref[2:].split("/"):
        node = node[part]
    assert isinstance(node, dict)
    return node


def _type_ok(value: Any, wanted: str) -> bool:
    if wanted == "string":
        return isinstance(value, str)
    if wanted == "boolean":
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if wanted == "number":
        return isinstance(value, int | float)
    if wanted == "integer":
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    return isinstance(value, {"object": dict, "array": list}[wanted])


def validate(value: Any, schema: dict[str, Any], root: dict[str, Any], where: str = "") -> list[str]:
    """Paths where ``value`` breaks ``schema``; covers exactly the keywords in KNOWN_KEYWORDS."""
    errors: list[str] = []
    if "$ref" in schema:
        errors += validate(value, _resolve(schema["$ref"], root), root, where)
    if "type" in schema and not _type_ok(value, schema["type"]):
        return [*errors, where]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(where)
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            errors.append(where)
        if "pattern" in schema and not re.search(schema["pattern"], value, re.ASCII):
            errors.append(where)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(where)
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(where)
        if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
            errors.append(where)
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            errors.append(where)
        for i, item in enumerate(value):
            errors += validate(item, schema.get("items", {}), root, f"{where}[{i}]")
    if isinstance(value, dict):
        errors += [f"{where}.{key}" for key in schema.get("required", []) if key not in value]
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                errors += validate(value[key], sub, root, f"{where}.{key}")
    return errors


def good_deck() -> dict[str, Any]:
    return {
        "$schema": "./slides.schema.json",
        "title": "A story",
        "settings": {"interval": 6, "loop": True, "transition": "fade", "transition_ms": 400,
                     "fit": "contain", "locale": "en-GB",
                     "schedule": [{"days": ["mon"], "from": "08:00", "to": "18:00"}]},
        "slides": [
            {"title": "Opening", "caption": ""},
            {"image": "a.jpg", "caption": "c", "place": "p", "date": "2016-10-20", "credit": "c",
             "notes": "n", "duration": 4, "transition": "slide", "alt": "a"},
        ],
    }  # fmt: skip


# --- the committed file and the generator -----------------------------------------------------------


def test_committed_schema_is_up_to_date() -> None:
    assert SCHEMA_FILE.is_file(), f"slides.schema.json is missing; {REGENERATE}"
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == schema_dict(), f"out of date; {REGENERATE}"


def test_module_writes_the_schema_to_a_given_path(tmp_path: Path) -> None:
    out = tmp_path / "schema.json"
    run = subprocess.run(
        [sys.executable, "-m", "slideshow.deck.schema", str(out)], capture_output=True, text=True, check=True
    )
    assert run.stderr == ""
    assert json.loads(out.read_text(encoding="utf-8")) == schema_dict()


def test_schema_is_well_formed_draft_2020_12() -> None:
    schema = schema_dict()
    assert schema["$schema"] == DIALECT == "https://json-schema.org/draft/2020-12/schema"
    json.dumps(schema)  # plain JSON data all the way down
    stack: list[Any] = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "type" in node or "$ref" in node:
                assert set(node) <= KNOWN_KEYWORDS, set(node) - KNOWN_KEYWORDS
            if "$ref" in node:
                _resolve(node["$ref"], schema)
            if node.get("type") == "object":
                assert node["additionalProperties"] is True, "unknown keys must stay allowed"
                assert set(node["required"]) <= set(node["properties"])
                for name, prop in node["properties"].items():
                    assert prop.get("description"), f"{name} needs a description for editor tooltips"
            if "pattern" in node:
                re.compile(node["pattern"])
            for key, child in node.items():
                if key not in ("examples", "default", "enum"):
                    stack.append(child)
        elif isinstance(node, list):
            stack.extend(node)


def test_schema_details_the_contract_asks_for() -> None:
    schema: dict[str, Any] = schema_dict()
    defs, top = schema["$defs"], schema["properties"]
    slide, settings = defs["slide"]["properties"], defs["settings"]["properties"]
    assert top["$schema"]["type"] == "string"
    assert schema["required"] == ["title", "slides"] and defs["slide"]["required"] == ["caption"]
    assert top["slides"]["minItems"] == 1
    assert slide["date"]["pattern"] == r"^\d{4}-\d{2}-\d{2}$"
    assert settings["fit"]["enum"] == ["contain", "cover"]
    assert settings["transition"]["enum"] == slide["transition"]["enum"] == ["none", "fade", "slide"]
    assert settings["interval"]["exclusiveMinimum"] == slide["duration"]["exclusiveMinimum"] == 0
    assert (settings["transition_ms"]["minimum"], settings["transition_ms"]["maximum"]) == (0, 5000)
    assert settings["interval"]["default"] == 8 and settings["locale"]["default"] == "en-GB"


def test_schema_names_every_model_field() -> None:
    """A field added to a model but not to the tables (or the other way round) fails here."""
    schema: dict[str, Any] = schema_dict()
    defs, top = schema["$defs"], schema["properties"]
    assert set(defs["settings"]["properties"]) == {f.name for f in dataclasses.fields(Settings)}
    assert set(defs["slide"]["properties"]) == {f.name for f in dataclasses.fields(Slide)} - {"image_ref"}
    assert set(top) == {f.name for f in dataclasses.fields(Deck)} - {"path"} | {"$schema"}


# --- schema and loader agree ------------------------------------------------------------------------

AGREEMENT = [
    ("title", ""), ("title", " "), ("title", 3), ("summary", None), ("settings", []),
    ("settings.interval", 0), ("settings.interval", 0.5), ("settings.interval", True),
    ("settings.interval", "8"),
    ("settings.loop", "true"), ("settings.transition", "wipe"), ("settings.transition_ms", 5000),
    ("settings.transition_ms", 5001), ("settings.transition_ms", 12.0), ("settings.transition_ms", 12.5),
    ("settings.fit", "cover"), ("settings.fit", "stretch"),
    ("settings.locale", "ar"), ("settings.locale", "ku-Arab-IQ"), ("settings.locale", "en_GB"),
    ("settings.locale", "e"), ("settings.locale", "toolongtag"),
    ("settings.schedule", []), ("settings.schedule", [{"days": ["sun"], "from": "23:59", "to": "00:00"}]),
    ("settings.schedule", [{"days": ["Sun"], "from": "08:00", "to": "09:00"}]),
    ("settings.schedule", [{"days": ["sun"], "from": "8:00", "to": "09:00"}]),
    ("settings.schedule", [{"days": ["sun"], "from": "08:00"}]),
    ("slides", []), ("slides", {}), ("slides.1.caption", 1), ("slides.1.date", "2016-10-2"),
    ("slides.1.date", "20161020"), ("slides.1.duration", -1), ("slides.1.duration", 0.1),
    ("slides.1.transition", "none"), ("slides.1.transition", "cut"), ("slides.1.extra", 1), ("extra", {}),
]  # fmt: skip


def _changed(path: str, value: Any) -> dict[str, Any]:
    deck = copy.deepcopy(good_deck())
    *parents, last = path.split(".")
    target: Any = deck
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    target[last] = value
    return deck


@pytest.mark.parametrize(("change", "value"), AGREEMENT)
def test_schema_and_loader_accept_and_refuse_the_same(tmp_path: Path, change: str, value: Any) -> None:
    deck = _changed(change, value)
    (tmp_path / "a.jpg").write_bytes(b"")
    (tmp_path / "slides.json").write_text(json.dumps(deck), encoding="utf-8")
    result = load_deck(tmp_path)
    schema = schema_dict()
    assert (result.errors == []) == (validate(deck, schema, schema) == []), [str(p) for p in result.problems]


def test_the_loader_is_stricter_only_where_a_schema_cannot_be() -> None:
    """An impossible date matches the pattern; the loader refuses it. Documented, not a drift."""
    schema = schema_dict()
    assert validate(_changed("slides.1.date", "2016-02-30"), schema, schema) == []


# --- the bundled deck -------------------------------------------------------------------------------


def test_bundled_deck_loads_with_zero_problems(tmp_path: Path) -> None:
    deck_file = REPO_ROOT / "slides.json"
    data = json.loads(deck_file.read_text(encoding="utf-8"))
    images = [s["image"] for s in data["slides"] if "image" in s]
    if not all((REPO_ROOT / image).is_file() for image in images):
        # The demo photos are made by another step; check the deck itself against stand-in files.
        shutil.copy(deck_file, tmp_path / "slides.json")
        for image in images:
            (tmp_path / image).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / image).write_bytes(b"stand-in")
        deck_file = tmp_path / "slides.json"
    result = load_deck(deck_file)
    assert [str(p) for p in result.problems] == []
    assert result.deck is not None and len(result.deck.slides) == len(data["slides"])
    schema = schema_dict()
    assert validate(data, schema, schema) == []


def test_every_kind_is_defined_once_for_loader_schema_and_messages() -> None:
    """A kind added to fields.Kind without its rule in kinds.RULES would crash the loader on first use."""
    from slideshow.deck.fields import Kind
    from slideshow.deck.kinds import RULES

    assert set(RULES) == set(Kind)
