"""The demo deck's generated pictures: present, real JPEGs, big enough, small enough, reproducible."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageStat

ROOT = Path(__file__).resolve().parent.parent
SLIDES: list[dict[str, Any]] = json.loads((ROOT / "slides.json").read_text(encoding="utf-8"))["slides"]
PHOTO_SLIDES = [(n, s) for n, s in enumerate(SLIDES, start=1) if s.get("image")]


@pytest.fixture(scope="module")
def tool() -> Iterator[ModuleType]:
    """tools/make_assets.py, imported by path (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location("make_assets", ROOT / "tools" / "make_assets.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop(spec.name, None)


def mean_abs_diff(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute per-channel difference of two same-sized RGB images (0..255)."""
    return sum(ImageStat.Stat(ImageChops.difference(a.convert("RGB"), b.convert("RGB"))).mean) / 3


def test_deck_has_the_thirteen_photo_slides() -> None:
    assert len(PHOTO_SLIDES) == 13


@pytest.mark.parametrize(("number", "slide"), PHOTO_SLIDES, ids=[s["image"] for _, s in PHOTO_SLIDES])
def test_every_referenced_image_is_a_full_hd_jpeg(number: int, slide: dict[str, Any]) -> None:
    path = ROOT / slide["image"]
    assert path.is_file(), f"slide {number} references missing {slide['image']}"
    with Image.open(path) as img:
        assert img.format == "JPEG"
        assert img.width >= 1920 and img.height >= 1080
        img.load()  # decodes completely: not truncated


def test_assets_folder_is_under_5_mb() -> None:
    total = sum(p.stat().st_size for p in (ROOT / "assets").iterdir() if p.is_file())
    assert total < 5 * 1024 * 1024, f"assets/ holds {total} bytes"


def test_repeated_places_still_give_distinct_pictures() -> None:
    by_place: dict[str, list[Path]] = {}
    for _, slide in PHOTO_SLIDES:
        by_place.setdefault(slide["place"], []).append(ROOT / slide["image"])
    repeated = [paths for paths in by_place.values() if len(paths) > 1]
    assert repeated, "the deck is expected to repeat some places"
    for paths in repeated:
        images = []
        for path in paths:
            with Image.open(path) as img:
                images.append(img.convert("RGB"))
        for i, a in enumerate(images):
            for b in images[i + 1 :]:
                assert mean_abs_diff(a, b) > 0.3, "two slides of the same place look identical"


def test_every_photo_slide_has_a_map_target(tool: ModuleType) -> None:
    for _, slide in PHOTO_SLIDES:
        key = Path(slide["image"]).stem.split("-", 1)[1]
        assert key in tool.TARGETS, f"no locator-map entry for {slide['image']}"
        assert tool.TARGETS[key].coord in tool.COORDS


def test_rebuilding_one_slide_reproduces_the_committed_picture(tool: ModuleType, tmp_path: Path) -> None:
    number, slide = next((n, s) for n, s in PHOTO_SLIDES if s["image"].endswith("-paris.jpg"))
    drawn = tool.draw_slide(slide, number, len(SLIDES))
    assert drawn.size == (1920, 1080)
    assert mean_abs_diff(drawn, tool.draw_slide(slide, number, len(SLIDES))) == 0  # deterministic
    out = tmp_path / Path(slide["image"]).name
    tool.save_jpeg(drawn, out)
    with Image.open(out) as rebuilt, Image.open(ROOT / slide["image"]) as committed:
        assert rebuilt.size == committed.size
        assert mean_abs_diff(rebuilt, committed) < 1.0


def test_distances_and_bearings_from_mosul(tool: ModuleType) -> None:
    mosul = tool.COORDS["Mosul"]
    km = tool.haversine_km(mosul, tool.COORDS["Erbil"])
    assert 75 < km < 90
    assert tool.bearing(mosul, tool.COORDS["Erbil"])[1] == "ESE"
    assert 3400 < tool.haversine_km(mosul, tool.COORDS["Paris"]) < 3700
    assert tool.bearing(mosul, tool.COORDS["Paris"])[1] == "NW"
