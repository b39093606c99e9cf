"""The painter, checked by pixels offscreen: what these tests see is what the window and exports show."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter

from slideshow.core.player import Blank
from slideshow.deck.model import CaptionPosition, Fit, Slide
from slideshow.render.fonts import caption_family, font
from slideshow.render.geometry import Box, Metrics, fit_box, text_column
from slideshow.render.painter import SlideView, paint_slide
from slideshow.render.text import format_date, is_right_to_left

PHOTO = Slide(
    caption="Families who fled their homes arrive at a camp.",
    image=Path("assets/x.jpg"),
    image_ref="assets/x.jpg",
    place="Bashiqa, Iraq",
    date=dt.date(2016, 10, 21),
    credit="Agency",
)


def paint(view: SlideView, size: tuple[int, int] = (960, 540)) -> QImage:
    image = QImage(size[0], size[1], QImage.Format.Format_RGB32)
    image.fill(QColor("#ff00ff"))  # a colour the painter never uses: any left over is a hole
    painter = QPainter(image)
    paint_slide(painter, QRectF(0, 0, *size), view)
    painter.end()
    return image


def solid(colour: str, size: tuple[int, int] = (400, 300)) -> QImage:
    image = QImage(size[0], size[1], QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    return image


def brightness(image: QImage, x: int, y: int) -> int:
    colour = image.pixelColor(x, y)
    return (colour.red() + colour.green() + colour.blue()) // 3


# --- geometry --------------------------------------------------------------------------------------------


def test_contain_keeps_the_whole_picture_centred_with_bars() -> None:
    box = fit_box(400, 300, Box(0, 0, 1920, 1080), Fit.CONTAIN)
    assert (box.width, box.height) == (1440, 1080)
    assert box.x == 240 and box.y == 0


def test_cover_fills_the_area_and_overflows_evenly() -> None:
    box = fit_box(400, 300, Box(0, 0, 1920, 1080), Fit.COVER)
    assert box.width == 1920 and box.height == 1440
    assert box.y == -180


def test_degenerate_sizes_give_an_empty_box() -> None:
    assert fit_box(0, 10, Box(0, 0, 100, 100), Fit.CONTAIN).width == 0


def test_sizes_follow_the_screen_height() -> None:
    laptop, tv = Metrics.for_height(1080), Metrics.for_height(2160)
    assert tv.caption_px == pytest.approx(2 * laptop.caption_px, abs=1)
    assert laptop.caption_px >= 30  # readable across a room at 1080p


def test_caption_column_is_capped_on_very_wide_screens() -> None:
    metrics = Metrics.for_height(1080)
    column = text_column(Box(0, 0, 5760, 1080), metrics)
    assert column.width == pytest.approx(1080 * 1.75)


# --- text rules ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("en-GB", "20 October 2016"), ("en-US", "October 20, 2016"), ("de", "20. Oktober 2016")],
)
def test_date_stamp_follows_the_deck_locale(qapp: object, locale: str, expected: str) -> None:
    assert format_date(dt.date(2016, 10, 20), locale) == expected


def test_right_to_left_is_found_from_the_first_strong_character() -> None:
    assert is_right_to_left("«نازحون يصلون إلى مخيم»")
    assert is_right_to_left("2016 هەولێر")  # Kurdish (Sorani), digits first
    assert not is_right_to_left("Erbil, Iraq")
    assert not is_right_to_left("")


def test_bundled_font_covers_latin_and_arabic(qapp: object) -> None:
    assert caption_family() == "DejaVu Sans"
    metrics = QFontMetricsF(font(40))
    for char in "Aé" + "نازحون" + "ێ":
        assert metrics.inFontUcs4(ord(char)), f"no glyph for {char!r}: it would show as a box"


# --- painting --------------------------------------------------------------------------------------------


def test_photo_is_drawn_with_black_bars_and_a_dark_caption_band(qapp: object) -> None:
    image = paint(
        SlideView(PHOTO, 2, 14, picture=solid("#30a0e0", (400, 300)), caption=CaptionPosition.OVERLAY)
    )
    assert image.pixelColor(5, 100) == QColor("#000000")  # pillarbox (contain)
    assert image.pixelColor(480, 100) == QColor("#30a0e0")  # the picture
    band_pixel = image.pixelColor(700, image.height() - 8)
    assert brightness(image, 700, image.height() - 8) < 60, band_pixel.name()
    assert not _has(image, QColor("#ff00ff"))


def test_cover_fills_the_screen(qapp: object) -> None:
    image = paint(SlideView(PHOTO, 2, 14, picture=solid("#30a0e0"), fit=Fit.COVER))
    assert image.pixelColor(5, 100) == QColor("#30a0e0")


def test_caption_text_is_drawn_in_the_band(qapp: object) -> None:
    with_caption = paint(SlideView(PHOTO, 2, 14, picture=solid("#000000")))
    without = paint(SlideView(Slide(caption="", image=PHOTO.image), 2, 14, picture=solid("#000000")))
    band = QRectF(0, 540 * 0.7, 960, 540 * 0.3)
    assert _bright_pixels(with_caption, band) > 5 * max(_bright_pixels(without, band), 1)


def test_arabic_caption_is_right_aligned(qapp: object) -> None:
    slide = Slide(caption="نازحون يصلون إلى مخيم", image=PHOTO.image)
    image = paint(SlideView(slide, 2, 14, picture=solid("#000000", (640, 360))))
    y_band = QRectF(0, 540 * 0.75, 960, 540 * 0.25)
    left = _bright_pixels(image, QRectF(0, y_band.y(), 480, y_band.height()))
    right = _bright_pixels(image, QRectF(480, y_band.y(), 480, y_band.height()))
    assert right > 3 * max(left, 1)


def test_text_slide_has_its_own_background_and_big_title(qapp: object) -> None:
    slide = Slide(caption="Stand-first", title="The battle for Mosul explained in pictures")
    image = paint(SlideView(slide, 1, 14))
    assert image.pixelColor(3, 3) != QColor("#000000")
    assert _bright_pixels(image, QRectF(0, 180, 960, 200)) > 500


def test_missing_picture_becomes_a_placeholder_naming_the_reason(qapp: object) -> None:
    image = paint(SlideView(PHOTO, 2, 14, problem="truncated or corrupt JPEG data"))
    assert image.pixelColor(5, 5) == QColor("#1c1f24")
    assert (
        _count(image, QRectF(0, 0, 960, 350), lambda c: c.red() > 200 and c.green() < 180) > 20
    )  # reason, in red


@pytest.mark.parametrize(("blank", "colour"), [(Blank.BLACK, "#000000"), (Blank.WHITE, "#ffffff")])
def test_blank_screens_cover_everything(qapp: object, blank: Blank, colour: str) -> None:
    image = paint(SlideView(PHOTO, 2, 14, picture=solid("#30a0e0"), blank=blank))
    assert all(image.pixelColor(x, y) == QColor(colour) for x in (0, 480, 959) for y in (0, 270, 539))


def test_progress_line_grows_with_the_share_of_time(qapp: object) -> None:
    image = paint(SlideView(PHOTO, 2, 14, picture=solid("#000000"), progress=0.5))
    bottom = image.height() - 1
    assert image.pixelColor(100, bottom) == QColor("#f2c14e")
    assert image.pixelColor(900, bottom) != QColor("#f2c14e")


def test_sizes_scale_with_output_height(qapp: object) -> None:
    small = paint(SlideView(PHOTO, 2, 14, picture=solid("#000000")), (960, 540))
    large = paint(SlideView(PHOTO, 2, 14, picture=solid("#000000")), (1920, 1080))
    ratio = _bright_pixels(large, QRectF(0, 0, 1920, 1080)) / _bright_pixels(small, QRectF(0, 0, 960, 540))
    assert 3.0 < ratio < 6.5  # text area grows with the square of the scale (antialiasing thins small text)


def _count(image: QImage, rect: QRectF, test: object) -> int:
    total = 0
    for y in range(int(rect.y()), int(rect.bottom()), 2):
        for x in range(int(rect.x()), int(rect.right()), 2):
            if test(image.pixelColor(x, y)):  # type: ignore[operator]
                total += 1
    return total


def _bright_pixels(image: QImage, rect: QRectF) -> int:
    return _count(image, rect, lambda c: c.red() + c.green() + c.blue() > 600)


def _has(image: QImage, colour: QColor) -> bool:
    return _count(image, QRectF(0, 0, image.width(), image.height()), lambda c: c == colour) > 0
