"""Decode-to-screen: photo file -> picture ready to paint (a Format_RGB32 QImage) fitting 1920x1080.

    uv run python benchmarks/decode.py             # about a minute; photos are made on the first run
    uv run --with pyvips --with pyvips-binary python benchmarks/decode.py    # adds libvips

Methods, measured in turn in the same run on the same files (12, 24 and 45 MP JPEGs from _photos.py):

- ours, fast: ``decode_picture(sharp=False)``, the picture a worker puts on screen first (Qt's scaled
  JPEG decode);
- ours, sharp: ``decode_picture``, the picture that replaces it and stays (and what exports use):
  libjpeg's scale at least 1.75x the box, then LANCZOS;
- Pillow draft + LANCZOS: draft mode at the box's own size, then LANCZOS, for reference;
- naive Pillow: open, convert to RGB, LANCZOS to the box;
- Qt QImageReader: ``setScaledSize`` to the box, then ``read``;
- libvips: ``thumbnail`` to the box, when pyvips is importable.

Each row also shows the quality: PSNR in dB against a LANCZOS resize of the fully decoded photo (higher
is closer; above about 35 dB differences are hard to see at screen size).
"""

from __future__ import annotations

import argparse
import math
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from _common import machine_facts, summary, table
from PIL import Image, ImageChops
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QImageReader

from slideshow.imaging.decode import decode_to_box
from slideshow.imaging.fitting import Target
from slideshow.imaging.picture import decode_picture

BOX = (1920, 1080)
FAST = "ours, fast (first up)"
SHARP = "ours, sharp (stays up)"


def _fit(width: int, height: int) -> tuple[int, int]:
    scale = min(BOX[0] / width, BOX[1] / height)
    return round(width * scale), round(height * scale)


def _qimage(image: Image.Image) -> QImage:
    data = image.tobytes()
    wrapped = QImage(data, image.width, image.height, 3 * image.width, QImage.Format.Format_RGB888)
    return wrapped.convertToFormat(QImage.Format.Format_RGB32)


def _pillow(image: QImage) -> Image.Image:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    raw = bytes(image.constBits())  # type: ignore[call-overload]
    return Image.frombuffer(
        "RGB", (image.width(), image.height()), raw, "raw", "RGB", image.bytesPerLine(), 1
    )


def ours_fast(path: Path) -> QImage:
    return decode_picture(path, *BOX, sharp=False)


def ours_sharp(path: Path) -> QImage:
    return decode_picture(path, *BOX)


def pillow_draft(path: Path) -> QImage:
    return _qimage(decode_to_box(path, Target(*BOX)))


def naive_pillow(path: Path) -> QImage:
    with Image.open(path) as im:
        rgb = im.convert("RGB")
    return _qimage(rgb.resize(_fit(*rgb.size), Image.Resampling.LANCZOS))


def qt_reader(path: Path) -> QImage:
    reader = QImageReader(str(path))
    size = reader.size()
    reader.setScaledSize(size.scaled(QSize(*BOX), Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()


def _vips() -> Callable[[Path], QImage] | None:
    try:
        import pyvips  # type: ignore[import-not-found,unused-ignore]
    except Exception:
        return None

    def libvips(path: Path) -> QImage:
        thumb = pyvips.Image.thumbnail(str(path), BOX[0], height=BOX[1])
        data = thumb.write_to_memory()
        wrapped = QImage(data, thumb.width, thumb.height, 3 * thumb.width, QImage.Format.Format_RGB888)
        return wrapped.convertToFormat(QImage.Format.Format_RGB32)

    return libvips


def psnr(image: QImage, reference: Image.Image) -> float:
    picture = _pillow(image)
    if picture.size != reference.size:
        picture = picture.resize(reference.size, Image.Resampling.BICUBIC)  # a pixel off in rounding
    histogram = ImageChops.difference(picture, reference).convert("L").histogram()
    mse = sum(i * i * n for i, n in enumerate(histogram)) / sum(histogram)
    return 99.0 if mse == 0 else 10 * math.log10(255 * 255 / mse)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "-n", "--runs", type=int, default=15, help="timed runs per method and size (default 15)"
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[12, 24, 45], help="megapixels (12 24 45)")
    args = parser.parse_args()

    from _photos import photo

    methods: dict[str, Callable[[Path], QImage]] = {
        FAST: ours_fast,
        SHARP: ours_sharp,
        "Pillow draft + LANCZOS": pillow_draft,
        "naive Pillow": naive_pillow,
        "Qt QImageReader scaled": qt_reader,
    }
    vips = _vips()
    if vips is not None:
        methods["libvips thumbnail"] = vips
    print(machine_facts())
    if vips is None:
        print("libvips: not installed (see the second command in this script's docstring)")
    verdicts = []
    for megapixels in args.sizes:
        path = photo(megapixels)
        with Image.open(path) as im:
            full = im.convert("RGB")
        reference = full.resize(_fit(*full.size), Image.Resampling.LANCZOS)
        del full
        times: dict[str, list[float]] = {name: [] for name in methods}
        quality = {name: psnr(method(path), reference) for name, method in methods.items()}  # also warms up
        for _ in range(args.runs):
            for name, method in methods.items():  # interleaved: every method sees the same machine
                started = time.perf_counter()
                image = method(path)
                times[name].append((time.perf_counter() - started) * 1000)
                assert not image.isNull()
        fastest = min(statistics.median(values) for values in times.values())
        rows = []
        for name, values in times.items():
            median, p95, low, _high = summary(values)
            rows.append([name, median, p95, low, f"{median / fastest:.2f}x", f"{quality[name]:.1f}"])
        with Image.open(path) as im:
            width, height = im.size
        size_mb = path.stat().st_size / 1e6
        heading = f"{megapixels} MP JPEG ({width}x{height}, {size_mb:.1f} MB) -> fit {BOX[0]}x{BOX[1]}"
        print(f"\n{heading}, n={args.runs}, ms")
        print(table(["method", "median", "p95", "min", "vs fastest", "PSNR dB"], rows))
        others = min(statistics.median(v) for name, v in times.items() if name not in (FAST, SHARP))
        first, stays = (statistics.median(times[name]) / others for name in (FAST, SHARP))
        verdicts.append(
            f"{megapixels} MP: first picture at {first:.2f}x the fastest other method"
            f" ({quality[FAST]:.1f} dB), replaced by the sharp one at {stays:.2f}x ({quality[SHARP]:.1f} dB)"
        )
    print("\ntarget: what the window shows at >= 47 dB, within 1.15x of the fastest method, at every size")
    print("\n".join(verdicts))


if __name__ == "__main__":
    main()
