"""Very large but cheap pictures: hundreds of megapixels written in a second, without holding them.

A 200 MP JPEG made by Pillow would need 800 MB to encode, so :func:`flat_jpeg` repeats the one minimum
coded unit of a flat grey 16x16 JPEG (with the real tables Pillow wrote) across the declared size; every
decoder reads it as a proper grey photo. :func:`flat_png` streams its rows through zlib, as a scanner
writes a big flat scan. Both are real files of their format, not truncated ones.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image

_MCU = 16  # 4:2:0: one unit covers 16x16 pixels


def flat_jpeg(path: Path, width: int, height: int) -> Path:
    """A baseline 4:2:0 JPEG of ``width`` x ``height`` mid-grey pixels, about 4 bytes per 256 pixels."""
    sample = io.BytesIO()
    Image.new("RGB", (_MCU, _MCU), (128, 128, 128)).save(sample, "JPEG", quality=90, subsampling="4:2:0")
    data = sample.getvalue()
    frame = data.index(b"\xff\xc0")
    scan = data.index(b"\xff\xda")
    scan_data = scan + 2 + struct.unpack(">H", data[scan + 2 : scan + 4])[0]
    unit = data[scan_data : scan_data + 4]  # DC unchanged and end-of-block, six blocks: exactly 32 bits
    assert unit == bytes.fromhex("28a28a00"), "Pillow's encoder no longer writes the standard tables"
    head = bytearray(data[:scan_data])
    struct.pack_into(">HH", head, frame + 5, height, width)
    units = -(-width // _MCU) * -(-height // _MCU)
    path.write_bytes(bytes(head) + unit * units + b"\xff\xd9")
    return path


def flat_png(
    path: Path, width: int, height: int, rgb: tuple[int, int, int] = (90, 120, 150), *, palette: bool = False
) -> Path:
    """An 8-bit PNG of one colour (a few hundred KB even at 90 MP): RGB, or with ``palette`` one index
    byte a pixel (Pillow's mode P, which the decoder converts to RGB)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    row = b"\0" + (bytes(width) if palette else bytes(rgb) * width)
    packer = zlib.compressobj(9)
    pixels = bytearray()
    for _ in range(height):
        pixels += packer.compress(row)
    pixels += packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 3 if palette else 2, 0, 0, 0)
    colours = chunk(b"PLTE", bytes(rgb) * 256) if palette else b""
    body = chunk(b"IHDR", header) + colours + chunk(b"IDAT", bytes(pixels)) + chunk(b"IEND", b"")
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + body)
    return path
