"""``slideshow import``: a deck from a folder of wire photos, with the captions already inside them.

One slide per photo (JPEG, PNG, TIFF, WebP; HEIC when pi-heif is installed) in the folder itself, not
its subfolders. Which metadata field fills which slide field is documented in
:mod:`slideshow.photo_metadata`. Order: capture time, then file name (numbers in names compare as
numbers); photos without a capture time come last. A file that does not decode is reported and skipped.

The deck is written atomically and never over an existing file without ``force``. No Qt here.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from slideshow.deck.paths import DECK_FILE_NAME, ImageResolver
from slideshow.files import replace_with_bytes
from slideshow.imaging.decode import verify_image
from slideshow.photo_metadata import HEIF_SUFFIXES, Metadata, read_metadata, register_heif

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]

PHOTO_SUFFIXES = frozenset({".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".tif", ".tiff", ".webp"})


class ImportProblem(Exception):
    """The import cannot go ahead; ``str()`` is the one line shown to the user."""


@dataclass(frozen=True)
class Photo:
    path: Path
    ref: str  # the image path as the deck writes it, relative to the deck's folder
    meta: Metadata


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str


@dataclass
class ImportResult:
    """The deck to write and the account of how it was made."""

    deck: dict[str, Any]
    photos: list[Photo] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def summary(self) -> str:
        """ "12 photos: 12 captions, 9 places, ...; 1 unreadable file skipped: x.jpg (reason)"."""
        counts = []
        for name, (one, many) in _COUNTED.items():
            n = sum(1 for p in self.photos if getattr(p.meta, name))
            counts.append(f"{n} {one if n == 1 else many}")
        text = f"{len(self.photos)} photo{'' if len(self.photos) == 1 else 's'}: " + ", ".join(counts)
        if self.skipped:
            shown = ", ".join(f"{s.path.name} ({s.reason})" for s in self.skipped[:3])
            more = f" and {len(self.skipped) - 3} more" if len(self.skipped) > 3 else ""
            noun = "file" if len(self.skipped) == 1 else "files"
            text += f"; {len(self.skipped)} unreadable {noun} skipped: {shown}{more}"
        return text

    def missing(self) -> list[str]:
        """Which photos lack a caption, place, date, credit or capture time, so people know what to fill in.

        Titles (headlines) and alt texts are counted in the summary but not listed: most photos have none.
        """
        lines = []
        for name, label in _LISTED.items():
            lacking = [p.path.name for p in self.photos if not getattr(p.meta, name)]
            if len(lacking) == len(self.photos) > 1:
                lines.append(f"no {label.split(' (')[0]} in any photo")
            elif lacking:
                more = f" and {len(lacking) - 5} more" if len(lacking) > 5 else ""
                lines.append(f"no {label}: {', '.join(lacking[:5])}{more}")
        return lines


_COUNTED = {
    "caption": ("caption", "captions"),
    "place": ("place", "places"),
    "date": ("date", "dates"),
    "credit": ("credit", "credits"),
    "title": ("title", "titles"),
    "alt": ("alt text", "alt texts"),
}
_LISTED = {
    "caption": "caption",
    "place": "place",
    "date": "date",
    "credit": "credit",
    "taken": "capture time (sorted last, by name)",
}


def _name_key(name: str) -> tuple[object, ...]:
    """ "IMG_2.jpg" before "IMG_10.jpg", and "a.jpg" before "a2.jpg" (stems first, then suffixes)."""
    stem, suffix = os.path.splitext(name.casefold())
    return (tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", stem)), suffix, name)


def _order(photo: Photo) -> tuple[object, ...]:
    taken = photo.meta.taken
    return (taken is None, taken or dt.datetime.min, _name_key(photo.path.name))


# --- the folder ---------------------------------------------------------------------------------------


def deck_path_for(folder: Path, output: str | None) -> Path:
    """FOLDER/slides.json by default; an existing folder or a path ending in '/' gets slides.json inside."""
    if output is None:
        return folder / DECK_FILE_NAME
    if output.endswith(("/", os.sep)) or Path(output).is_dir():
        return Path(output) / DECK_FILE_NAME
    return Path(output)


def scan_folder(folder: Path, deck_path: Path, progress: Progress | None = None) -> ImportResult:
    """Reads every photo of ``folder`` (not its subfolders); raises ImportProblem when there is nothing."""
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "folder not found"
        raise ImportProblem(f"{folder}: {what}; give the folder that holds the photos")
    deck_dir = Path(os.path.abspath(deck_path.parent))
    inside = os.path.relpath(os.path.abspath(folder), deck_dir)
    if inside == os.pardir or inside.startswith(os.pardir + os.sep):
        raise ImportProblem(
            f"{deck_path}: the deck must be in the photo folder or a folder above it, "
            "because a deck's pictures stay inside its folder"
        )
    suffixes = PHOTO_SUFFIXES | HEIF_SUFFIXES
    files = sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in suffixes and not p.name.startswith(".") and not p.is_dir()
    )
    if not files:
        raise ImportProblem(
            f"{folder}: no photos here (looked for JPEG, PNG, TIFF, WebP and HEIC files); nothing to import"
        )
    resolver = ImageResolver(deck_dir)  # the loader's own path rules, so the deck will load cleanly
    photos: list[Photo] = []
    skipped: list[Skipped] = []
    # Pillow releases the GIL while it decodes: a few threads read a big folder several times faster.
    with ThreadPoolExecutor(max_workers=min(8, (os.cpu_count() or 2) + 1)) as pool:
        futures = [pool.submit(_read_one, path, deck_dir) for path in files]
        for done, future in enumerate(as_completed(futures), start=1):
            got = future.result()
            refused = resolver.check(got.ref).problem if isinstance(got, Photo) else None
            if isinstance(got, Skipped):
                skipped.append(got)
            elif refused is not None:
                skipped.append(Skipped(got.path, refused))
            else:
                photos.append(got)
            if progress is not None:
                progress(done, len(files))
    skipped.sort(key=lambda s: _name_key(s.path.name))
    if not photos:
        raise ImportProblem(
            f"{folder}: none of the {len(files)} photo files could be read; "
            + "; ".join(f"{s.path.name}: {s.reason}" for s in skipped[:3])
        )
    photos.sort(key=_order)
    return ImportResult(_deck_dict(folder, deck_dir, photos), photos, skipped)


def _read_one(path: Path, deck_dir: Path) -> Photo | Skipped:
    """Everything about one file, in a worker thread: does it decode, its metadata, its path in the deck."""
    if path.suffix.lower() in HEIF_SUFFIXES and not register_heif():
        return Skipped(path, "HEIC needs the pi-heif plugin, which is not installed")
    reason = verify_image(path, inside=deck_dir)  # a link out of the deck's folder is never read
    if reason is not None:
        return Skipped(path, reason)
    ref = os.path.relpath(os.path.abspath(path), deck_dir).replace(os.sep, "/")
    try:
        meta = read_metadata(path, inside=deck_dir)
    except Exception:  # the pixels decode, so the photo is worth a slide even if its metadata is odd
        log.debug("unreadable metadata in %s", path, exc_info=True)
        meta = Metadata()
    return Photo(path, ref, meta)


def _deck_dict(folder: Path, deck_dir: Path, photos: list[Photo]) -> dict[str, Any]:
    """The deck as JSON data. ``$schema`` only when slides.schema.json sits next to the deck: a link to
    a missing file makes editors flag a good deck, and an absolute path would tie it to this machine."""
    deck: dict[str, Any] = {}
    if (deck_dir / "slides.schema.json").is_file():
        deck["$schema"] = "./slides.schema.json"
    deck["title"] = Path(os.path.abspath(folder)).name or "Photos"
    slides = []
    for photo in photos:
        meta = photo.meta
        slide: dict[str, Any] = {"image": photo.ref}
        if meta.title:
            slide["title"] = meta.title
        slide["caption"] = meta.caption or ""
        for key in ("place", "date", "credit", "alt"):
            value = getattr(meta, key)
            if value:
                slide[key] = value.isoformat() if isinstance(value, dt.date) else value
        slides.append(slide)
    deck["slides"] = slides
    return deck


def _already_exists(deck_path: Path) -> ImportProblem:
    return ImportProblem(f"{deck_path}: already exists; add --force to replace it, or choose -o DECK")


def write_deck(deck_path: Path, deck: dict[str, Any], *, force: bool = False) -> None:
    """Writes next to the target and moves it into place, so a reader never sees half a deck.

    Without ``force`` an existing file is never replaced, even one that appeared while the photos were
    read (``os.link`` refuses to overwrite; where links are not supported the check is made just before).
    """
    text = json.dumps(deck, ensure_ascii=False, indent=2) + "\n"
    try:
        replace_with_bytes(deck_path, text.encode("utf-8"), overwrite=force)
    except FileExistsError:
        raise _already_exists(deck_path) from None


def import_folder(
    folder: Path, deck_path: Path, *, force: bool = False, progress: Progress | None = None
) -> ImportResult:
    """``slideshow import``: refuse early if the deck exists, read the photos, write the deck."""
    if deck_path.exists() and not force:  # before reading a folder of photos for nothing
        raise _already_exists(deck_path)
    result = scan_folder(folder, deck_path, progress)
    write_deck(deck_path, result.deck, force=force)
    return result
