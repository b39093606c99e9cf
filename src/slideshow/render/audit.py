"""Text checks for ``slideshow check`` that need the real fonts and the real layout rules, so what it
warns about is exactly what the painter would do: characters no installed font has (they would show as
boxes), and captions too long to fit even at the smallest legible size (they would be cut).
"""

from __future__ import annotations

from slideshow.deck.model import Deck, Problem, Severity, Slide
from slideshow.photo_metadata import upright_size
from slideshow.render.caption import CaptionBlock
from slideshow.render.fonts import missing_characters
from slideshow.render.geometry import Box, Metrics
from slideshow.render.layout import Placement, place_caption
from slideshow.render.text import slide_is_right_to_left

SHOWN_FIELDS = ("title", "caption", "place", "credit", "notes")
"""What the audience or the presenter reads from a slide (``alt`` is for screen readers and handouts)."""


def text_problems(deck: Deck, shown_as: str, screen: tuple[int, int]) -> list[Problem]:
    """Warnings for characters without a font and for captions cut at ``screen``; needs a QGuiApplication."""
    problems: list[Problem] = []
    for name in ("title", "summary"):
        problem = _missing(shown_as, name, getattr(deck, name) or "")
        if problem is not None:
            problems.append(problem)
    for index, slide in enumerate(deck.slides):
        for name in SHOWN_FIELDS:
            problem = _missing(shown_as, f"slides[{index}].{name}", getattr(slide, name) or "")
            if problem is not None:
                problems.append(problem)
        cut = _cut_caption(deck, index, slide, screen)
        if cut is not None:
            problems.append(Problem(shown_as, f"slides[{index}].caption", cut, Severity.WARNING))
    return problems


def _missing(shown_as: str, where: str, text: str) -> Problem | None:
    missing = missing_characters(text)
    if not missing:
        return None
    named = ", ".join(f'"{char}" (U+{ord(char):04X})' for char in missing[:5])
    more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
    one = len(missing) == 1
    subject, boxes, them = ("it", "a box", "it") if one else ("they", "boxes", "them")
    return Problem(
        shown_as,
        where,
        f"no installed font has {named}{more}: {subject} would show as {boxes}; install a font that "
        f"covers {them} or write {them} another way",
        Severity.WARNING,
    )


def _cut_caption(deck: Deck, index: int, slide: Slide, screen: tuple[int, int]) -> str | None:
    """Why the caption would be cut at ``screen``, or None when it fits."""
    if slide.image is None or not slide.caption:
        return None
    size = upright_size(slide.image)
    if size is None:
        return None  # the loader or the decode check has said what is wrong with the picture
    area = Box(0, 0, *screen)
    metrics = Metrics.for_area(area)
    rtl = slide_is_right_to_left(slide)
    block = CaptionBlock(slide, f"{index + 1} / {len(deck.slides)}", deck.settings.locale, metrics, rtl=rtl)
    position = slide.caption_position or deck.settings.caption
    layout = place_caption(area, size, deck.settings.fit, position, metrics, block.measure, rtl=rtl)
    if layout.text is None or layout.placement is Placement.NONE:
        return None
    if block.measure(layout.text.width, layout.text_scale) <= layout.text.height + 0.5:
        return None
    where = "over the photo" if layout.placement is Placement.OVERLAY else "on the screen"
    return (
        f"too long to fit {where} at {screen[0]}x{screen[1]}, even at the smallest legible size: "
        'its end is cut with "…"; shorten it and move detail to "notes"'
    )
