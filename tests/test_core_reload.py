"""Live reload keeps the presenter on the slide they were showing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from slideshow.core.reload import matching_index
from slideshow.deck.model import Deck, Slide


def deck(*slides: Slide) -> Deck:
    return Deck(Path("slides.json"), "Story", tuple(slides))


A = Slide(caption="a", image=Path("a.jpg"))
B = Slide(caption="b", image=Path("b.jpg"))
C = Slide(caption="c", image=Path("c.jpg"))


def test_same_slide_found_after_a_slide_is_inserted_before_it() -> None:
    assert matching_index(deck(A, B, C), 1, deck(A, C, B)) == 2


def test_caption_edit_keeps_the_slide_by_its_picture() -> None:
    assert matching_index(deck(A, B, C), 2, deck(A, B, replace(C, caption="c, corrected"))) == 2


def test_picture_swap_keeps_the_slide_by_its_caption() -> None:
    assert matching_index(deck(A, B), 1, deck(A, replace(B, image=Path("b2.jpg")))) == 1


def test_nearest_of_several_matches_wins() -> None:
    assert matching_index(deck(A, B, A, C), 2, deck(A, B, A, C)) == 2


def test_unknown_slide_falls_back_to_the_number_clamped() -> None:
    other = Slide(caption="z", image=Path("z.jpg"))
    assert matching_index(deck(A, B, C), 2, deck(other, other)) == 1
    assert matching_index(deck(A, B, C), 1, deck(other, other, other)) == 1


def test_of_two_matches_as_near_the_earlier_wins() -> None:
    assert matching_index(deck(A, B, C, B, A), 2, deck(A, C, B, C, A)) == 1
