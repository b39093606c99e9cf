"""The demo deck's generated pictures: present, real JPEGs, big enough, small enough, reproducible, and
edited like a picture desk's: nothing a caption may cover, nothing the caption already says."""

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

from slideshow.render.layout import OVERLAY_SHARE

ROOT = Path(__file__).resolve().parent.parent
SLIDES: list[dict[str, Any]] = json.loads((ROOT / "slides.json").read_text(encoding="utf-8"))["slides"]
PHOTO_SLIDES = [(n, s) for n, s in enumerate(SLIDES, start=1) if s.get("image")]
BAND_FREE = 1 - OVERLAY_SHARE  # an overlaid caption may cover the picture below this fraction of its height
ESSENTIAL = {
    "illustration label",
    "positions approximate",
    "legend",
    "scale bar",
    "story marker",
    "callout",
    "distance label",
    "mosul",
    "heading",
    "distance and bearing",
    "inset",
}
ON_THE_MAP = {"story marker", "callout", "distance label", "mosul"}


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


@pytest.fixture(scope="module")
def layouts(tool: ModuleType) -> dict[str, dict[str, tuple[float, float, float, float]]]:
    """Where each photo slide's picture draws its essential elements (output pixels), by image path."""
    found = {}
    for slide, occurrence in tool.photo_slides(SLIDES):
        boxes: dict[str, tuple[float, float, float, float]] = {}
        tool.draw_slide(slide, occurrence, boxes)
        found[slide["image"]] = boxes
    return found


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


def test_repeated_places_still_give_distinct_pictures_above_the_caption_band() -> None:
    """A place shown again gets another view of it (the inset), not a copy: check would flag a copy."""
    by_place: dict[str, list[Path]] = {}
    for _, slide in PHOTO_SLIDES:
        by_place.setdefault(slide["place"], []).append(ROOT / slide["image"])
    repeated = [paths for paths in by_place.values() if len(paths) > 1]
    assert repeated, "the deck is expected to repeat some places"
    for paths in repeated:
        images = []
        for path in paths:
            with Image.open(path) as img:  # only what the caption band leaves visible counts
                images.append(img.convert("RGB").crop((0, 0, img.width, int(img.height * BAND_FREE))))
        for i, a in enumerate(images):
            for b in images[i + 1 :]:
                assert mean_abs_diff(a, b) > 0.3, "two slides of the same place look identical"


@pytest.mark.parametrize(("number", "slide"), PHOTO_SLIDES, ids=[s["image"] for _, s in PHOTO_SLIDES])
def test_nothing_essential_is_drawn_where_a_caption_may_lie(
    layouts: dict[str, dict[str, tuple[float, float, float, float]]], number: int, slide: dict[str, Any]
) -> None:
    boxes = layouts[slide["image"]]
    assert boxes.keys() >= ESSENTIAL, f"slide {number} did not draw {sorted(ESSENTIAL - boxes.keys())}"
    for name, (left, top, right, bottom) in boxes.items():
        assert 0 <= left < right <= 1920 and 0 <= top < bottom, f"slide {number}: {name} off the picture"
        assert bottom <= 1080 * BAND_FREE, f"slide {number}: {name} reaches {bottom:.0f}px, under a caption"
    # The notice is the first thing on the picture, in a strip across the top.
    label = boxes["illustration label"]
    assert label[3] <= 1080 * 0.06 and label[0] < 100
    assert boxes["positions approximate"][3] <= 1080 * 0.06


def test_map_labels_stay_inside_the_map_panel(
    tool: ModuleType, layouts: dict[str, dict[str, tuple[float, float, float, float]]]
) -> None:
    for image, boxes in layouts.items():
        for name in ON_THE_MAP:
            left, top, right, bottom = boxes[name]
            assert left >= 0 and right <= tool.MAP_W, f"{image}: {name} runs off the map's side"
            assert top >= tool.MAP_Y, f"{image}: {name} is hidden under the key ribbon"
        for name in ("legend", "scale bar"):
            assert boxes[name][2] <= tool.MAP_W, f"{image}: {name} spills into the sidebar"


@pytest.mark.parametrize(("number", "slide"), PHOTO_SLIDES, ids=[s["image"] for _, s in PHOTO_SLIDES])
def test_committed_pictures_carry_the_notice_at_the_top_not_the_bottom(
    layouts: dict[str, dict[str, tuple[float, float, float, float]]], number: int, slide: dict[str, Any]
) -> None:
    left, top, right, bottom = (round(v) for v in layouts[slide["image"]]["illustration label"])
    with Image.open(ROOT / slide["image"]) as img:
        grey = img.convert("L")
    counts = grey.crop((left, top, right, bottom)).histogram()
    dark, light = sum(counts[:70]) / sum(counts), sum(counts[200:]) / sum(counts)
    assert dark > 0.5 and light > 0.05, "no light-on-dark notice where the tool draws it: rebuild the assets"
    # The old layout had a dark full-width footer; under the band there is only map and paper now.
    for y in range(int(grey.height * BAND_FREE), grey.height, 4):
        row = ImageStat.Stat(grey.crop((0, y, grey.width, y + 1))).mean[0]
        assert row > 110, f"dark strip at row {y}: something still sits at the bottom of the picture"


def test_every_photo_slide_has_a_map_target(tool: ModuleType) -> None:
    for _, slide in PHOTO_SLIDES:
        key = Path(slide["image"]).stem.split("-", 1)[1]
        assert key in tool.TARGETS, f"no locator-map entry for {slide['image']}"
        assert tool.TARGETS[key].coord in tool.COORDS


def test_rebuilding_one_slide_reproduces_the_committed_picture(tool: ModuleType, tmp_path: Path) -> None:
    slide = next(s for s in SLIDES if s.get("image", "").endswith("-paris.jpg"))
    drawn = tool.draw_slide(slide)
    assert drawn.size == (1920, 1080)
    assert mean_abs_diff(drawn, tool.draw_slide(slide)) == 0  # deterministic
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


def test_a_map_does_not_repeat_what_the_caption_says(tool: ModuleType) -> None:
    """No slide badge, date, place panel or caption quote: another caption, date, place line, credit or
    position in the deck leaves the map as it was."""
    pairs = tool.photo_slides(SLIDES)
    slide, occurrence = next((s, o) for s, o in pairs if s["image"].endswith("-erbil.jpg"))
    edited = {
        **slide,
        "caption": "A quite different caption " * 5,
        "date": "1999-01-01",
        "place": "Somewhere else entirely",
        "credit": "Someone else",
    }
    assert mean_abs_diff(tool.draw_slide(slide, occurrence), tool.draw_slide(edited, occurrence)) == 0
    boxes: dict[str, tuple[float, float, float, float]] = {}
    tool.draw_slide(slide, occurrence, boxes)
    assert not boxes.keys() & {"slide number", "title and date", "excerpt"}
