"""The phone formats (HEIC through pi-heif, AVIF through Pillow) and the formats refused on purpose.

The HEIC files are made by the plugin itself, so the test needs no sample file from a phone.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, features
from PySide6.QtGui import QColor, QImage

from slideshow.imaging.decode import ImageProblem, decode_to_box
from slideshow.imaging.fitting import Target
from slideshow.imaging.picture import decode_picture

RED, BLUE = (255, 0, 0), (0, 0, 255)


def two_halves(size: tuple[int, int] = (320, 160)) -> Image.Image:
    image = Image.new("RGB", size, RED)
    image.paste(BLUE, (size[0] // 2, 0, size[0], size[1]))
    return image


def close(actual: tuple[int, ...], expected: tuple[int, ...], tolerance: int = 30) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


def rgb(image: QImage, x: int, y: int) -> tuple[int, int, int]:
    c = QColor(image.pixel(x, y))
    return (c.red(), c.green(), c.blue())


@pytest.fixture
def heic(tmp_path: Path) -> Path:
    pillow_heif = pytest.importorskip("pillow_heif")
    path = tmp_path / "phone.heic"
    pillow_heif.from_pillow(two_halves()).save(path, quality=90)
    return path


def test_heic_made_by_the_plugin_is_decoded(heic: Path) -> None:
    image = decode_picture(heic, 160, 160)
    assert (image.width(), image.height()) == (160, 80)
    assert close(rgb(image, 20, 40), RED) and close(rgb(image, 140, 40), BLUE)


def test_heic_is_read_without_importing_the_plugin_first(heic: Path) -> None:
    """The plugin registers itself the first time a HEIF file turns up, not at start-up."""
    code = (
        "import sys; from slideshow.imaging.decode import decode_to_box; "
        "from slideshow.imaging.fitting import Target; "
        "assert 'pi_heif' not in sys.modules; "
        f"print(decode_to_box({str(heic)!r}, Target(160, 160)).size); "
        # The app decodes with pi-heif (LGPL, no encoder); pillow-heif, which bundles the GPL x265
        # encoder, is only there for the tests to write HEIC files.
        "assert 'pi_heif' in sys.modules and 'pillow_heif' not in sys.modules"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "(160, 80)"


def test_a_broken_heic_is_a_problem(heic: Path) -> None:
    heic.write_bytes(heic.read_bytes()[:200])
    with pytest.raises(ImageProblem):
        decode_picture(heic, 160, 160)


@pytest.mark.skipif(not features.check_module("avif"), reason="this Pillow has no AVIF codec")
def test_avif(tmp_path: Path) -> None:
    path = tmp_path / "phone.avif"
    two_halves().save(path, quality=90)
    out = decode_to_box(path, Target(160, 160))
    assert out.size == (160, 80)
    assert close(out.getpixel((20, 40)), RED) and close(out.getpixel((140, 40)), BLUE)


@pytest.mark.parametrize(("name", "options"), [("a.webp", {"quality": 95}), ("a.bmp", {}), ("a.tif", {})])
def test_other_formats_on_the_pillow_path(tmp_path: Path, name: str, options: dict[str, object]) -> None:
    path = tmp_path / name
    two_halves().save(path, **options)
    image = decode_picture(path, 160, 160)
    assert close(rgb(image, 20, 40), RED) and close(rgb(image, 140, 40), BLUE)


def test_eps_is_refused_without_running_an_interpreter(tmp_path: Path) -> None:
    path = tmp_path / "drawing.eps"
    path.write_text("%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nshowpage\n", encoding="ascii")
    with pytest.raises(ImageProblem, match="EPS pictures are not shown"):
        decode_picture(path, 100, 100)
