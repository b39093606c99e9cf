"""The decoded-picture cache is bounded in bytes by the screen: four screens at 1080p, fewer at 4K."""

from __future__ import annotations

from PySide6.QtCore import QSize

from slideshow.imaging.pipeline import CACHE_CEILING, cache_budget


def test_a_1080p_screen_keeps_four_pictures_and_a_4k_screen_only_what_it_pins() -> None:
    full_hd = 1920 * 1080 * 4
    assert 4 * full_hd <= cache_budget(QSize(1920, 1080)) < 5 * full_hd
    four_k = 3840 * 2160 * 4
    assert cache_budget(QSize(3840, 2160)) == CACHE_CEILING
    assert 2 * four_k < CACHE_CEILING < 3 * four_k  # current +-1 are pinned, kept over the budget anyway
    assert cache_budget(QSize(640, 480)) == 32 * 2**20  # a small window still keeps a few
