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
    tests: tuple[Callable[[Slide], bool], ...] = (
        lambda s: s.image == was.image and s.caption == was.caption and s.title == was.title,
        lambda s: s.image is not None and s.image == was.image,
        lambda s: bool(s.caption) and s.caption == was.caption,
    )
    for same in tests:
        candidates = [i for i, slide in enumerate(new.slides) if same(slide)]
        if candidates:
            return min(candidates, key=lambda i: abs(i - old_index))
    return min(old_index, len(new.slides) - 1)
