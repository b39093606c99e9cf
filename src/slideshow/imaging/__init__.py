"""The imaging room: decode photos (Qt for plain JPEGs, Pillow for the rest), cache them by bytes, load
them off the GUI thread.

``decode`` and ``cache`` are pure Python + Pillow, so ``slideshow check`` can verify images without Qt.
The Qt side lives in :mod:`slideshow.imaging.picture` (one photo -> QImage) and
:mod:`slideshow.imaging.pipeline` (worker threads), imported explicitly by whoever needs them. Names here
load on first use, so importing the package loads neither PySide6 nor Pillow: start-up stays short.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from slideshow.imaging.cache import ByteBudgetCache
    from slideshow.imaging.decode import decode_to_box, verify_image
    from slideshow.imaging.problem import ImageProblem

__all__ = ["ByteBudgetCache", "ImageProblem", "decode_to_box", "verify_image"]

_HOMES = {
    "ByteBudgetCache": "slideshow.imaging.cache",
    "ImageProblem": "slideshow.imaging.problem",
    "decode_to_box": "slideshow.imaging.decode",
    "verify_image": "slideshow.imaging.decode",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_HOMES[name]), name)
