"""The rooms of docs/architecture.md, checked against the code: every module belongs to one room, every
import goes to a room its room may import, no room marked Qt-free imports PySide6, and rooms form no
cycle. The table is read from the document, so the map and the code cannot drift apart."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "slideshow"
DOC = ROOT / "docs" / "architecture.md"


@dataclass(frozen=True)
class Room:
    name: str
    prefixes: tuple[str, ...]
    may_import: frozenset[str]
    qt: bool


def rooms_from_doc() -> dict[str, Room]:
    """The table under '## Rooms': | room | modules | may import | Qt |."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Rooms", 1)[1].split("\n## ", 1)[0]
    rooms: dict[str, Room] = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] in ("room", "") or set(cells[0]) <= {"-"}:
            continue
        name, modules, allowed, qt = cells
        rooms[name] = Room(
            name,
            tuple(re.findall(r"`([\w.]+)`", modules)),
            frozenset(part.strip() for part in allowed.split(",") if part.strip()),
            qt == "yes",
        )
    return rooms


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def room_of(module: str, rooms: dict[str, Room]) -> str | None:
    """The room whose longest module prefix matches (``slideshow`` itself only matches exactly)."""
    best, best_length = None, -1
    for room in rooms.values():
        for prefix in room.prefixes:
            matches = module == prefix or (prefix != "slideshow" and module.startswith(prefix + "."))
            if matches and len(prefix) > best_length:
                best, best_length = room.name, len(prefix)
    return best


def imports_of(module: str, path: Path, known: set[str]) -> set[str]:
    """Every slideshow module and every top-level package that ``module`` imports, lazily or not."""
    found: set[str] = set()
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            named = (f"{target}.{alias.name}" for alias in node.names)
            found.update(name for name in named if name in known)
    return found


def room_graph() -> tuple[dict[str, Room], dict[tuple[str, str], list[str]], dict[str, list[str]]]:
    """Edges between rooms, each with the imports that make it; PySide6 imports per room."""
    rooms = rooms_from_doc()
    modules = all_modules()
    edges: dict[tuple[str, str], list[str]] = {}
    qt_users: dict[str, list[str]] = {}
    for module, path in modules.items():
        source = room_of(module, rooms)
        assert source is not None, f"{module} belongs to no room of docs/architecture.md"
        for target in imports_of(module, path, set(modules)):
            if target.split(".")[0] == "PySide6":
                qt_users.setdefault(source, []).append(f"{module} -> {target}")
            if target.split(".")[0] != "slideshow":
                continue
            target_room = room_of(target, rooms)
            if target_room is not None and target_room != source:
                edges.setdefault((source, target_room), []).append(f"{module} -> {target}")
    return rooms, edges, qt_users


def test_the_document_lists_rooms_that_name_each_other() -> None:
    rooms = rooms_from_doc()
    assert {"deck", "core", "imaging", "render", "ui", "kiosk", "export", "importer", "cli"} <= set(rooms)
    for room in rooms.values():
        assert room.prefixes, f"room {room.name} names no module"
        assert room.may_import <= set(rooms), f"room {room.name} may import unknown rooms"
        assert room.name not in room.may_import


def test_every_module_belongs_to_a_room() -> None:
    rooms = rooms_from_doc()
    homeless = [module for module in all_modules() if room_of(module, rooms) is None]
    assert homeless == []


def test_data_flows_deck_core_imaging_render_ui() -> None:
    rooms = rooms_from_doc()
    order = ["deck", "core", "imaging", "render", "ui"]
    for position, name in enumerate(order):
        assert set(order[:position]) <= rooms[name].may_import, name
        assert not set(order[position + 1 :]) & rooms[name].may_import, name


def test_every_import_goes_where_its_room_may_import() -> None:
    rooms, edges, _ = room_graph()
    wrong = [
        f"{source} may not import {target}: {', '.join(why)}"
        for (source, target), why in sorted(edges.items())
        if target not in rooms[source].may_import
    ]
    assert wrong == []


def test_rooms_form_no_cycle() -> None:
    rooms, edges, _ = room_graph()
    remaining = {name: {t for (s, t) in edges if s == name} for name in rooms}
    while remaining:
        leaves = [name for name, targets in remaining.items() if not targets & set(remaining)]
        assert leaves, f"import cycle between rooms: {sorted(remaining)}"
        for leaf in leaves:
            del remaining[leaf]


def test_qt_free_rooms_import_no_qt() -> None:
    rooms, _, qt_users = room_graph()
    wrong = {name: users for name, users in qt_users.items() if not rooms[name].qt}
    assert wrong == {}


def test_the_checker_sees_a_wrong_import() -> None:
    """The test above could pass by reading nothing: a made-up module in deck importing ui is caught."""
    rooms = rooms_from_doc()
    source = room_of("slideshow.deck.example", rooms)
    target = room_of("slideshow.ui.window", rooms)
    assert (source, target) == ("deck", "ui")
    assert target not in rooms[source].may_import
    tree_imports = imports_of("slideshow.deck.example", PACKAGE / "deck" / "loader.py", set(all_modules()))
    assert "slideshow.deck.model" in tree_imports
