"""Give freed picture buffers back to the operating system, so a long show does not grow (glibc only).

A decoded photo passes through buffers of 5-30 MB: libjpeg's scaled output, the resize, the picture the
cache keeps. glibc raises its mmap threshold each time such a buffer is freed, so later ones come from
the heap (one per thread), where freed memory stays with the process: resident memory then sits tens of
MB above what is alive. A fixed 1 MiB threshold keeps every large buffer in its own mapping, unmapped on
free. The price is a page-fault pass per new buffer (about a millisecond per 10 MB), paid in the
decoding workers, not when a key is pressed.
"""

from __future__ import annotations

import logging
import sys

log = logging.getLogger(__name__)

__all__ = ["return_large_buffers_to_os"]

_M_MMAP_THRESHOLD = -3  # from glibc's malloc.h
_THRESHOLD = 1 << 20


def return_large_buffers_to_os(threshold: int = _THRESHOLD) -> bool:
    """Allocate blocks of ``threshold`` bytes and more with mmap from now on; True if it took effect.

    Process-wide and idempotent: the composition root calls it once. A no-op off Linux and on C
    libraries without ``mallopt``.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    done = bool(mallopt(_M_MMAP_THRESHOLD, threshold))
    log.debug("mmap threshold %d bytes: %s", threshold, "set" if done else "refused")
    return done
