"""decode_picture: the one decoder behind the screen and the exporter.

Large, complete RGB/grey JPEGs take Qt's scaled JPEG reader; everything else takes Pillow. These tests
run the cases that matter through decode_picture and check that the Qt path is really taken where it
should be, and that it gives the same picture as the Pillow path: upright for EXIF 1-8, the centre for
COVER, colour-managed, and a placeholder reason for a broken file.
"""

from __future__ import annotations

import io
import logging
import math
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageCms, ImageDraw, ImageFilter, ImageStat
from PySide6.QtGui import QColor, QImage

from slideshow.deck.model import Fit
from slideshow.imaging import picture as picture_module
from slideshow.imaging.decode import ImageProblem, decode_to_box
from slideshow.imaging.fitting import Target
from slideshow.imaging.picture import decode_picture, is_rough
from test_imaging_decode import rotated_jpeg, swapped_primaries_profile, thirds

RED, GREEN, BLUE = (255, 0, 0), (0, 255, 0), (0, 0, 255)


def rgb(image: QImage, x: int, y: int) -> tuple[int, int, int]:
    c = QColor(image.pixel(x, y))
    return (c.red(), c.green(), c.blue())


def close(actual: tuple[int, ...], expected: tuple[int, ...], tolerance: int = 40) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


def as_pillow(image: QImage) -> Image.Image:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    raw = bytes(image.constBits())  # type: ignore[call-overload]
    return Image.frombuffer(
        "RGB", (image.width(), image.height()), raw, "raw", "RGB", image.bytesPerLine(), 1
    )


class Paths:
    """Which decoder made each picture, as decode_picture logs it (Qt may look at a file and leave it to
    Pillow): read from the log, so nothing inside the decoder is replaced."""

    def __init__(self, caplog: pytest.LogCaptureFixture) -> None:
        caplog.set_level(logging.DEBUG, logger=picture_module.log.name)
        self._caplog = caplog

    def _count(self, what: str) -> int:
        return sum(
            record.name == picture_module.log.name and what in record.getMessage()
            for record in self._caplog.records
        )

    @property
    def qt(self) -> int:
        return self._count("decoded by Qt")

    @property
    def pillow(self) -> int:
        return self._count("decoded by Pillow")


@pytest.fixture
def paths(caplog: pytest.LogCaptureFixture) -> Paths:
    return Paths(caplog)


@pytest.mark.parametrize("orientation", range(1, 9))
def test_exif_orientation_comes_out_upright_on_the_qt_path(
    tmp_path: Path, paths: Paths, orientation: int
) -> None:
    path = rotated_jpeg(tmp_path, orientation, (800, 400))
    image = decode_picture(path, 100, 50, sharp=False)
    assert (image.width(), image.height()) == (100, 50)
    assert image.format() == QImage.Format.Format_RGB32
    assert close(rgb(image, 6, 3), RED)
    assert close(rgb(image, 93, 3), BLUE)
    assert close(rgb(image, 6, 46), (128, 128, 128))
    assert close(rgb(image, 93, 46), (128, 128, 128))
    assert (paths.qt, paths.pillow) == (1, 0)


def test_cover_of_a_large_jpeg_crops_the_centre_on_the_qt_path(tmp_path: Path, paths: Paths) -> None:
    path = tmp_path / "wide.jpg"
    thirds(1500, 1000).save(path, quality=95)  # the middle 1000x1000 survives
    image = decode_picture(path, 120, 120, Fit.COVER, sharp=False)
    assert (image.width(), image.height()) == (120, 120)
    assert close(rgb(image, 5, 60), RED)
    assert close(rgb(image, 60, 60), GREEN)
    assert close(rgb(image, 115, 60), BLUE)
    assert paths.qt == 1


def test_grey_jpeg_becomes_rgb32(tmp_path: Path, paths: Paths) -> None:
    path = tmp_path / "grey.jpg"
    Image.new("L", (400, 300), 90).save(path, quality=95)
    image = decode_picture(path, 200, 150, sharp=False)
    assert image.format() == QImage.Format.Format_RGB32
    assert close(rgb(image, 100, 75), (90, 90, 90), 3)
    assert paths.qt == 1


def test_icc_profile_of_a_jpeg_is_converted_to_srgb_on_the_qt_path(tmp_path: Path, paths: Paths) -> None:
    profile = swapped_primaries_profile()
    try:
        ImageCms.ImageCmsProfile(io.BytesIO(profile))
    except Exception as exc:  # pragma: no cover - depends on the LittleCMS build
        pytest.skip(f"LittleCMS refuses the hand-made profile: {exc}")
    path = tmp_path / "swapped.jpg"
    Image.new("RGB", (400, 300), (255, 0, 0)).save(path, quality=95, icc_profile=profile)
    r, g, b = rgb(decode_picture(path, 200, 150, sharp=False), 100, 75)
    assert g > 200 and r < 60, (r, g, b)
    assert paths.qt == 1


def test_cmyk_and_small_jpegs_take_the_pillow_path(tmp_path: Path, paths: Paths) -> None:
    cmyk = tmp_path / "cmyk.jpg"
    Image.new("CMYK", (400, 400), (0, 255, 255, 0)).save(cmyk, quality=95)
    assert close(rgb(decode_picture(cmyk, 100, 100, sharp=False), 50, 50), RED)
    small = tmp_path / "small.jpg"
    thirds(90, 60).save(small, quality=95)
    assert (decode_picture(small, 300, 200, sharp=False).width(), paths.pillow) == (
        300,
        2,
    )  # scaled up by LANCZOS
    assert paths.qt == 0


@pytest.mark.parametrize("keep", [0.5, 0.9])
def test_a_truncated_jpeg_is_a_problem_not_a_grey_picture(tmp_path: Path, paths: Paths, keep: float) -> None:
    path = tmp_path / "cut.jpg"
    thirds(800, 600).save(path, quality=90)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(ImageProblem, match="truncated or corrupt JPEG data"):
        decode_picture(path, 200, 150, sharp=False)
    assert paths.qt == 0


def test_problems_have_the_same_reasons_as_on_the_pillow_path(tmp_path: Path) -> None:
    with pytest.raises(ImageProblem, match="^file not found$"):
        decode_picture(tmp_path / "gone.jpg", 100, 100)
    with pytest.raises(ImageProblem, match="invalid target size"):
        decode_picture(tmp_path / "gone.jpg", 0, 100)
    junk = tmp_path / "junk.jpg"
    junk.write_bytes(b"\xff\xd8\xff" + b"\x00" * 500 + b"\xff\xd9")
    with pytest.raises(ImageProblem, match="JPEG"):
        decode_picture(junk, 100, 100)


def test_the_qt_path_looks_like_the_pillow_path(tmp_path: Path, paths: Paths) -> None:
    """Same size, same place, same sharpness: the mean difference is a few levels out of 255."""
    scene = Image.new("RGB", (3000, 2000), (70, 110, 160))
    draw = ImageDraw.Draw(scene)
    for i in range(0, 3000, 37):
        draw.line([(i, 0), (3000 - i, 2000)], fill=(250, 240 - i % 200, i % 255), width=3)
    for i in range(40):
        draw.ellipse(
            [i * 70, 900 + (i % 5) * 90, i * 70 + 60, 960 + (i % 5) * 90], fill=(200, 40 + i * 5, 40)
        )
    scene = scene.filter(ImageFilter.GaussianBlur(1))
    path = tmp_path / "scene.jpg"
    scene.save(path, quality=92)

    fast = as_pillow(decode_picture(path, 960, 540, sharp=False))
    reference = decode_to_box(path, Target(960, 540))
    assert paths.qt == 1 and fast.size == reference.size == (810, 540)
    difference = ImageStat.Stat(ImageChops.difference(fast, reference).convert("L")).mean[0]
    assert difference < 4.0, difference


@pytest.mark.parametrize("profile", [b"not a profile at all", "LAB", "sRGB"])
def test_odd_profiles_in_a_large_jpeg_leave_the_pixels_alone(tmp_path: Path, profile: bytes | str) -> None:
    """Qt passes on what it cannot read; Pillow then ignores it, as it does for any file."""
    if isinstance(profile, str):
        profile = ImageCms.ImageCmsProfile(ImageCms.createProfile(profile)).tobytes()
    path = tmp_path / "odd.jpg"
    Image.new("RGB", (400, 300), (200, 100, 50)).save(path, quality=95, icc_profile=profile)
    assert close(rgb(decode_picture(path, 200, 150, sharp=False), 100, 75), (200, 100, 50), 4)


def psnr(picture: Image.Image, reference: Image.Image) -> float:
    """Peak signal-to-noise ratio in dB (higher is closer)."""
    histogram = ImageChops.difference(picture, reference).convert("L").histogram()
    mse = sum(i * i * n for i, n in enumerate(histogram)) / sum(histogram)
    return 99.0 if mse == 0 else 10 * math.log10(255 * 255 / mse)


def test_the_sharp_picture_is_lanczos_from_the_full_photo_and_the_fast_one_says_it_is_rough(
    tmp_path: Path, paths: Paths
) -> None:
    """Fine hatching is where libjpeg's scaled decode and an area average alias; the sharp picture
    (the default, what exports use) is far closer to LANCZOS from the full-resolution photo."""
    scene = Image.new("RGB", (3000, 2000), (90, 90, 90))
    draw = ImageDraw.Draw(scene)
    for x in range(0, 3000, 5):
        draw.line([(x, 0), (x + 700, 2000)], fill=(230, 225, 200), width=2)
    path = tmp_path / "hatching.jpg"
    scene.save(path, quality=95)
    with Image.open(path) as full:
        reference = full.convert("RGB").resize((810, 540), Image.Resampling.LANCZOS)

    fast = decode_picture(path, 960, 540, sharp=False)
    sharp = decode_picture(path, 960, 540)
    assert (paths.qt, paths.pillow) == (1, 1)
    assert is_rough(fast) and not is_rough(sharp)
    sharp_db, fast_db = psnr(as_pillow(sharp), reference), psnr(as_pillow(fast), reference)
    assert sharp_db > 38 and sharp_db > fast_db + 8, (sharp_db, fast_db)  # measured: 40.9 and 29.4 dB


def test_a_jpeg_decoded_at_full_scale_is_not_rough(tmp_path: Path) -> None:
    path = tmp_path / "small.jpg"
    thirds(300, 200).save(path, quality=95)
    assert not is_rough(decode_picture(path, 300, 200, sharp=False))  # nothing scaled: nothing to refine
    assert not is_rough(decode_picture(path, 600, 400, sharp=False))  # scaled up by LANCZOS


def test_no_sharp_picture_is_made_where_it_would_need_a_large_decode(tmp_path: Path, paths: Paths) -> None:
    """A 24 MP photo for a 4K screen would be decoded whole (libjpeg has no step between 1/1 and 1/2):
    over the memory a decode may take without waiting its turn, so the fast picture is the answer, and it
    does not ask to be refined."""
    path = tmp_path / "big.jpg"
    Image.new("RGB", (6000, 4000), (90, 120, 150)).save(path, quality=80)
    assert not is_rough(decode_picture(path, 3840, 2160)) and (paths.qt, paths.pillow) == (1, 0)
    assert not is_rough(decode_picture(path, 3840, 2160, sharp=False)) and paths.qt == 2
    assert not is_rough(decode_picture(path, 1920, 1080)) and paths.pillow == 1  # 1/2 scale: it fits
