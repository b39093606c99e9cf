"""Turn a photo file into an upright RGB picture of exactly the size the screen needs (Pillow only).

Everything here runs in worker threads, so it must not touch Qt and must not leak exceptions: every
failure becomes an :class:`ImageProblem` whose text is a short reason a person can act on.

Speed comes from decoding near the target size: JPEG draft mode lets libjpeg scale by 1/2, 1/4 or 1/8
while it decodes, and the single high-quality LANCZOS resize (with ``reducing_gap``, i.e. a cheap box
``reduce`` first when the ratio is large) does the rest. Orientation, cropping and colour conversion
happen after the resize, on the small picture.

The screen and the exporter call :func:`slideshow.imaging.picture.decode_picture`, which sends ordinary
JPEGs to Qt's faster scaled decoder and everything else here, with the same geometry
(:mod:`slideshow.imaging.fitting`).
"""

from __future__ import annotations

import logging
import math
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import BinaryIO

from PIL import Image, UnidentifiedImageError, features

from slideshow.imaging.budget import (
    LARGE_DECODE,
    SHARP_OVERSAMPLE,
    coefficient_bytes,
    one_large_at_a_time,
    over_budget_reason,
    sharp_decode_bytes,
    storage_bytes,
)
from slideshow.imaging.colour import to_srgb, to_working_mode
from slideshow.imaging.fitting import Target, plan_crop
from slideshow.imaging.problem import ImageProblem, TooLarge
from slideshow.imaging.reading import open_picture

log = logging.getLogger(__name__)

__all__ = [
    "REFUSED_FORMATS",
    "ImageProblem",
    "decode_to_box",
    "exif_orientation",
    "register_heif",
    "verify_image",
]

#: EXIF orientation -> the transpose that makes the stored pixels upright.
_ORIENTATION = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_EXIF_ORIENTATION_TAG = 0x0112

# A pixel count says nothing about memory: a 200 MP JPEG decodes for a screen in a few MB (DCT scaling),
# an 89 MP PNG needs hundreds. Every decode here is refused or allowed by its estimated bytes instead
# (slideshow.imaging.budget); Pillow's count would refuse legal camera files and its warning is noise.
Image.MAX_IMAGE_PIXELS = None

#: Above this ratio the resize first box-reduces by an integer factor; 3.0 is visually lossless.
_REDUCING_GAP = 3.0

#: EPS is refused: Pillow renders it by running Ghostscript on the file, not something a viewer should
#: do with whatever sits in a deck folder.
REFUSED_FORMATS = frozenset({"EPS"})


@cache
def _has_avif() -> bool:
    try:
        return bool(features.check_module("avif"))  # Pillow >= 11.3 reads AVIF itself
    except ValueError:  # older Pillow: unknown feature name
        return False


@cache
def register_heif() -> bool:
    """Register pi-heif (HEIC, and AVIF where Pillow lacks it) the first time a HEIF file turns up;
    False when the plugin is missing or broken.

    Lazily, because importing the plugin costs about 25 ms that the first slide of a show of JPEGs
    should not wait for. Thread-safe enough: registering twice is harmless.
    """
    try:
        from pi_heif import register_heif_opener  # type: ignore[import-not-found,unused-ignore]

        register_heif_opener()
    except Exception:  # a missing or broken plugin must not stop the viewer: the file gets a reason
        log.debug("pi_heif is not available", exc_info=True)
        return False
    if not _has_avif():
        try:
            import pillow_avif  # type: ignore[import-not-found,unused-ignore]  # noqa: F401  (registers)
        except Exception:
            log.debug("pillow_avif not available", exc_info=True)
    return True


def _looks_like_heif(head: bytes) -> bool:
    """ISO base media files (HEIC, HEIF, AVIF) start with a size and an ``ftyp`` box."""
    if head[4:8] != b"ftyp":
        return False
    return head[8:12] not in (b"avif", b"avis") or not _has_avif()


# ---------------------------------------------------------------- errors


_SIGNATURES = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG", "PNG"),
    (b"GIF8", "GIF"),
    (b"II*\0", "TIFF"),
    (b"MM\0*", "TIFF"),
    (b"BM", "BMP"),
)


def _sniff(head: bytes) -> str:
    """Name the format from the first bytes, for files too broken for Pillow to say."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head[4:8] == b"ftyp":
        return "AVIF" if head[8:12] in (b"avif", b"avis") else "HEIF"
    return next((name for magic, name in _SIGNATURES if head.startswith(magic)), "image")


@contextmanager
def _problems(fmt: list[str]) -> Iterator[None]:
    """Translate whatever Pillow or the OS throws into an ImageProblem with a human reason.

    ``fmt`` is a one-item list the caller fills with the file format once it is known (from the first
    bytes, then from Pillow), so the reason can say "JPEG" rather than "image". Opening the file has
    already named its own failures (:func:`open_picture`).
    """

    def name() -> str:
        return fmt[0]

    try:
        yield
    except ImageProblem:
        raise
    except UnidentifiedImageError:
        if name() != "image":  # a known signature whose header Pillow could not even parse
            raise ImageProblem(f"truncated or corrupt {name()} data") from None
        raise ImageProblem("not an image file (unrecognised format)") from None
    except MemoryError:
        raise ImageProblem("not enough memory to decode this image") from None
    except OSError as exc:
        if exc.errno is not None:  # a real I/O error from the OS, not a decoder complaint
            raise ImageProblem(f"could not read the file ({exc.strerror or exc})") from None
        raise ImageProblem(f"truncated or corrupt {name()} data") from None
    except (SyntaxError, ValueError, struct.error, EOFError, IndexError, KeyError, TypeError, RuntimeError):
        # What Pillow's plugins raise for damaged data (RuntimeError: the AVIF and HEIF decoders).
        log.debug("decoder error", exc_info=True)
        raise ImageProblem(f"truncated or corrupt {name()} data") from None
    except Exception:  # a Pillow plugin bug must still end as a placeholder, not a crash or a traceback
        log.debug("unexpected error while decoding", exc_info=True)
        raise ImageProblem(
            f"could not decode this {name()} file (damaged, or a kind it cannot read)"
        ) from None


@contextmanager
def _opened(path: Path, inside: Path | None, stream: BinaryIO | None) -> Iterator[BinaryIO]:
    """The caller's open file (left open), else the picture opened here (and closed after)."""
    if stream is not None:
        stream.seek(0)
        yield stream
        return
    with open_picture(path, inside) as opened:
        yield opened


def _open(stream: BinaryIO, fmt: list[str]) -> Image.Image:
    """Open lazily (header only); EPS is refused before anything runs.

    ``Image.open`` without ``formats`` tries the common formats first and imports Pillow's other
    plugins (about 0.2 s) only for a file none of those recognise, which keeps the first slide fast.
    Pillow's pixel-count limit is off (see below): the decode's memory budget decides instead.
    """
    head = stream.read(16)
    stream.seek(0)
    fmt[0] = _sniff(head)
    if _looks_like_heif(head):
        register_heif()
    im = Image.open(stream)
    if im.format in REFUSED_FORMATS:  # opening only parsed the header; nothing has run yet
        im.close()
        raise ImageProblem(f"{im.format} pictures are not shown; save it as PNG or JPEG")
    # Phones write JPEGs with extra images (depth or HDR gain maps); Pillow calls those MPO.
    fmt[0] = "JPEG" if im.format == "MPO" else im.format or "image"
    return im


def exif_orientation(im: Image.Image) -> int:
    """The EXIF orientation (1-8); a broken EXIF block counts as upright rather than a failure.

    Shared with :mod:`slideshow.photo_metadata`, so ``check`` and the handout turn a photo as the screen
    does. Pillow finds a PNG's EXIF block that follows the pixels only by decoding them.
    """
    try:
        value = im.getexif().get(_EXIF_ORIENTATION_TAG, 1)
    except Exception:
        log.debug("unreadable EXIF block", exc_info=True)
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


# ---------------------------------------------------------------- public


def decode_to_box(
    path: Path,
    target: Target,
    *,
    oversample: float = 1.0,
    limit: int | None = None,
    inside: Path | None = None,
    stream: BinaryIO | None = None,
) -> Image.Image:
    """Decode ``path`` into an upright sRGB RGB image sized for ``target``'s box of device pixels.

    CONTAIN: the largest size with the photo's aspect ratio inside the box (small photos are scaled up).
    COVER: exactly the box, centre-cropped. A ``crop``: only that part, fitted to the box. The result's
    ``info["photo_size"]`` is the photo's upright size, and ``info["rough"]`` is True when a JPEG was
    scaled while decoding to less than :data:`SHARP_OVERSAMPLE` times the output (fast, but softer than
    LANCZOS from the full photo) and a sharp decode would fit in :data:`LARGE_DECODE`. ``oversample``: how
    much larger than the output a JPEG is decoded before the LANCZOS resize; :data:`SHARP_OVERSAMPLE`
    makes the sharp picture. ``limit``: the most bytes this decode may hold (estimated before any pixel is
    read), else :class:`TooLarge`; the memory budget applies either way. Raises ImageProblem only.
    ``inside`` is the deck folder the file must be in; ``stream`` is the file already opened by
    :func:`open_picture` (then ``path`` only names it).
    """
    path = Path(path)
    width, height, fit, crop = target.width, target.height, target.fit, target.crop
    if width < 1 or height < 1:
        raise ImageProblem(f"invalid target size {width}x{height}")
    fmt = ["image"]
    rough = False
    with _problems(fmt), _opened(path, inside, stream) as source, _open(source, fmt) as im:
        is_jpeg = fmt[0] == "JPEG"
        if is_jpeg:  # the EXIF block comes before the pixels: turn the box before choosing the scale
            orientation = exif_orientation(im)
        src_w, src_h = im.size
        full = im.size
        out, region = plan_crop(src_w, src_h, orientation if is_jpeg else 1, crop, width, height, fit)
        if is_jpeg and out[0] < src_w and out[1] < src_h:
            sharp_fits = sharp_decode_bytes(full, out, region) <= LARGE_DECODE
            share = (out[0] / (region[2] - region[0]), out[1] / (region[3] - region[1]))
            want = (math.ceil(src_w * share[0] * oversample), math.ceil(src_h * share[1] * oversample))
            drafted = im.draft(None, want)  # libjpeg scales by 1/2, 1/4 or 1/8 while decoding
            if drafted is not None:
                f = drafted[1][2] / src_w  # valid drafted width / original width
                region = (region[0] * f, region[1] * f, region[2] * f, region[3] * f)
                rough = f < 1 and region[2] - region[0] + 1 < SHARP_OVERSAMPLE * out[0] and sharp_fits
        cost = _decode_cost(im, full, out, region)
        if not is_jpeg:  # a PNG's orientation is known only after its pixels: the dearer way round
            cost = max(cost, _decode_cost(im, full, *plan_crop(src_w, src_h, 6, crop, width, height, fit)))
        if (reason := over_budget_reason(*full, cost)) is not None:
            raise TooLarge(reason)
        if limit is not None and cost > limit:
            raise TooLarge(f"would need about {cost / 2**20:.0f} MB to decode this way")
        with one_large_at_a_time(cost):
            im.load()  # a PNG keeps its EXIF block after the pixels: orientation is known only now
            if not is_jpeg:
                orientation = exif_orientation(im)
                out, region = plan_crop(src_w, src_h, orientation, crop, width, height, fit)
            icc = im.info.get("icc_profile") or None
            work = to_working_mode(im)
            if work is not im and cost > LARGE_DECODE:
                im.close()  # the converted copy is all that is needed now: a large picture is held once
            if out != work.size or region != (0.0, 0.0, float(work.width), float(work.height)):
                work = work.resize(out, Image.Resampling.LANCZOS, box=region, reducing_gap=_REDUCING_GAP)
        if orientation in _ORIENTATION:
            work = work.transpose(_ORIENTATION[orientation])
        picture = to_srgb(work, icc if isinstance(icc, bytes) else None, target.background)
        picture.info["photo_size"] = (src_h, src_w) if orientation >= 5 else (src_w, src_h)
        picture.info["rough"] = rough
        return picture


def _conversion_bytes(mode: str, has_key: bool) -> int:
    """Bytes per pixel :func:`~slideshow.imaging.colour.to_working_mode` adds while it converts (0 when
    it keeps the picture)."""
    if mode in ("L", "RGB"):
        return 4 if has_key else 0
    if mode in ("LA", "RGBA", "CMYK"):
        return 0
    if mode.startswith("I") or mode == "F":
        return 5  # scaled to 32 bits, then to 8
    return 1 if mode == "1" else 4


def _load_cost(im: Image.Image, full: tuple[int, int]) -> int:
    """The bytes of the decoded (drafted) picture, with a progressive JPEG's full-size coefficients."""
    load = im.width * im.height * storage_bytes(im.mode)
    if im.format in ("JPEG", "MPO") and im.info.get("progressive"):
        sampling = [(h, v) for _, h, v, _ in getattr(im, "layer", [])]
        load += coefficient_bytes(*full, sampling)
    return load


def _decode_cost(
    im: Image.Image, full: tuple[int, int], out: tuple[int, int], region: tuple[float, float, float, float]
) -> int:
    """The most bytes :func:`decode_to_box` holds at once for ``im`` (already drafted), at its worst step:
    the decode itself (with a progressive JPEG's full-size coefficients), the conversion to a working
    mode beside the decoded picture, or the resize (its box-reduced copy and one resampled pass)."""
    width, height = im.size
    pixels = width * height
    decoded = pixels * storage_bytes(im.mode)
    load = _load_cost(im, full)
    extra = _conversion_bytes(im.mode, "transparency" in im.info)
    convert = decoded + pixels * extra
    working = pixels * 4 if extra else decoded
    factor_x = max(1, int((region[2] - region[0]) / out[0] / _REDUCING_GAP))  # as Image.resize does
    factor_y = max(1, int((region[3] - region[1]) / out[1] / _REDUCING_GAP))
    reduced = pixels * 4 // (factor_x * factor_y) if factor_x * factor_y > 1 else 0
    resize = working + reduced + out[0] * (height // factor_y + 1) * 4
    return max(load, convert, resize)


def verify_image(path: Path, inside: Path | None = None) -> str | None:
    """None when ``path`` decodes completely, else the human reason (for ``slideshow check``).

    A truncated JPEG only shows itself when every scan is decoded, so this decodes the whole file, but
    at 1/8 scale (JPEG draft mode), which costs a fraction of a full decode. ``inside``: as for
    :func:`open_picture`.
    """
    fmt = ["image"]
    path = Path(path)
    try:
        with _problems(fmt), open_picture(path, inside) as source, _open(source, fmt) as im:
            full = im.size
            if fmt[0] == "JPEG":
                im.draft(None, (max(1, im.width // 8), max(1, im.height // 8)))
            cost = _load_cost(im, full)
            if (reason := over_budget_reason(*full, cost)) is not None:
                return reason
            with one_large_at_a_time(cost):
                im.load()
    except ImageProblem as problem:
        return str(problem)
    return None
