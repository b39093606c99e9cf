"""The caption-size ladder: + and - step through fixed sizes, so 100 % is always one step away.

Multiplying by 1.1 and dividing again drifts (0.97, 1.06, never 1.0 again); a ladder of whole percents
cannot. Pure Python: the window keeps the percent, the painter takes it as a scale.
"""

from __future__ import annotations

CAPTION_SIZES: tuple[int, ...] = tuple(range(70, 161, 10))
"""Caption sizes in percent of the screen-height rule: 70 % to 160 % in steps of 10."""

DEFAULT_CAPTION_SIZE = 100


def nearest_size(scale: float) -> int:
    """The ladder's size closest to ``scale`` (1.0 = 100 %): a remembered size from an older version,
    or one out of range, lands on a step."""
    return min(CAPTION_SIZES, key=lambda size: (abs(size - scale * 100), size))


def stepped(size: int, steps: int) -> int:
    """``steps`` up (positive) or down the ladder from ``size``, stopping at either end."""
    index = CAPTION_SIZES.index(nearest_size(size / 100)) + steps
    return CAPTION_SIZES[min(max(index, 0), len(CAPTION_SIZES) - 1)]


def size_notice(size: int) -> str:
    """What the presenter reads after a change: "Caption size 110 %"."""
    ends = {CAPTION_SIZES[0]: " (smallest)", CAPTION_SIZES[-1]: " (largest)"}
    return f"Caption size {size} %{ends.get(size, '')}"
