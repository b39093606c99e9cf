"""Hints for ``slideshow check``: things that are not wrong but will look or work worse than they could.

Each hint is a :class:`Problem` with ``Severity.WARNING``, so ``check`` still exits 0 when there are only
hints. No Qt here: picture sizes come from the file header (Pillow, no decode) and the caption rule is a
character count, so ``check`` stays fast and runs anywhere.

The rules:

- **small picture**: the picture would be enlarged to fill the screen (default 1920x1080), which makes
  it soft. With ``fit: contain`` that means narrower *and* lower than the screen; with ``cover``,
  narrower *or* lower. The EXIF orientation is applied first (a portrait photo stored sideways).
- **long caption**: more than :data:`CAPTION_MAX_CHARS` characters, i.e. more than about
  :data:`CAPTION_LINES` lines of the caption font at 1080p. Measured with the bundled font (DejaVu Sans at
  37 px in the 1822 px caption column), English prose sets about 99 characters a line; 95 leaves room
  for long words. Four lines take longer to read than the default 8 s a slide stays up, and crowd the
  photo whether they sit beside, below or over it. (A caption too long to fit at all, even at the
  smallest legible size, gets its own warning from ``render.audit``.)
- **missing alt**: a photo slide without ``alt`` has nothing for a screen reader or a handout reader
  who cannot see the picture.
- **same picture twice**: two slides name the same file (after resolving links) or files with the same
  content (SHA-256; only files of equal size are read).
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from pathlib import Path

from slideshow.deck.model import Deck, Fit, Problem, Severity, as_the_show_counts
from slideshow.deck.opening import RefusedFile, open_regular
from slideshow.photo_metadata import upright_size

DEFAULT_SCREEN = (1920, 1080)
CAPTION_CHARS_PER_LINE = 95
CAPTION_LINES = 4
CAPTION_MAX_CHARS = CAPTION_CHARS_PER_LINE * CAPTION_LINES


def deck_hints(deck: Deck, shown_as: str, screen: tuple[int, int] = DEFAULT_SCREEN) -> list[Problem]:
    """Every hint for ``deck``, in slide order; ``shown_as`` is the deck file as problems name it."""
    hints: list[tuple[int, int, Problem]] = []
    order = ("image", "caption", "alt")  # within a slide, in the order the keys are usually written

    def hint(index: int, field: str, message: str) -> None:
        problem = Problem(shown_as, f"slides[{index}].{field}", message, Severity.WARNING)
        hints.append((index, order.index(field), problem))

    sizes = _picture_sizes(deck)
    for index, slide in enumerate(deck.slides):
        if slide.image is None:
            continue
        size = sizes.get(slide.image)
        if size is not None and _enlarged(size, screen, deck.settings.fit):
            hint(index, "image", _small_message(slide.image_ref or slide.image.name, size, screen, deck))
        if len(slide.caption) > CAPTION_MAX_CHARS:
            hint(
                index,
                "caption",
                f"{len(slide.caption)} characters, more than about {CAPTION_LINES} lines "
                f"({CAPTION_MAX_CHARS} characters) on a 1080p screen: the audience cannot read it in the "
                'time a slide is up, and it crowds the photo; shorten it and move detail to "notes"',
            )
        if not (slide.alt or "").strip():
            hint(
                index,
                "alt",
                'missing: add "alt": a short description of what the photo shows, for people who '
                "cannot see it (screen readers, the handout)",
            )
    for index, first in _repeats(deck):
        ref = deck.slides[first].image_ref
        hint(
            index,
            "image",
            f"the same picture as {as_the_show_counts(f'slides[{first}]')} ({ref}); "
            "use another photo or remove one of the slides",
        )
    hints.sort(key=lambda item: item[:2])
    return [problem for _, _, problem in hints]


def _picture_sizes(deck: Deck) -> dict[Path, tuple[int, int]]:
    """Upright width and height of each readable picture, from the header only."""
    sizes = {}
    for path in dict.fromkeys(s.image for s in deck.slides if s.image is not None):
        size = upright_size(path, inside=deck.folder)
        if size is not None:  # else the loader or the decode check has already said what is wrong
            sizes[path] = size
    return sizes


def _enlarged(size: tuple[int, int], screen: tuple[int, int], fit: Fit) -> bool:
    (width, height), (screen_w, screen_h) = size, screen
    if fit is Fit.COVER:
        return width < screen_w or height < screen_h
    return width < screen_w and height < screen_h


def _small_message(ref: str, size: tuple[int, int], screen: tuple[int, int], deck: Deck) -> str:
    (width, height), (screen_w, screen_h) = size, screen
    if deck.settings.fit is Fit.COVER:
        scale = max(screen_w / width, screen_h / height)
        need = f"at least {screen_w}x{screen_h}"
    else:
        scale = min(screen_w / width, screen_h / height)
        need = f"at least {screen_w} wide or {screen_h} high"
    return (
        f"{ref} is {width}x{height}, smaller than the {screen_w}x{screen_h} screen, so it is enlarged "
        f"{scale:.1f}x and looks soft; use a larger original ({need})"
    )


def _repeats(deck: Deck) -> list[tuple[int, int]]:
    """(slide, earlier slide with the same picture) for every repeat, by resolved path or by content."""
    named = dict.fromkeys(s.image for s in deck.slides if s.image is not None)  # each file looked at once
    real_paths = {path: os.path.realpath(path) for path in named if path.is_file()}
    by_size: dict[int, list[str]] = defaultdict(list)
    for real in dict.fromkeys(real_paths.values()):
        try:
            by_size[os.path.getsize(real)].append(real)
        except OSError:
            continue
    digest = {}
    for paths in by_size.values():
        if len(paths) > 1:
            for real in paths:
                digest[real] = _sha256(real, deck.folder)
    first_by_key: dict[str, int] = {}
    repeats: list[tuple[int, int]] = []
    for index, slide in enumerate(deck.slides):
        found = real_paths.get(slide.image) if slide.image is not None else None
        if found is None:
            continue
        key = digest.get(found) or found
        if key in first_by_key:
            repeats.append((index, first_by_key[key]))
        else:
            first_by_key[key] = index
    return repeats


def _sha256(path: str, folder: Path) -> str:
    hasher = hashlib.sha256()
    try:
        with open_regular(path, inside=folder) as stream:
            for chunk in iter(lambda: stream.read(1 << 20), b""):
                hasher.update(chunk)
    except (OSError, RefusedFile):
        return path  # unreadable: compare by path only
    return "sha256:" + hasher.hexdigest()
