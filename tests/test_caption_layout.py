"""Captions that never hide the photo: the layout rules, checked through the exporter's real painter.

Every case renders a slide of a real deck (written here, read by the real loader, decoded by the real
decoder) and compares it with the same photo drawn alone: where ``auto`` finds room, not one pixel of
the photo may differ.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from slideshow.deck import Deck, load_deck
from slideshow.deck.model import CaptionPosition, Fit
from slideshow.export import render_slide
from slideshow.imaging.header import header_size
from slideshow.imaging.picture import decode_picture
from slideshow.render.geometry import Box, Metrics
from slideshow.render.layout import OVERLAY_SHARE, Placement, place_caption
from slideshow.render.painter import SlideView, decode_box, picture_rect, slide_layout

SCREENS = {"16:9": (1920, 1080), "16:10": (1280, 800), "4:3": (1024, 768), "portrait": (1080, 1920)}
PHOTOS = {"landscape": (1500, 1000), "portrait": (1000, 1500), "square": (1200, 1200)}
CAPTION = (
    "Only 7,500 tent shelters are available, and most are already occupied, the manager of Degaba camp, "
    "Ahmad Abdu, said. As many as one million people are expected to be displaced due to the clashes."
)
LONG_CAPTION = " ".join([CAPTION] * 3)[:600]

# Where the caption goes in ``auto`` for the caption above: beside or below whenever the fitted photo
# leaves room (the photo giving up at most 12 % of its size), over it only when it does not.
EXPECTED = {
    ("16:9", "landscape"): Placement.SIDE,
    ("16:9", "portrait"): Placement.SIDE,
    ("16:9", "square"): Placement.SIDE,
    ("16:10", "landscape"): Placement.OVERLAY,  # 3:2 on 16:10 leaves 80 px: no room
    ("16:10", "portrait"): Placement.SIDE,
    ("16:10", "square"): Placement.SIDE,
    ("4:3", "landscape"): Placement.BELOW,
    ("4:3", "portrait"): Placement.SIDE,
    ("4:3", "square"): Placement.SIDE,
    ("portrait", "landscape"): Placement.BELOW,
    ("portrait", "portrait"): Placement.BELOW,
    ("portrait", "square"): Placement.BELOW,
}


def make_photo(path: Path, size: tuple[int, int]) -> None:
    """A busy picture: stripes and a grid, so anything drawn over it changes pixels."""
    image = Image.new("RGB", size, (40, 110, 160))
    draw = ImageDraw.Draw(image)
    for x in range(0, size[0], 37):
        draw.line([(x, 0), (x + size[1] // 2, size[1])], fill=(220, 180, 60), width=5)
    for y in range(0, size[1], 53):
        draw.line([(0, y), (size[0], y)], fill=(250, 250, 250), width=2)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)


def make_deck(folder: Path, slides: list[dict[str, object]], **settings: object) -> Deck:
    for slide in slides:
        if "image" in slide:
            width, height = (int(n) for n in str(slide.pop("size", "1500x1000")).split("x"))
            make_photo(folder / str(slide["image"]), (width, height))
    data = {"title": "Captions", "settings": settings, "slides": slides}
    (folder / "slides.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = load_deck(folder)
    assert result.deck is not None, [str(p) for p in result.problems]
    return result.deck


def photo_slide(size: tuple[int, int], caption: str = CAPTION, **extra: object) -> dict[str, object]:
    return {
        "image": "assets/photo.png",
        "size": f"{size[0]}x{size[1]}",
        "caption": caption,
        "place": "Degaba camp, Makhmour, Iraq",
        "date": "2016-10-20",
        "credit": "Photo: A. Photographer / Agency",
        **extra,
    }


def view_of(deck: Deck, index: int, screen: tuple[int, int], **rest: object) -> SlideView:
    slide = deck.slides[index]
    assert slide.image is not None
    view = SlideView.of(deck, index, **rest)  # type: ignore[arg-type]
    photo = header_size(slide.image)
    assert photo is not None
    box = decode_box(Box(0, 0, *screen), view, photo)  # decoded for the photo's box, as the show does
    return replace(view, picture=decode_picture(slide.image, *box, deck.settings.fit))


def photo_alone(view: SlideView, screen: tuple[int, int], photo: Box) -> QImage:
    image = QImage(*screen, QImage.Format.Format_RGB32)
    image.fill(QColor("#000000"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    assert isinstance(view.picture, QImage)
    painter.drawImage(picture_rect(photo, view.picture), view.picture)
    painter.end()
    return image


def inner(box: Box) -> QRect:
    """The box less a pixel all round: its edge pixels are blended with whatever lies beside them."""
    return QRect(round(box.x) + 1, round(box.y) + 1, int(box.width) - 2, int(box.height) - 2)


def ink_rects(view: SlideView, screen: tuple[int, int]) -> list[QRectF]:
    layout, block = slide_layout(Box(0, 0, *screen), view)
    assert layout.text is not None
    return [rect for part in block.parts(layout.text, layout.text_scale) for rect in part.ink()]


def assert_no_overlap(rects: list[QRectF]) -> None:
    for a, b in itertools.combinations(rects, 2):
        shared = a.intersected(b)
        assert shared.width() < 0.5 or shared.height() < 0.5, f"text overlaps text: {a} and {b}"


@pytest.mark.parametrize(("screen_name", "photo_name"), list(EXPECTED))
def test_auto_keeps_the_caption_off_the_photo_whenever_there_is_room(
    qapp: object, tmp_path: Path, screen_name: str, photo_name: str
) -> None:
    screen, size = SCREENS[screen_name], PHOTOS[photo_name]
    deck = make_deck(tmp_path, [photo_slide(size)])
    view = view_of(deck, 0, screen)
    layout, _ = slide_layout(Box(0, 0, *screen), view)
    assert layout.placement is EXPECTED[(screen_name, photo_name)]
    exported = render_slide(deck, 0, screen)
    texts = ink_rects(view, screen)
    assert_no_overlap(texts)
    assert all(QRectF(0, 0, *screen).contains(rect) for rect in texts)
    if layout.placement is Placement.OVERLAY:
        assert layout.scrim is not None
        photo_box = QRectF(layout.photo.x, layout.photo.y, layout.photo.width, layout.photo.height)
        scrim = QRectF(layout.scrim.x, layout.scrim.y, layout.scrim.width, layout.scrim.height)
        assert photo_box.contains(scrim)  # no seam: the scrim never reaches into a letterbox bar
        assert scrim.height() <= layout.photo.height * OVERLAY_SHARE + 0.5
        assert all(scrim.contains(rect) for rect in texts)
        return
    alone = photo_alone(view, screen, layout.photo)
    region = inner(layout.photo)
    assert exported.copy(region) == alone.copy(region), "the caption covers photo pixels"
    assert layout.photo.height >= 0.88 * min(screen[1], screen[0] * size[1] / size[0]) - 1
    photo_rect = QRectF(layout.photo.x, layout.photo.y, layout.photo.width, layout.photo.height)
    assert not any(photo_rect.intersects(rect) for rect in texts)


@pytest.mark.parametrize(("caption", "cut"), [(LONG_CAPTION, False), (" ".join([LONG_CAPTION] * 3), True)])
def test_a_photo_as_wide_as_the_screen_gets_an_overlay_no_taller_than_a_third(
    qapp: object, tmp_path: Path, caption: str, cut: bool
) -> None:
    deck = make_deck(tmp_path, [photo_slide((1600, 900), caption)])
    screen = SCREENS["16:9"]
    view = view_of(deck, 0, screen, caption_scale=1.6)
    layout, block = slide_layout(Box(0, 0, *screen), view)
    assert layout.placement is Placement.OVERLAY and layout.scrim is not None and layout.text is not None
    assert layout.scrim.height <= 1080 * OVERLAY_SHARE + 0.5
    assert layout.scrim.bottom == pytest.approx(1080) and layout.scrim.width == pytest.approx(1920)
    parts = block.parts(layout.text, layout.text_scale)
    shown = parts[0].layout.text()
    assert shown.endswith("…") is cut and (shown == caption) is not cut
    scrim = QRectF(layout.scrim.x, layout.scrim.y, layout.scrim.width, layout.scrim.height)
    assert all(scrim.contains(rect) for part in parts for rect in part.ink())
    assert_no_overlap([rect for part in parts for rect in part.ink()])


@pytest.mark.parametrize("position", list(CaptionPosition))
def test_every_position_keeps_its_promise(qapp: object, tmp_path: Path, position: CaptionPosition) -> None:
    deck = make_deck(tmp_path, [photo_slide((1000, 1500), caption_position=position.value)])
    screen = SCREENS["16:9"]
    view = view_of(deck, 0, screen)
    layout, _ = slide_layout(Box(0, 0, *screen), view)
    expected = {
        CaptionPosition.AUTO: Placement.SIDE,
        CaptionPosition.OVERLAY: Placement.OVERLAY,
        CaptionPosition.BELOW: Placement.BELOW,
        CaptionPosition.HIDDEN: Placement.NONE,
    }[position]
    assert layout.placement is expected
    if position is CaptionPosition.BELOW:
        assert layout.text is not None and layout.text.y >= layout.photo.bottom
    if position is CaptionPosition.HIDDEN:
        exported = render_slide(deck, 0, screen)
        alone = photo_alone(view, screen, layout.photo)
        assert exported == alone  # nothing but the photo, not even the slide number


def test_the_deck_setting_applies_unless_a_slide_says_otherwise(qapp: object, tmp_path: Path) -> None:
    deck = make_deck(
        tmp_path,
        [photo_slide((1000, 1500)), photo_slide((1000, 1500), caption_position="auto")],
        caption="overlay",
    )
    screen = SCREENS["16:9"]
    first = slide_layout(Box(0, 0, *screen), view_of(deck, 0, screen))[0]
    second = slide_layout(Box(0, 0, *screen), view_of(deck, 1, screen))[0]
    assert (first.placement, second.placement) == (Placement.OVERLAY, Placement.SIDE)


def test_right_to_left_captions_put_their_column_on_the_left(qapp: object, tmp_path: Path) -> None:
    deck = make_deck(tmp_path, [photo_slide((1000, 1500), "نازحون يصلون إلى مخيم ديبكة", lang="ar")])
    layout, _ = slide_layout(Box(0, 0, 1920, 1080), view_of(deck, 0, (1920, 1080)))
    assert layout.placement is Placement.SIDE and layout.text is not None
    assert layout.text.right < layout.photo.x


@pytest.mark.parametrize("screen", [(1920, 1080), (1366, 768), (1024, 768), (1280, 800)])
@pytest.mark.parametrize("scale", [0.7, 1.0, 1.6])
def test_no_text_overlaps_and_the_number_never_sits_between_lines(
    qapp: object, tmp_path: Path, screen: tuple[int, int], scale: float
) -> None:
    long_place = "Degaba camp for displaced families, Makhmour district, Nineveh Plains, Iraq"
    slide = photo_slide((1600, 900), CAPTION, title="Waiting for a tent")
    slide["place"], slide["credit"] = long_place, "Photo: Firstname Lastname-Longname / Agency of Record"
    deck = make_deck(tmp_path, [slide])
    view = view_of(deck, 0, screen, caption_scale=scale)
    layout, block = slide_layout(Box(0, 0, *screen), view)
    assert layout.text is not None
    parts = block.parts(layout.text, layout.text_scale)
    assert_no_overlap([rect for part in parts for rect in part.ink()])
    number, meta = parts[-1], parts[-2]
    assert number.layout.text() == "1 / 1"
    number_line = number.layout.lineAt(0)
    number_baseline = number.position.y() + number_line.y() + number_line.ascent()
    meta_lines = [meta.layout.lineAt(i) for i in range(meta.layout.lineCount())]
    last = meta_lines[-1]
    on_last_line = number_baseline == pytest.approx(meta.position.y() + last.y() + last.ascent(), abs=0.6)
    below_all = number.position.y() >= meta.position.y() + last.y() + last.height() - 0.5
    assert on_last_line or below_all


def test_overlay_text_shrinks_to_the_floor_before_it_is_cut() -> None:
    metrics = Metrics.for_height(1080)
    heights = {1.0: 500.0, 0.9: 400.0, 0.8: 300.0}

    def measure(width: float, scale: float) -> float:
        return heights.get(round(scale, 2), 250.0)

    layout = place_caption(
        Box(0, 0, 1920, 1080), (1920, 1080), Fit.CONTAIN, CaptionPosition.AUTO, metrics, measure
    )
    assert layout.placement is Placement.OVERLAY
    assert layout.text_scale == pytest.approx(0.8)  # 300 px + padding fits a third of 1080
    assert layout.scrim is not None and layout.scrim.height <= 360


def test_cover_fills_the_screen_and_overlays(qapp: object, tmp_path: Path) -> None:
    deck = make_deck(tmp_path, [photo_slide((1000, 1500))], fit="cover")
    layout, _ = slide_layout(Box(0, 0, 1920, 1080), view_of(deck, 0, (1920, 1080)))
    assert layout.placement is Placement.OVERLAY
    assert layout.scrim is not None and layout.scrim.bottom == pytest.approx(1080)
