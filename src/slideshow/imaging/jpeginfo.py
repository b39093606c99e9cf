"""What a JPEG file's markers say, read in pure Python: enough to choose a decoder without Pillow.

Reading the header this way costs a few small reads, and lets the first slide of a show start decoding
before Pillow (a tenth of a second of imports) is even loaded.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import BinaryIO

__all__ = ["JpegHeader", "read_jpeg_header"]

#: Start-of-frame markers (baseline, extended, progressive, lossless; Huffman and arithmetic).
_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})
_PROGRESSIVE = frozenset({0xC2, 0xC6, 0xCA, 0xCE})
_SOS, _EOI = 0xDA, 0xD9
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})  # TEM, RSTn: no length field
_ICC_SIGNATURE = b"ICC_PROFILE\0"


@dataclass(frozen=True)
class JpegHeader:
    """The frame of the (first) image in a JPEG file, and whether it carries a colour profile."""

    width: int
    height: int
    components: int  # 1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK
    precision: int  # bits per sample: 8 almost always, 12 in some medical and camera files
    has_icc: bool
    complete: bool  # the file ends with the end-of-image marker (not truncated)
    progressive: bool = False  # libjpeg then holds every DCT coefficient of the image, whatever the scale
    sampling: tuple[tuple[int, int], ...] = ()  # each component's (horizontal, vertical) sampling factor


def _segments(f: BinaryIO) -> tuple[int, bytes] | None:
    """The next marker and the first bytes of its segment (enough for SOF and APP2), or None."""
    byte = f.read(1)
    while byte and byte != b"\xff":  # tolerate stray bytes between segments, as libjpeg does
        byte = f.read(1)
    while byte == b"\xff":  # fill bytes
        byte = f.read(1)
    if not byte:
        return None
    marker = byte[0]
    if marker in _STANDALONE:
        return marker, b""
    raw = f.read(2)
    if len(raw) < 2:
        return None
    length = struct.unpack(">H", raw)[0] - 2
    if length < 0:
        return None
    head = f.read(min(length, 32))
    f.seek(length - len(head), 1)
    return marker, head


def _ends_with_eoi(f: BinaryIO) -> bool:
    size = f.seek(0, 2)
    f.seek(max(0, size - 64))
    return f.read().rstrip(b"\0\r\n\t ").endswith(b"\xff\xd9")


def read_jpeg_header(f: BinaryIO) -> JpegHeader | None:
    """The header of the open file ``f`` (read from its start) if it is a JPEG whose frame header can be
    read, else None.

    Never raises: an unreadable or odd file is simply not a candidate for the fast path, and the
    Pillow path then names the problem.
    """
    try:
        f.seek(0)
        if f.read(2) != b"\xff\xd8":
            return None
        frame: tuple[int, int, int, int] | None = None
        progressive = False
        sampling: tuple[tuple[int, int], ...] = ()
        has_icc = False
        while (segment := _segments(f)) is not None:
            marker, head = segment
            if marker in _SOF and frame is None and len(head) >= 6:
                precision, height, width, components = struct.unpack(">BHHB", head[:6])
                frame = (width, height, components, precision)
                progressive = marker in _PROGRESSIVE
                factors = head[7 : 6 + 3 * components : 3]
                sampling = tuple((b >> 4, b & 15) for b in factors)
            elif marker == 0xE2 and head.startswith(_ICC_SIGNATURE):
                has_icc = True
            elif marker in (_SOS, _EOI):
                break
        if frame is None:
            return None
        complete = _ends_with_eoi(f)
    except (OSError, ValueError):
        return None
    width, height, components, precision = frame
    return JpegHeader(width, height, components, precision, has_icc, complete, progressive, sampling)
