"""packaging/licenses.py: the check that fails a release whose notices are incomplete or that bundles GPL.

The real collection runs in the PyInstaller build (packaging/smoke.sh checks its result); these tests
give the check made-up app folders, each wrong in one way, and a real collection of this environment.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "packaging"))
import licenses  # noqa: E402  (packaging/licenses.py)


def _app(tmp_path: Path, components: dict[str, dict[str, object]], libraries: list[str]) -> Path:
    app = tmp_path / "slideshow"
    notices = app / "_internal" / "licenses"
    notices.mkdir(parents=True)
    for name, entry in components.items():
        for text in entry["texts"]:  # type: ignore[attr-defined]
            (notices / text).parent.mkdir(parents=True, exist_ok=True)
            (notices / text).write_text(f"the licence of {name}\n")
    for library in libraries:
        (app / "_internal" / library).parent.mkdir(parents=True, exist_ok=True)
        (app / "_internal" / library).write_bytes(b"\x7fELF")
    manifest = {"components": components, "unknown": []}
    (notices / "manifest.json").write_text(json.dumps(manifest))
    return app


def _complete(**extra: dict[str, object]) -> dict[str, dict[str, object]]:
    table: dict[str, dict[str, object]] = {
        name: {"licence": "MIT", "texts": [f"{name}/LICENSE"], "files": []} for name in licenses.REQUIRED
    }
    table["pyside6-essentials"]["files"] = ["PySide6/Qt/lib/libQt6Core.so.6"]
    table.update(extra)
    return table


def test_a_complete_folder_passes(tmp_path: Path) -> None:
    assert licenses.check(_app(tmp_path, _complete(), ["PySide6/Qt/lib/libQt6Core.so.6"])) == []


def test_a_library_nobody_covers_fails(tmp_path: Path) -> None:
    app = _app(tmp_path, _complete(), ["PySide6/Qt/lib/libQt6Core.so.6", "libmystery.so.1"])
    assert licenses.check(app) == ["libmystery.so.1: bundled, but no component's licence covers it"]


def test_a_missing_text_fails(tmp_path: Path) -> None:
    app = _app(tmp_path, _complete(), ["PySide6/Qt/lib/libQt6Core.so.6"])
    (app / "_internal" / "licenses" / "pillow" / "LICENSE").unlink()
    assert licenses.check(app) == ["pillow: licence text pillow/LICENSE is missing or empty"]


def test_a_gpl_encoder_fails_even_with_a_notice(tmp_path: Path) -> None:
    x265 = "pillow_heif.libs/libx265-a1b2c3.so.215"
    table = _complete(
        **{"pillow-heif": {"licence": "BSD-3-Clause", "texts": ["pillow-heif/L"], "files": [x265]}}
    )
    app = _app(tmp_path, table, ["PySide6/Qt/lib/libQt6Core.so.6", x265])
    assert licenses.check(app) == [f"{x265}: a GPL encoder library is bundled"]


@pytest.mark.parametrize(
    ("licence", "gpl_only"),
    [
        ("GPL-2+", True),
        ("GPL-3.0-only", True),
        ("LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only", False),
        ("BSD-3-clause or GPL-2", False),
        ("LGPL-2.1+", False),
        ("MIT", False),
    ],
)
def test_gpl_only_licences_are_told_from_choices(licence: str, gpl_only: bool) -> None:
    assert licenses._is_gpl_only(licence) is gpl_only


def test_a_gpl_component_fails(tmp_path: Path) -> None:
    table = _complete(libfoo={"licence": "GPL-2+", "texts": ["libfoo/copyright"], "files": ["libfoo.so.1"]})
    app = _app(tmp_path, table, ["PySide6/Qt/lib/libQt6Core.so.6", "libfoo.so.1"])
    assert licenses.check(app) == ["libfoo is GPL (GPL-2+): the bundle could not stay MIT/LGPL"]


def test_collecting_this_environment_finds_qt_pillow_and_python(tmp_path: Path) -> None:
    import PIL
    import PySide6

    qt_core = next((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libQt6Core.so*"))
    imaging = next(Path(PIL.__file__).parent.glob("_imaging.*"))
    manifest = licenses.collect(
        [("PySide6/Qt/lib/libQt6Core.so.6", str(qt_core)), ("PIL/_imaging.so", str(imaging))],
        tmp_path / "licenses",
        project_texts=[Path(__file__).resolve().parent.parent / "LICENSE"],
    )
    components = manifest["components"]
    assert components["pyside6-essentials"]["licence"] == "LGPL-3.0-only"  # type: ignore[index]
    assert "pyside6-essentials/LGPL-3.0.txt" in components["pyside6-essentials"]["texts"]  # type: ignore[index]
    assert "pyside6-essentials/ICU.txt" in components["pyside6-essentials"]["texts"]  # type: ignore[index]
    assert components["pillow"]["files"] == ["PIL/_imaging.so"]  # type: ignore[index]
    assert (tmp_path / "licenses" / "slideshow-viewer" / "LICENSE").read_text().startswith("MIT License")
