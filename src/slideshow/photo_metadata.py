"""What a photo says about itself: caption, place, date, credit, headline, alt text and capture time.

News photos carry their story inside the file (IPTC IIM and XMP written by the photographer and the agency,
EXIF by the camera). Read with Pillow only (``getiptcinfo``, the raw XMP packet parsed with
``xml.etree``, ``getexif`` and its Exif IFD), so this runs without Qt, wherever ``check`` does.
``Image.getxmp()`` is not used: it needs defusedxml, which the app does not ship.

Where each slide field comes from; the first source with a value wins (">" reads "else"):

- ``caption``: IPTC 2:120 Caption-Abstract > XMP dc:description > EXIF ImageDescription
- ``title``: IPTC 2:105 Headline > XMP photoshop:Headline
- ``place``: "Sub-location, City, Province-State, Country", each part IPTC (2:92, 2:90, 2:95, 2:101)
  > XMP (Iptc4xmpCore:Location, photoshop:City, photoshop:State, photoshop:Country); repeats dropped
- ``date``: IPTC 2:55 Date Created > XMP photoshop:DateCreated > EXIF DateTimeOriginal (Exif IFD);
  only a whole day counts ("2016" alone is no date stamp)
- ``credit``: "By-line / Credit", by-line IPTC 2:80 > XMP dc:creator > EXIF Artist, credit IPTC 2:110
  > XMP photoshop:Credit; just one of them when the other is missing or already contains it
- ``alt``: XMP Iptc4xmpCore:AltTextAccessibility (IPTC Core 1.3)

IPTC first because agencies write it (and wire desks still edit it); XMP next, as written by newer
tools; EXIF last, since cameras fill ImageDescription with placeholders ("OLYMPUS DIGITAL CAMERA").

Capture time, used only for ordering: EXIF DateTimeOriginal (+ SubSecTimeOriginal), else XMP
exif:DateTimeOriginal, else XMP photoshop:DateCreated, else IPTC 2:55 + 2:60 Time Created. Compared as the
wall-clock time written in the file (offsets ignored: EXIF usually has none).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageFile, IptcImagePlugin

# The decoder's rules, so metadata and sizes are read from the files the screen would show, turned alike.
# register_heif is re-exported: the importer asks it whether HEIC files can be read at all.
from slideshow.imaging.decode import REFUSED_FORMATS, exif_orientation
from slideshow.imaging.decode import register_heif as register_heif
from slideshow.imaging.reading import open_picture

log = logging.getLogger(__name__)
HEIF_SUFFIXES = frozenset({".heic", ".heif", ".hif"})
_FORMATS = ["JPEG", "MPO", "PNG", "TIFF", "WEBP", "HEIF"]  # formats with metadata; never EPS and friends

_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DC = "http://purl.org/dc/elements/1.1/"
PHOTOSHOP = "http://ns.adobe.com/photoshop/1.0/"
IPTC_CORE = "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
EXIF_XMP = "http://ns.adobe.com/exif/1.0/"
_MAX_XMP_BYTES = 4 * 1024 * 1024
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)

_EXIF_IFD = 0x8769
_IMAGE_DESCRIPTION, _ARTIST = 0x010E, 0x013B
_DATETIME_ORIGINAL, _SUBSEC_ORIGINAL = 0x9003, 0x9291
#: What cameras write into ImageDescription when nobody wrote a caption.
_CAMERA_PLACEHOLDERS = frozenset({"olympus digital camera", "sony dsc", "digital camera", "default"})


@dataclass(frozen=True)
class Metadata:
    """What one photo says about itself, already chosen by the precedence in the module docstring."""

    caption: str | None = None
    title: str | None = None
    place: str | None = None
    date: dt.date | None = None
    credit: str | None = None
    alt: str | None = None
    taken: dt.datetime | None = None  # capture time, for ordering only


# --- reading one photo ---------------------------------------------------------------------------------


def read_metadata(path: Path, inside: Path | None = None) -> Metadata:
    """Caption, place, date, credit, title, alt and capture time of one photo; absent fields are None.

    Broken metadata never fails the photo: a block that cannot be parsed counts as absent. The file is
    opened as every picture is (:func:`open_picture`; ``inside`` is the deck's folder), and a file that
    cannot be opened raises ImageProblem.
    """
    if path.suffix.lower() in HEIF_SUFFIXES:
        register_heif()
    Image.init()
    with (
        open_picture(path, inside) as stream,
        Image.open(stream, formats=[f for f in _FORMATS if f in Image.OPEN]) as im,
    ):
        iptc = _iptc(im)
        xmp = _xmp(im)
        exif = _exif(im)

    def first(*values: str | None) -> str | None:
        return next((v for v in values if v), None)

    parts = [
        first(iptc.text(2, 92), xmp.text(IPTC_CORE, "Location")),
        first(iptc.text(2, 90), xmp.text(PHOTOSHOP, "City")),
        first(iptc.text(2, 95), xmp.text(PHOTOSHOP, "State")),
        first(iptc.text(2, 101), xmp.text(PHOTOSHOP, "Country")),
    ]
    place = ", ".join(dict.fromkeys(p for p in parts if p)) or None
    byline = first(iptc.text(2, 80), xmp.text(DC, "creator"), _exif_text(exif.get(_ARTIST)))
    credit = first(iptc.text(2, 110), xmp.text(PHOTOSHOP, "Credit"))
    exif_taken = _exif_time(exif.get(_DATETIME_ORIGINAL), exif.get(_SUBSEC_ORIGINAL))
    iptc_taken = _iptc_time(iptc.text(2, 55), iptc.text(2, 60))
    xmp_created = xmp.text(PHOTOSHOP, "DateCreated")
    description = _exif_text(exif.get(_IMAGE_DESCRIPTION))
    if description and description.casefold() in _CAMERA_PLACEHOLDERS:
        description = None
    return Metadata(
        caption=first(iptc.text(2, 120), xmp.text(DC, "description"), description),
        title=first(iptc.text(2, 105), xmp.text(PHOTOSHOP, "Headline")),
        place=place,
        date=next((d for d in (_day(iptc_taken), _iso_date(xmp_created), _day(exif_taken)) if d), None),
        credit=_join_credit(byline, credit),
        alt=xmp.text(IPTC_CORE, "AltTextAccessibility"),
        taken=exif_taken
        or _iso_time(xmp.text(EXIF_XMP, "DateTimeOriginal"))
        or _iso_time(xmp_created)
        or iptc_taken,
    )


def upright_size(path: Path, inside: Path | None = None) -> tuple[int, int] | None:
    """Width and height as the photo is shown (EXIF orientation applied), from the header alone.

    None when Pillow cannot open the file: whoever asks has a better place to say why. A PNG whose EXIF
    block follows the pixels counts as upright rather than being decoded to find out. ``inside``: the
    deck's folder, as for :func:`open_picture`.
    """
    try:
        if path.suffix.lower() in HEIF_SUFFIXES:
            register_heif()
        Image.init()
        formats = [f for f in Image.OPEN if f not in REFUSED_FORMATS]
        with open_picture(path, inside) as stream, Image.open(stream, formats=formats) as im:
            width, height = im.size
            orientation = 1 if im.format == "PNG" and "exif" not in im.info else exif_orientation(im)
    except Exception:  # a size is a hint: a file that will not tell it gets none, and says why with --debug
        log.debug("no upright size for %s", path, exc_info=True)
        return None
    return (height, width) if orientation >= 5 else (width, height)


def _day(moment: dt.datetime | None) -> dt.date | None:
    return moment.date() if moment is not None else None


def _join_credit(byline: str | None, credit: str | None) -> str | None:
    """Wire style "Name / Agency"; one of them alone if the other is missing or already contains it."""
    if byline and credit:
        if byline.casefold() in credit.casefold():
            return credit
        if credit.casefold() in byline.casefold():
            return byline
        return f"{byline} / {credit}"
    return byline or credit


# IPTC IIM: bytes in the character set that record 1:90 names (ESC % G is UTF-8), else usually Latin.


class _Iptc:
    def __init__(self, fields: dict[tuple[int, int], Any]) -> None:
        self._fields = fields
        self._utf8 = fields.get((1, 90)) in (b"\x1b%G", b"\x1b%/I")

    def text(self, record: int, dataset: int) -> str | None:
        value = self._fields.get((record, dataset))
        values = value if isinstance(value, list) else [value] if value is not None else []
        texts = [_clean(self._decode(v)) for v in values if isinstance(v, bytes)]
        return ", ".join(t for t in texts if t) or None

    def _decode(self, raw: bytes) -> str:
        if self._utf8:
            return raw.decode("utf-8", "replace")
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("cp1252", "replace")


def _iptc(im: ImageFile.ImageFile) -> _Iptc:
    try:
        fields = IptcImagePlugin.getiptcinfo(im) if im.format in ("JPEG", "MPO", "TIFF") else None
    except Exception:  # a broken IPTC block is no IPTC block
        log.debug("unreadable IPTC block", exc_info=True)
        fields = None
    return _Iptc(fields or {})


# XMP: the raw RDF/XML packet, parsed with xml.etree (Image.getxmp() would need defusedxml).


class _Xmp:
    def __init__(self, values: dict[tuple[str, str], str | list[str]]) -> None:
        self._values = values

    def text(self, namespace: str, name: str) -> str | None:
        value = self._values.get((namespace, name))
        if isinstance(value, list):
            return ", ".join(t for t in (_clean(v) for v in value) if t) or None
        return _clean(value)


def _xmp(im: Image.Image) -> _Xmp:
    raw = im.info.get("xmp") or im.info.get("XML:com.adobe.xmp")
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if not isinstance(raw, bytes) or len(raw) > _MAX_XMP_BYTES or _DTD.search(raw):
        return _Xmp({})  # XMP has no DTDs or entities: a packet with them is not read at all
    try:
        root = ET.fromstring(raw.rstrip(b"\x00 \t\r\n"))
    except ET.ParseError:
        return _Xmp({})
    values: dict[tuple[str, str], str | list[str]] = {}
    for description in root.iter(f"{_RDF}Description"):
        for key, value in description.attrib.items():
            if not key.startswith(_RDF):
                values.setdefault(_split(key), value)
        for child in description:
            found = _xmp_value(child)
            if found is not None:
                values.setdefault(_split(child.tag), found)
    return _Xmp(values)


def _split(tag: str) -> tuple[str, str]:
    namespace, _, name = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    return namespace, name


def _xmp_value(element: ET.Element) -> str | list[str] | None:
    """Simple text, a language alternative (x-default first) or an ordered list; structures are skipped."""
    container = next(iter(element), None)
    if container is None:
        return element.text
    items = [li for li in container if li.tag == f"{_RDF}li"]
    if container.tag == f"{_RDF}Alt":
        default = [li for li in items if li.get(_XML_LANG) == "x-default"]
        return next((li.text for li in default + items if li.text), None)
    if container.tag in (f"{_RDF}Seq", f"{_RDF}Bag"):
        return [li.text for li in items if li.text]
    return None


# EXIF: Pillow reads ASCII fields as Latin-1; cameras and tools often write UTF-8 there anyway.


def _exif(im: Image.Image) -> dict[int, object]:
    """The few EXIF tags used here, looked up one by one: iterating every tag would also parse a TIFF's
    IPTC tag, which Photoshop and exiftool store in a form Pillow warns about on stderr."""
    try:
        exif = im.getexif()
        found = {tag: exif.get(tag) for tag in (_IMAGE_DESCRIPTION, _ARTIST)}
        sub = exif.get_ifd(_EXIF_IFD)
        found.update({tag: sub.get(tag) for tag in (_DATETIME_ORIGINAL, _SUBSEC_ORIGINAL)})
        return found
    except Exception:  # a broken EXIF block is no EXIF block
        log.debug("unreadable EXIF block", exc_info=True)
        return {}


def _exif_text(value: object) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    if not isinstance(value, str):
        return None
    with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
        value = value.encode("latin-1").decode("utf-8")
    return _clean(value)


def _clean(text: str | None) -> str | None:
    """Line breaks made plain, control characters and padding removed; blank means absent."""
    if text is None:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\x00-\x09\x0b-\x1f\x7f]", "", text).strip()
    return text or None


# --- times --------------------------------------------------------------------------------------------


def _exif_time(value: object, subsec: object = None) -> dt.datetime | None:
    text = _exif_text(value)
    try:
        taken = dt.datetime.strptime((text or "")[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:  # "0000:00:00 00:00:00" and blanks are what cameras write when the clock was unset
        return None
    digits = re.sub(r"\D", "", _exif_text(subsec) or "")[:6]
    return taken.replace(microsecond=int(digits.ljust(6, "0"))) if digits else taken


def _iptc_time(date: str | None, clock: str | None) -> dt.datetime | None:
    match = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", date or "")
    if not match:
        return None
    hms = re.match(r"(\d{2})(\d{2})(\d{2})", clock or "")
    hour, minute, second = (int(g) for g in hms.groups()) if hms else (0, 0, 0)
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


_ISO = re.compile(r"(\d{4})(?:[-:](\d{2})(?:[-:](\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?)?)?")


def _iso_time(text: str | None) -> dt.datetime | None:
    """XMP dates: "2016", "2016-10", "2016-10-20", "2016-10-20T10:11:12+03:00" (the offset is ignored)."""
    match = _ISO.match(text or "")
    if not match:
        return None
    year, month, day, hour, minute, second = (int(g) if g else 0 for g in match.groups())
    try:
        return dt.datetime(year, month or 1, day or 1, hour, minute, second)
    except ValueError:
        return None


def _iso_date(text: str | None) -> dt.date | None:
    """A calendar date only when the value names a whole day: a year alone is no date stamp."""
    match = _ISO.match(text or "")
    taken = _iso_time(text) if match and match.group(3) else None
    return taken.date() if taken else None
