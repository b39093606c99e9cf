"""One photo file -> the QImage the screen and the exporter paint: one entry point, two decoders.

Two qualities. The *sharp* picture (the default, and what exports use) comes from Pillow: a JPEG is
scaled by libjpeg to at least :data:`~slideshow.imaging.decode.SHARP_OVERSAMPLE` times the box, then
LANCZOS does the rest (about 48 dB or better against LANCZOS from the full photo). The *fast* picture
(``sharp=False``, what the screen shows first while the sharp one is made) sends ordinary JPEGs (8-bit
grey or colour, complete, scaled down) to Qt's JPEG reader: an M/8 scaled decode (3/8 for a 24 MP photo
on a 1080p screen) area-averaged to the exact size, about twice as fast as the sharp path, at the
softness of a box filter (37-40 dB; see benchmarks/decode.py). Qt applies the EXIF orientation exactly
(after scaling) and converts an embedded colour profile to sRGB. That path never imports Pillow, so a
show's first slide starts decoding before Pillow has even loaded. A fast picture that is softer than the
sharp one says so (:func:`is_rough`), and the pipeline then replaces it.

Everything else always goes through Pillow's :func:`decode_to_box`: CMYK, 12/16-bit, palette, alpha,
HEIC, AVIF, WebP, TIFF, upscaling, profiles Qt cannot read, and files without their end marker (Qt would
fill a truncated JPEG with grey; Pillow refuses it, and the slide shows a placeholder naming the problem).
Both paths share the geometry (:mod:`slideshow.imaging.fitting`), so which decoder ran is invisible on
screen and in exports. QImageReader and QImage are reentrant: this runs in the pipeline's workers.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

# Not Qt: its namespace takes 14 ms to load, and a show's first decode starts before anything needs it.
from PySide6.QtCore import QFile, QIODevice, QRect, QSize
from PySide6.QtGui import QColorSpace, QImage, QImageReader

from slideshow.deck.model import Fit
from slideshow.imaging import budget
from slideshow.imaging.fitting import Region, Target, plan_crop
from slideshow.imaging.jpeginfo import JpegHeader, read_jpeg_header
from slideshow.imaging.problem import ImageProblem, TooLarge
from slideshow.imaging.reading import open_picture

if TYPE_CHECKING:
    from PIL import Image

log = logging.getLogger(__name__)

__all__ = ["PHOTO_SIZE_KEY", "decode_picture", "is_rough", "photo_size"]

#: libjpeg keeps its 1/2, 1/4, 1/8 scaling for a clipped decode only when the clip sits on this grid.
_CLIP_GRID = 8


#: Qt's QImageIOHandler.Transformation value -> the EXIF orientation it stands for.
_EXIF_OF_QT = {0: 1, 1: 2, 3: 3, 2: 4, 6: 5, 4: 6, 5: 7, 7: 8}

#: Every picture says which photo size it was made from, for zooming into it: "6000x4000", upright.
PHOTO_SIZE_KEY = "slideshow-photo-size"

#: Set on a fast picture that is softer than the sharp one would be ("1").
ROUGH_KEY = "slideshow-rough"

#: Cleared when this Qt turns out to have no JPEG reader (a trimmed build); Pillow then does every JPEG.
_qt_has_jpeg = True


def _qt_cost(header: JpegHeader, width: int, height: int) -> int:
    """Bytes Qt's reader holds at its peak: the M/8 scaled decode, the exact-size copy, and for a
    progressive file libjpeg's full-size coefficient buffer.

    M is the smallest eighth that still covers the box, whichever way the EXIF orientation turns it
    (read only later, by Qt), so a 24 MP photo for a 4K screen counts 3750x2500, not the whole file.
    """
    photo_w, photo_h = header.width, header.height
    share = max(min(width / photo_w, height / photo_h), min(height / photo_w, width / photo_h))
    eighths = min(8, max(1, math.ceil(8 * min(share, 1.0))))
    scaled = math.ceil(photo_w * eighths / 8) * math.ceil(photo_h * eighths / 8)
    scaled = min(max(scaled, 2 * width * height), photo_w * photo_h)  # a COVER crop: at most its clip
    cost = 4 * scaled + 4 * width * height
    if header.progressive:
        cost += budget.coefficient_bytes(header.width, header.height, header.sampling)
    return cost


def _qt_can_take(header: JpegHeader | None, width: int, height: int) -> bool:
    """Only what Qt decodes exactly as Pillow would; anything doubtful goes to Pillow."""
    if header is None or not header.complete or header.precision != 8:
        return False
    if header.components not in (1, 3) or (header.components == 1 and header.has_icc):
        return False  # CMYK (Adobe's inverted ink) and grey profiles: LittleCMS does these right
    if budget.over_budget_reason(header.width, header.height, _qt_cost(header, width, height)) is not None:
        return False  # the Pillow path refuses it with the reason
    return _qt_has_jpeg


def _clip_rect(region: Region, size: tuple[int, int], *, snapped: bool) -> QRect:
    """The crop in whole source pixels, on libjpeg's 8-pixel grid when ``snapped`` and it is big enough
    to matter.

    Snapping moves the crop by at most 4 pixels of a photo thousands wide, and keeps the decode scaled;
    a zoomed region is not snapped, so it lands exactly where the enlarged picture showed it.
    """
    x0, y0, x1, y1 = region
    grid = _CLIP_GRID if snapped and min(x1 - x0, y1 - y0) >= 16 * _CLIP_GRID else 1

    def snap(value: float) -> int:
        return int(round(value / grid)) * grid

    left, top = snap(x0), snap(y0)
    width = min(size[0] - left, max(grid, snap(x1 - x0)))
    height = min(size[1] - top, max(grid, snap(y1 - y0)))
    return QRect(left, top, width, height)


def _decode_jpeg_with_qt(
    path: Path, stream: BinaryIO, header: JpegHeader, width: int, height: int, fit: Fit, crop: Region | None
) -> QImage | None:
    """The scaled decode through Qt; None to let Pillow do it (upscaling, Qt failing, odd profiles).

    Qt reads the file already opened by :func:`open_picture` (never the path again, which could name
    another file by now).
    """
    os.lseek(stream.fileno(), 0, os.SEEK_SET)
    device = QFile()
    if not device.open(stream.fileno(), QIODevice.OpenModeFlag.ReadOnly):
        return None
    with contextlib.closing(device):  # leaves the descriptor to the caller
        return _read_scaled(path, QImageReader(device, b"jpeg"), header, (width, height), fit, crop)


def _read_scaled(
    path: Path, reader: QImageReader, header: JpegHeader, box: tuple[int, int], fit: Fit, crop: Region | None
) -> QImage | None:
    reader.setAutoTransform(True)  # EXIF orientation, applied after the scaled decode
    orientation = _EXIF_OF_QT.get(reader.transformation().value, 1)
    size = (header.width, header.height)
    out, region = plan_crop(*size, orientation, crop, *box, fit)
    if out[0] > region[2] - region[0] + 0.5 or out[1] > region[3] - region[1] + 0.5:
        return None  # scaling up: Pillow's LANCZOS is the better filter, and small files are fast anyway
    if region != (0.0, 0.0, float(size[0]), float(size[1])):
        reader.setClipRect(_clip_rect(region, size, snapped=crop is None))
    reader.setScaledSize(QSize(*out))
    image = reader.read()
    if image.isNull():
        log.debug("Qt could not read %s: %s", path.name, reader.errorString())
        if reader.error() is QImageReader.ImageReaderError.UnsupportedFormatError:
            global _qt_has_jpeg  # asking Qt up front costs milliseconds of the first slide's start
            _qt_has_jpeg = False
        return None
    upright = (out[1], out[0]) if orientation >= 5 else out
    if (image.width(), image.height()) != upright:
        image = image.smoothScaled(*upright)
    if header.has_icc:
        space = image.colorSpace()
        rgb = getattr(QColorSpace, "ColorModel", None)  # Qt >= 6.8 also reads grey and CMYK profiles
        if not space.isValid() or (rgb is not None and space.colorModel() != rgb.Rgb):
            return None  # a profile Qt cannot read, or not an RGB one: the Pillow path decides
        if space != QColorSpace(QColorSpace.NamedColorSpace.SRgb):
            image.convertToColorSpace(QColorSpace(QColorSpace.NamedColorSpace.SRgb))
    if image.format() != QImage.Format.Format_RGB32:
        image = image.convertToFormat(QImage.Format.Format_RGB32)
    image.setColorSpace(QColorSpace())  # the pixels are sRGB now, as on the Pillow path
    image.setText(PHOTO_SIZE_KEY, f"{size[1]}x{size[0]}" if orientation >= 5 else f"{size[0]}x{size[1]}")
    if (
        out[0] < region[2] - region[0] - 0.5
        and budget.sharp_decode_bytes(size, out, region) <= budget.LARGE_DECODE
    ):
        image.setText(ROUGH_KEY, "1")  # soft (libjpeg's scale and an area average), and a sharp one fits
    return image


def _to_qimage(image: Image.Image) -> QImage:
    """A Format_RGB32 QImage with its own copy of the pixels (the fastest format to paint).

    Qt's RGB888 -> RGB32 conversion is SIMD and about twice as fast as making BGRA in Pillow.
    """
    assert image.mode == "RGB"
    data = image.tobytes()
    wrapped = QImage(data, image.width, image.height, 3 * image.width, QImage.Format.Format_RGB888)
    return wrapped.convertToFormat(QImage.Format.Format_RGB32)  # a deep copy: owns its pixels


def _decode_with_pillow(path: Path, stream: BinaryIO, target: Target, *, sharp: bool = False) -> QImage:
    """Pillow's picture: at the box's own scale, or ``sharp`` (oversampled, and no larger a decode than
    :data:`LARGE_DECODE`, else :class:`TooLarge`)."""
    from slideshow.imaging.decode import decode_to_box  # Pillow loads on first use

    if sharp:
        picture = decode_to_box(
            path, target, oversample=budget.SHARP_OVERSAMPLE, limit=budget.LARGE_DECODE, stream=stream
        )
    else:
        picture = decode_to_box(path, target, stream=stream)
    image = _to_qimage(picture)
    photo_w, photo_h = picture.info["photo_size"]
    image.setText(PHOTO_SIZE_KEY, f"{photo_w}x{photo_h}")
    if picture.info.get("rough"):
        image.setText(ROUGH_KEY, "1")
    log.debug("%s decoded by Pillow", path.name)  # which path a picture took, for --debug and the tests
    return image


def is_rough(image: QImage) -> bool:
    """True for a fast picture that a sharp decode of the same file would improve on."""
    return image.text(ROUGH_KEY) == "1"


def photo_size(image: QImage) -> tuple[int, int] | None:
    """The upright size of the photo ``image`` was decoded from, as :func:`decode_picture` noted it."""
    width, _, height = image.text(PHOTO_SIZE_KEY).partition("x")
    return (int(width), int(height)) if width.isdigit() and height.isdigit() else None


def decode_picture(
    path: Path,
    width: int,
    height: int,
    fit: Fit = Fit.CONTAIN,
    background: tuple[int, int, int] = (0, 0, 0),
    *,
    inside: Path | None = None,
    crop: Region | None = None,
    sharp: bool = True,
) -> QImage:
    """``path`` as an upright sRGB Format_RGB32 QImage for a ``width`` x ``height`` box of device pixels.

    Used by the pipeline's workers and by the exporter, so an export is what the audience sees once the
    sharp picture is up. ``sharp=False`` asks for the fast one (see the module's docstring).
    CONTAIN fits inside the box (small photos scaled up); COVER fills it with a centred crop.
    ``inside`` is the deck's folder: the file read must lie in it (see :func:`open_picture`). ``crop``
    (fractions of the upright photo) decodes only that part, fitted to the box: a zoomed region.
    The picture's text :data:`PHOTO_SIZE_KEY` names the photo's upright size. Raises ImageProblem only.
    """
    path = Path(path)
    if width < 1 or height < 1:
        raise ImageProblem(f"invalid target size {width}x{height}")
    target = Target(width, height, fit, background, crop)
    with open_picture(path, inside) as stream:
        if sharp:
            try:
                return _decode_with_pillow(path, stream, target, sharp=True)
            except TooLarge:
                # Sharper would mean a large decode (a 24 MP photo for a 4K screen: the whole photo);
                # the fast picture is as good as this file gets within that memory.
                log.debug("%s: no sharp picture within %d MB", path.name, budget.LARGE_DECODE // 2**20)
        return _decode_fast(path, stream, target)


def _decode_fast(path: Path, stream: BinaryIO, target: Target) -> QImage:
    """Qt's scaled decode for an ordinary JPEG, Pillow at the box's own scale for everything else."""
    header = read_jpeg_header(stream)
    width, height = target.width, target.height
    if _qt_can_take(header, width, height):
        assert header is not None
        with budget.one_large_at_a_time(_qt_cost(header, width, height)):
            image = _decode_jpeg_with_qt(path, stream, header, width, height, target.fit, target.crop)
        if image is not None:
            log.debug("%s decoded by Qt's JPEG reader", path.name)
            return image
        # Qt moved the descriptor under the buffered reader: Pillow gets a fresh reader of it.
        with os.fdopen(os.dup(stream.fileno()), "rb") as fresh:
            return _decode_with_pillow(path, fresh, target)
    return _decode_with_pillow(path, stream, target)
