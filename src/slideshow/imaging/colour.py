"""Any decoded Pillow picture -> 8-bit sRGB RGB: modes brought to what resize and LittleCMS handle,
embedded colour profiles applied, transparency flattened onto the slide's background.

Kept apart from the decoding itself (:mod:`slideshow.imaging.decode`) because colour is its own craft:
16-bit and float pixels are scaled rather than clipped, CMYK goes through its profile, and a broken
profile shows the pixels as they are rather than failing the slide.
"""

from __future__ import annotations

import io
import logging
import threading
from typing import TYPE_CHECKING, cast

from PIL import Image

if TYPE_CHECKING:
    from PIL.ImageCms import ImageCmsTransform

log = logging.getLogger(__name__)

__all__ = ["to_srgb", "to_working_mode"]


def to_working_mode(im: Image.Image) -> Image.Image:
    """Bring any Pillow mode to L, LA, RGB, RGBA or CMYK, which resize and LittleCMS both handle."""
    mode = im.mode
    has_key = "transparency" in im.info
    if mode in ("L", "RGB") and has_key:  # tRNS colour key: make it real alpha
        return im.convert("LA" if mode == "L" else "RGBA")
    if mode in ("L", "LA", "RGB", "RGBA", "CMYK"):
        return im
    if mode in ("P", "PA"):
        return im.convert("RGBA" if has_key or mode == "PA" else "RGB")
    if mode == "1":
        return im.convert("L")
    if mode.startswith("I;16"):
        return im.point(lambda v: v / 256).convert("L")  # 16-bit -> 8-bit by scaling, not clipping
    if mode in ("I", "F"):
        low, high = cast(tuple[float, float], im.getextrema())
        if low >= 0 and high <= (1.0 if mode == "F" else 255):
            scale = 255.0 if mode == "F" else 1.0
        elif low >= 0 and high <= 65535:
            scale = 1 / 256
        else:
            span = (high - low) or 1
            return im.point(lambda v: (v - low) * (255 / span)).convert("L")
        return im.point(lambda v: v * scale).convert("L")
    if mode == "LAB":
        from PIL import ImageCms

        lab, srgb = ImageCms.createProfile("LAB"), ImageCms.createProfile("sRGB")
        return ImageCms.profileToProfile(im, lab, srgb, outputMode="RGB") or im.convert("RGB")
    if mode in ("La", "RGBa"):
        return im.convert("LA" if mode == "La" else "RGBA")
    return im.convert("RGB")  # RGBX, YCbCr, HSV


_ICC_SPACE = {"L": "GRAY", "RGB": "RGB", "CMYK": "CMYK"}
_transforms = threading.local()  # LittleCMS transforms are cached per thread: no sharing questions


def _transform_for(icc: bytes, mode: str) -> ImageCmsTransform | None:
    """A cached profile -> sRGB transform for ``mode`` (L, RGB, CMYK) pixels, or None when there is
    nothing (sensible) to do: no change for sRGB, and a broken or mismatched profile is ignored.

    ImageCms is imported here, not at the top: most photos carry no profile, and the import costs
    a few milliseconds of start-up.
    """
    from PIL import ImageCms

    cache: dict[tuple[bytes, str], ImageCmsTransform | None] = _transforms.__dict__.setdefault("cache", {})
    key = (icc, mode)
    if key not in cache:
        transform = None
        try:
            if not hasattr(_transforms, "srgb"):
                _transforms.srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
            srgb = _transforms.srgb
            profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            space = profile.profile.xcolor_space.strip().upper()
            description = (profile.profile.profile_description or "").strip().lower()
            if space == _ICC_SPACE[mode] and not (mode == "RGB" and description.startswith("srgb")):
                transform = ImageCms.buildTransform(profile, srgb, mode, "RGB")
        except Exception:  # a broken or odd profile: show the pixels as they are
            log.debug("ignoring unusable ICC profile", exc_info=True)
        if len(cache) > 16:
            cache.clear()
        cache[key] = transform
    return cache[key]


def to_srgb(im: Image.Image, icc: bytes | None, background: tuple[int, int, int]) -> Image.Image:
    """Colour-manage to sRGB (when the file says how) and flatten transparency onto the background."""
    alpha = None
    if im.mode in ("LA", "RGBA"):
        alpha = im.getchannel("A")
        im = im.convert(im.mode[:-1])
    transform = _transform_for(icc, im.mode) if icc else None
    if transform is not None:
        try:
            im = transform.apply(im)
        except Exception:
            log.debug("ICC transform failed; showing unmanaged colours", exc_info=True)
    if im.mode != "RGB":
        im = im.convert("RGB")
    if alpha is not None:
        flat = Image.new("RGB", im.size, background)
        flat.paste(im, mask=alpha)
        im = flat
    return im
