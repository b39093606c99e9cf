"""Decoding a zoomed region: the part of the upright photo the screen shows, from the file, on both paths
and under every EXIF orientation (the crop is taken from the stored pixels, then turned)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageStat

from slideshow.imaging.picture import decode_picture, photo_size
from test_imaging_decode import STORE_AS
from test_imaging_picture import Paths, as_pillow

UPRIGHT = (480, 320)
CROP = (0.25, 0.3, 0.6, 0.8)  # fractions of the upright photo


def structured(size: tuple[int, int]) -> Image.Image:
    """Gradients and a grid of dots: any shift, flip or turn of a crop shows."""
    width, height = size
    red = Image.linear_gradient("L").rotate(90).resize(size)
    green = Image.linear_gradient("L").resize(size)
    picture = Image.merge("RGB", (red, green, Image.new("L", size, 90)))
    draw = ImageDraw.Draw(picture)
    for x in range(10, width, 40):
        for y in range(10, height, 40):
            draw.ellipse([x, y, x + 12, y + 12], fill=(255, 255, 255) if (x + y) % 80 else (0, 0, 0))
    return picture


def stored(folder: Path, orientation: int, suffix: str) -> Path:
    picture = structured(UPRIGHT)
    if STORE_AS[orientation] is not None:
        picture = picture.transpose(STORE_AS[orientation])
    exif = Image.Exif()
    exif[0x0112] = orientation
    path = folder / f"o{orientation}.{suffix}"
    picture.save(path, quality=95, subsampling="4:4:4", exif=exif) if suffix == "jpg" else picture.save(
        path, exif=exif
    )
    return path


def expected_crop() -> Image.Image:
    width, height = UPRIGHT
    box = (CROP[0] * width, CROP[1] * height, CROP[2] * width, CROP[3] * height)
    return structured(UPRIGHT).crop(tuple(round(v) for v in box))  # type: ignore[arg-type]


@pytest.mark.parametrize("orientation", range(1, 9))
@pytest.mark.parametrize("suffix", ["jpg", "png"])
@pytest.mark.parametrize("sharp", [False, True])
def test_a_region_is_decoded_upright_at_its_own_pixels(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, orientation: int, suffix: str, sharp: bool
) -> None:
    """Both qualities: the fast one (a JPEG through Qt's reader) and the sharp one (Pillow)."""
    paths = Paths(caplog)
    path = stored(tmp_path, orientation, suffix)
    want = expected_crop()
    image = decode_picture(path, *want.size, crop=CROP, sharp=sharp)
    assert (image.width(), image.height()) == want.size
    assert photo_size(image) == UPRIGHT
    difference = ImageStat.Stat(ImageChops.difference(as_pillow(image), want)).mean
    assert max(difference) < 4, difference
    assert (paths.qt, paths.pillow) == ((1, 0) if suffix == "jpg" and not sharp else (0, 1))


@pytest.mark.parametrize("suffix", ["jpg", "png"])
def test_a_region_is_scaled_to_the_box_it_is_asked_for(tmp_path: Path, suffix: str) -> None:
    path = stored(tmp_path, 6, suffix)
    want = expected_crop()
    half = (want.width // 2, want.height // 2)
    image = decode_picture(path, *half, crop=CROP)
    assert (image.width(), image.height()) == half
    difference = ImageStat.Stat(
        ImageChops.difference(as_pillow(image), want.resize(half, Image.LANCZOS))
    ).mean
    assert max(difference) < 8, difference
