"""Image path rules: a deck is a portable folder, and a deck from someone else cannot reach other files.

The checks are cheap on purpose (string rules, one ``lstat`` per distinct image, one ``realpath`` per
distinct folder) so a 10,000-slide deck validates in a blink. Images are never opened here: decoding
belongs to the imaging room.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from slideshow.deck.wording import quote

DECK_FILE_NAME = "slides.json"
"""The deck file inside a deck folder: what a folder given as the deck is expected to hold."""

_DRIVE_RE = re.compile(r"^[A-Za-z]:")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")  # "\ud800" in JSON: half a character, no file has it
_STAY_INSIDE = "images must stay inside the deck folder"
_EXAMPLE = '"assets/photo.jpg"'
_SHOWN_CHARS = 80  # a long path is cut here in messages


@dataclass(frozen=True)
class ImageCheck:
    """What one image reference came to.

    ``path`` is the absolute image path when the reference obeys the rules (even if the file is missing).
    ``problem`` says what is wrong; ``breaks_rules`` tells a rule break (no deck) from a file problem
    (the deck still shows, with a placeholder for that slide).
    """

    path: Path | None
    problem: str | None = None
    breaks_rules: bool = False


def normalize_ref(ref: str) -> tuple[str | None, str | None]:
    """The reference as a clean relative ``a/b.jpg`` path, or ``None`` and the reason it is refused."""
    shown = quote(ref, limit=_SHOWN_CHARS)
    copy_in = f"{_STAY_INSIDE}: copy the photo into it and write e.g. {_EXAMPLE}"
    if not ref.strip():
        return None, f'is empty; give a path such as {_EXAMPLE}, or leave "image" out for a text slide'
    if _CONTROL_RE.search(ref):
        return None, f"{shown} contains a control character; write a plain path such as {_EXAMPLE}"
    if _SURROGATE_RE.search(ref):
        return None, (
            f"{shown} contains half of a character (a lone \\u surrogate escape); write the file's name "
            f"as plain text, such as {_EXAMPLE}"
        )
    if "://" in ref:
        return None, f"{shown} is a web address; {copy_in}"
    if ref.startswith(("/", "\\")):
        return None, f"{shown} is an absolute path; {copy_in}"
    if _DRIVE_RE.match(ref):
        return None, f"{shown} names a drive; {copy_in}"
    if "\\" in ref:
        suggestion = quote(ref.replace("\\", "/"), limit=_SHOWN_CHARS)
        return None, f"{shown} uses '\\' between folders; {_STAY_INSIDE} and use '/', e.g. {suggestion}"
    parts: list[str] = []
    for part in ref.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None, f"{shown} leaves the deck folder; {copy_in}"
            parts.pop()
        else:
            parts.append(part)
    if not parts:
        return None, f"{shown} names the deck folder itself; give the path of a photo, e.g. {_EXAMPLE}"
    return "/".join(parts), None


class ImageResolver:
    """Checks every image of one deck against its folder, remembering what it already looked at."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        real = os.path.realpath(folder)
        self._real_folder = real
        self._real_prefix = real if real.endswith(os.sep) else real + os.sep
        self._dir_inside: dict[str, bool] = {}
        self._seen: dict[str, ImageCheck] = {}

    def check(self, ref: str) -> ImageCheck:
        known = self._seen.get(ref)
        if known is None:
            known = self._seen[ref] = self._check(ref)
        return known

    def _inside(self, real: str) -> bool:
        return real == self._real_folder or real.startswith(self._real_prefix)

    def _check(self, ref: str) -> ImageCheck:
        relative, refusal = normalize_ref(ref)
        if relative is None:
            return ImageCheck(None, refusal, breaks_rules=True)
        full = os.path.join(self._folder, *relative.split("/"))
        parent = relative.rpartition("/")[0]
        if parent:
            inside = self._dir_inside.get(parent)
            if inside is None:
                inside = self._dir_inside[parent] = self._inside(os.path.realpath(os.path.dirname(full)))
            if not inside:
                return ImageCheck(None, self._linked_out(ref), breaks_rules=True)
        try:
            info = os.lstat(full)
            if stat.S_ISLNK(info.st_mode):
                if not self._inside(os.path.realpath(full)):
                    return ImageCheck(None, self._linked_out(ref), breaks_rules=True)
                info = os.stat(full)
        except (FileNotFoundError, NotADirectoryError):
            return ImageCheck(
                Path(full),
                f"file not found: {ref}; check the spelling (names are case-sensitive) or add the photo",
            )
        except OSError as exc:
            return ImageCheck(
                Path(full), f"cannot check {ref}: {exc.strerror or exc}; check the file's permissions"
            )
        if stat.S_ISDIR(info.st_mode):
            return ImageCheck(
                Path(full), f"not a file: {ref} is a folder; give the path of a photo inside it"
            )
        if not stat.S_ISREG(info.st_mode):
            return ImageCheck(
                Path(full), f"not a file: {ref} is not a regular file; give the path of a photo"
            )
        return ImageCheck(Path(full))

    @staticmethod
    def _linked_out(ref: str) -> str:
        shown = quote(ref, limit=_SHOWN_CHARS)
        return f"{shown} links to a place outside the deck folder; {_STAY_INSIDE}: copy the photo in"
