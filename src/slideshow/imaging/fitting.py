"""Where a photo goes in the box the screen offers: output size and the source rectangle to scale.

Plain arithmetic, shared by the Pillow and the Qt decoders so both give the same picture, and kept free
of Pillow and Qt so either can use it without importing the other.
"""

from __future__ import annotations

from slideshow.deck.model import Fit

__all__ = ["Region", "plan", "plan_stored"]

#: (left, top, right, bottom) in source pixels, fractional.
Region = tuple[float, float, float, float]


def plan(src_w: int, src_h: int, box_w: int, box_h: int, fit: Fit) -> tuple[tuple[int, int], Region]:
    """Output size and the source rectangle to scale into it (centred crop for COVER).

    CONTAIN scales small photos *up* as well as big ones down: a slideshow on a projector should fill
    the screen, and the painter then only has to centre the picture.
    """
    if fit is Fit.COVER:
        scale = max(box_w / src_w, box_h / src_h)
        crop_w, crop_h = min(src_w, box_w / scale), min(src_h, box_h / scale)
        x0, y0 = (src_w - crop_w) / 2, (src_h - crop_h) / 2
        return (box_w, box_h), (x0, y0, x0 + crop_w, y0 + crop_h)
    scale = min(box_w / src_w, box_h / src_h)
    out = (min(box_w, max(1, int(src_w * scale + 0.5))), min(box_h, max(1, int(src_h * scale + 0.5))))
    return out, (0.0, 0.0, float(src_w), float(src_h))


def plan_stored(
    src_w: int, src_h: int, turned: bool, width: int, height: int, fit: Fit
) -> tuple[tuple[int, int], Region]:
    """:func:`plan` for pixels stored a quarter-turn from upright (EXIF orientations 5-8) when
    ``turned``: the box is turned back, so scaling happens before the exact, cheap rotation."""
    box_w, box_h = (height, width) if turned else (width, height)
    return plan(src_w, src_h, box_w, box_h, fit)
