"""Decodes every picture of a deck once, for ``slideshow check``: a corrupt file is found before the show."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from slideshow.deck.model import Deck, Problem
from slideshow.imaging.decode import verify_image


def image_problems(deck: Deck, shown_as: str) -> list[Problem]:
    """One problem per slide whose picture exists but cannot be decoded (missing files the loader reported).

    Pillow releases the GIL while it decodes, so a few threads check a large deck several times faster.
    """
    named = dict.fromkeys(s.image for s in deck.slides if s.image is not None)  # a repeat is checked once
    paths = [path for path in named if path.is_file()]
    workers = min(8, (os.cpu_count() or 2) + 1)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        checked = pool.map(lambda path: verify_image(path, inside=deck.folder), paths)
        reasons: dict[Path, str | None] = dict(zip(paths, checked, strict=True))
    problems = []
    for number, slide in enumerate(deck.slides):
        reason = reasons.get(slide.image) if slide.image is not None else None
        if reason is not None:
            problems.append(
                Problem(
                    shown_as,
                    f"slides[{number}].image",
                    f"cannot show {slide.image_ref}: {reason}; replace the file or fix the path",
                )
            )
    return problems
