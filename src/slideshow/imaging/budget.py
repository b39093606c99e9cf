"""The memory ceiling of one decode, in place of a pixel count: a picture is refused for what it costs.

A pixel-count rule ("decompression bomb") refuses a legal 108 MP camera JPEG, which libjpeg's DCT scaling
decodes for a 1080p screen in 13 MB, and lets through an 89 MP PNG that needs half a gigabyte. Here every
decoder first estimates the bytes it will hold at its peak, at the reduced size the format allows, and
refuses only what would pass :data:`DECODE_BUDGET`. Decodes above :data:`LARGE_DECODE` take turns, so two
workers (or ``check``'s threads) never hold two such peaks at once: a show stays under one budget plus
its ordinary working set, however many big pictures it has.

Pure arithmetic and one lock: no Pillow, no Qt, so both decoders (and the first slide's decode, before
Pillow is loaded) can ask.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

__all__ = [
    "DECODE_BUDGET",
    "LARGE_DECODE",
    "SHARP_OVERSAMPLE",
    "coefficient_bytes",
    "one_large_at_a_time",
    "over_budget_reason",
    "sharp_decode_bytes",
    "storage_bytes",
]

#: The most one decode may hold at its peak. With the viewer's own ~60-130 MB this keeps ``export`` of any
#: one picture under 600 MB, and a show (one large decode at a time) under 800 MB.
DECODE_BUDGET = 480 * 2**20

#: Decodes estimated above this take turns (a 24 MP JPEG for a 4K screen needs about 50 MB).
LARGE_DECODE = 96 * 2**20

#: The sharp picture decodes a JPEG at least this much larger than the screen needs (libjpeg's 1/2,
#: 1/4, 1/8 scales, so often more), then LANCZOS: about 48 dB or better against LANCZOS from the full
#: photo, where scaling by libjpeg to the screen's size and resizing the rest gives 37-43 dB
#: (benchmarks/decode.py). libjpeg's scaled decode is as soft as a box filter; what it leaves to
#: LANCZOS decides the sharpness.
SHARP_OVERSAMPLE = 1.75

_large_turn = threading.Lock()

#: Bytes per pixel of Pillow's storage for a mode: the three-band modes are kept as four bytes.
_ONE_BYTE = frozenset({"1", "L", "P"})
_TWO_BYTES = frozenset({"I;16", "I;16L", "I;16B", "I;16N"})


def storage_bytes(mode: str) -> int:
    """Bytes per pixel Pillow keeps for ``mode``."""
    if mode in _ONE_BYTE:
        return 1
    if mode in _TWO_BYTES:
        return 2
    return 4


def coefficient_bytes(width: int, height: int, sampling: Sequence[tuple[int, int]]) -> int:
    """The whole-image DCT coefficient buffer libjpeg keeps for a progressive JPEG, at full size whatever
    the scaling: 64 two-byte coefficients per 8x8 block of each component (``sampling`` is each
    component's (horizontal, vertical) factor; chroma at 4:2:0 is a quarter of the blocks)."""
    if not sampling:
        return 6 * width * height  # unknown: as if three full-size components
    h_max = max(h for h, _ in sampling) or 1
    v_max = max(v for _, v in sampling) or 1
    blocks = sum(math.ceil(width * h / h_max / 8) * math.ceil(height * v / v_max / 8) for h, v in sampling)
    return blocks * 128


def sharp_decode_bytes(size: tuple[int, int], out: tuple[int, int], region: Sequence[float]) -> int:
    """About what a sharp decode of a ``size`` JPEG holds for ``out`` pixels of ``region`` (stored source
    pixels): libjpeg's largest 1/2^n step that keeps :data:`SHARP_OVERSAMPLE` (Pillow's draft rule) at
    four bytes a pixel, and LANCZOS's first pass beside it. Lets a fast picture say whether a sharp one
    is worth asking for before anything is decoded."""
    span_w, span_h = max(region[2] - region[0], 1.0), max(region[3] - region[1], 1.0)
    want_w = max(1, math.ceil(size[0] * out[0] / span_w * SHARP_OVERSAMPLE))
    want_h = max(1, math.ceil(size[1] * out[1] / span_h * SHARP_OVERSAMPLE))
    fits = min(size[0] // want_w, size[1] // want_h)
    scale = next(step for step in (8, 4, 2, 1) if fits >= step or step == 1)
    drafted = math.ceil(size[0] / scale) * math.ceil(size[1] / scale)
    return 4 * drafted + 4 * out[0] * math.ceil(span_h / scale)


def over_budget_reason(width: int, height: int, cost: int) -> str | None:
    """None when ``cost`` bytes fit the budget, else the one-line reason a slide or ``check`` shows."""
    if cost <= DECODE_BUDGET:
        return None
    return (
        f"image too large: {width}x{height} would need about {cost / 2**20:.0f} MB to decode"
        f" (the limit is {DECODE_BUDGET / 2**20:.0f} MB); save a smaller copy"
    )


@contextmanager
def one_large_at_a_time(cost: int) -> Iterator[None]:
    """Runs a decode of ``cost`` bytes; a large one waits until no other large one is running."""
    if cost <= LARGE_DECODE:
        yield
        return
    with _large_turn:
        yield
