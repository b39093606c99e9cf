"""slideshow import: photo folders with metadata written by real tools become decks that load cleanly.

IPTC can only be written by a real tool (exiftool, Debian's libimage-exiftool-perl); those tests skip
without it unless SLIDESHOW_REQUIRE_E2E is set, as in CI. XMP and EXIF are also written with Pillow, so
the reading is tested everywhere.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from conftest import make_photo
from slideshow.cli import main
from slideshow.deck import load_deck
from slideshow.photo_metadata import read_metadata
from slideshow.progress import ProgressBar


def exiftool(path: Path, *tags: str) -> None:
    """Writes ``tags`` ("-IPTC:City=Erbil", ...) into ``path`` with exiftool, IPTC as UTF-8."""
    if shutil.which("exiftool") is None:
        if os.environ.get("SLIDESHOW_REQUIRE_E2E"):
            pytest.fail("exiftool is needed to write IPTC; .ci/run installs libimage-exiftool-perl")
        pytest.skip("exiftool is not installed (apt-get install libimage-exiftool-perl)")
    command = ["exiftool", "-q", "-overwrite_original", "-codedcharacterset=utf8", *tags, str(path)]
    subprocess.run(command, check=True, capture_output=True, timeout=60)


def pillow_photo(
    path: Path,
    *,
    taken: str | None = None,
    description: str | bytes | None = None,
    artist: str | None = None,
    xmp: str | None = None,
    colour: tuple[int, int, int] = (90, 120, 200),
) -> Path:
    """A photo of any format Pillow writes, with EXIF (and XMP for JPEG, PNG, WebP) set by Pillow."""
    exif = Image.Exif()
    if description is not None:
        exif[0x010E] = description
    if artist is not None:
        exif[0x013B] = artist
    if taken is not None:
        exif.get_ifd(0x8769)[0x9003] = taken
    image = Image.new("RGB", (320, 240), colour)
    path.parent.mkdir(parents=True, exist_ok=True)
    extra: dict[str, object] = {"exif": exif.tobytes()}
    if xmp is not None and path.suffix == ".png":  # Pillow writes PNG's XMP as an iTXt chunk
        info = PngImagePlugin.PngInfo()
        info.add_itxt("XML:com.adobe.xmp", xmp)
        extra["pnginfo"] = info
    elif xmp is not None:
        extra["xmp"] = xmp.encode("utf-8")
    image.save(path, **extra)
    return path


def xmp_packet(**fields: str) -> str:
    """An XMP packet as Adobe tools write it: simple values as attributes, lang-alt and lists as elements."""
    simple = " ".join(
        f'{name}="{value}"' for name, value in fields.items() if name not in ("dc:description", "dc:creator")
    )
    description = fields.get("dc:description")
    creator = fields.get("dc:creator")
    body = ""
    if description:
        alternative = f'<rdf:Alt><rdf:li xml:lang="x-default">{description}</rdf:li></rdf:Alt>'
        body += f"<dc:description>{alternative}</dc:description>"
    if creator:
        body += f"<dc:creator><rdf:Seq><rdf:li>{creator}</rdf:li></rdf:Seq></dc:creator>"
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
        'xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/" '
        f'xmlns:exif="http://ns.adobe.com/exif/1.0/" {simple}>{body}</rdf:Description>'
        '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    )


def run_import(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["import", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def load_clean(deck_path: Path) -> dict[str, object]:
    """The written deck must load without a single problem; returns its JSON."""
    result = load_deck(deck_path)
    assert result.problems == [], [str(p) for p in result.problems]
    assert result.deck is not None
    data = json.loads(deck_path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


# --- every field, from each standard --------------------------------------------------------------------


def test_every_field_from_iptc_written_by_exiftool(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photos = tmp_path / "mosul"
    first = make_photo(photos / "z-first.jpg")
    exiftool(
        first,
        "-IPTC:Caption-Abstract=Families who fled Bashiqa arrive at Degaba camp — نازحون",
        "-IPTC:Headline=Day four",
        "-IPTC:Sub-location=Degaba camp",
        "-IPTC:City=Erbil",
        "-IPTC:Province-State=Kurdistan Region",
        "-IPTC:Country-PrimaryLocationName=Iraq",
        "-IPTC:DateCreated=2016:10:20",
        "-IPTC:TimeCreated=09:30:00+03:00",
        "-IPTC:By-line=Ahmad Al-Rubaye",
        "-IPTC:Credit=AFP",
        "-EXIF:DateTimeOriginal=2016:10:20 09:30:00",
        "-XMP-iptcCore:AltTextAccessibility=Tents in rows on a plain",
    )
    second = make_photo(photos / "a-second.jpg", colour=(20, 160, 60))
    exiftool(second, "-IPTC:Caption-Abstract=Second", "-IPTC:DateCreated=2016:10:21")

    code, out, err = run_import(str(photos), capsys=capsys)

    assert code == 0, err
    data = load_clean(photos / "slides.json")
    assert "$schema" not in data and data["title"] == "mosul"
    assert data["slides"] == [
        {
            "image": "z-first.jpg",
            "title": "Day four",
            "caption": "Families who fled Bashiqa arrive at Degaba camp — نازحون",
            "place": "Degaba camp, Erbil, Kurdistan Region, Iraq",
            "date": "2016-10-20",
            "credit": "Ahmad Al-Rubaye / AFP",
            "alt": "Tents in rows on a plain",
        },
        {"image": "a-second.jpg", "caption": "Second", "date": "2016-10-21"},
    ]
    assert out.startswith(f"wrote {photos / 'slides.json'}: 2 photos: 2 captions, 1 place, 2 dates, 1 credit")
    assert "no place: a-second.jpg" in out and "no credit: a-second.jpg" in out


@pytest.mark.parametrize("suffix", [".png", ".tif", ".webp", ".jpg"])
def test_every_field_from_xmp_and_exif_written_by_exiftool(
    tmp_path: Path, suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = pillow_photo(tmp_path / "photos" / f"photo{suffix}")
    exiftool(
        photo,
        "-XMP-dc:Description=Smoke over Qayyarah",
        "-XMP-photoshop:Headline=Oil fires",
        "-XMP-iptcCore:Location=Oil field",
        "-XMP-photoshop:City=Qayyarah",
        "-XMP-photoshop:State=Nineveh",
        "-XMP-photoshop:Country=Iraq",
        "-XMP-photoshop:DateCreated=2016-10-23",
        "-XMP-dc:Creator=A. Photographer",
        "-XMP-photoshop:Credit=Reuters",
        "-XMP-iptcCore:AltTextAccessibility=Black smoke above a road",
        "-EXIF:DateTimeOriginal=2016:10:24 07:00:00",
    )

    code, _, err = run_import(str(tmp_path / "photos"), capsys=capsys)

    assert code == 0, err
    slide = load_clean(tmp_path / "photos" / "slides.json")["slides"][0]  # type: ignore[index]
    assert slide == {
        "image": f"photo{suffix}",
        "title": "Oil fires",
        "caption": "Smoke over Qayyarah",
        "place": "Oil field, Qayyarah, Nineveh, Iraq",
        "date": "2016-10-23",  # XMP DateCreated comes before EXIF DateTimeOriginal
        "credit": "A. Photographer / Reuters",
        "alt": "Black smoke above a road",
    }


def test_iptc_wins_over_xmp_and_xmp_over_exif(tmp_path: Path) -> None:
    both = make_photo(tmp_path / "both.jpg")
    exiftool(
        both,
        "-IPTC:Caption-Abstract=from IPTC",
        "-XMP-dc:Description=from XMP",
        "-EXIF:ImageDescription=from EXIF",
        "-IPTC:City=IPTC city",
        "-XMP-photoshop:City=XMP city",
        "-XMP-photoshop:Country=XMP country",
        "-IPTC:DateCreated=2016:10:17",
        "-XMP-photoshop:DateCreated=2016-10-18",
        "-EXIF:DateTimeOriginal=2016:10:19 12:00:00",
        "-XMP-photoshop:Credit=XMP credit",
        "-EXIF:Artist=EXIF artist",
    )
    meta = read_metadata(both)
    assert meta.caption == "from IPTC"
    assert meta.place == "IPTC city, XMP country"  # each part on its own
    assert meta.date == dt.date(2016, 10, 17)
    assert meta.credit == "EXIF artist / XMP credit"
    assert meta.taken == dt.datetime(2016, 10, 19, 12, 0)  # ordering follows the camera's clock

    xmp_only = make_photo(tmp_path / "xmp.jpg")
    exiftool(xmp_only, "-XMP-dc:Description=from XMP", "-EXIF:ImageDescription=from EXIF")
    assert read_metadata(xmp_only).caption == "from XMP"


def test_xmp_and_exif_written_by_pillow(tmp_path: Path) -> None:
    packet = xmp_packet(
        **{
            "dc:description": "Caption from XMP",
            "dc:creator": "Photographer",
            "photoshop:City": "Bartella",
            "photoshop:Country": "Iraq",
            "photoshop:DateCreated": "2016-10-21T11:00:00+03:00",
            "photoshop:Credit": "Agency",
            "photoshop:Headline": "Headline",
        }
    )
    for suffix in (".jpg", ".png", ".webp"):
        meta = read_metadata(pillow_photo(tmp_path / f"x{suffix}", taken="2016:10:22 10:00:00", xmp=packet))
        assert (meta.caption, meta.place, meta.credit, meta.title) == (
            "Caption from XMP",
            "Bartella, Iraq",
            "Photographer / Agency",
            "Headline",
        ), suffix
        assert meta.date == dt.date(2016, 10, 21)
        assert meta.taken == dt.datetime(2016, 10, 22, 10, 0)
    exif_only = read_metadata(
        pillow_photo(
            tmp_path / "e.jpg",
            description="Café in Erbil".encode(),  # UTF-8 in an ASCII field, as many tools write it
            artist="Someone",
            taken="2016:10:20 10:00:00",
        )
    )
    assert (exif_only.caption, exif_only.credit, exif_only.date) == (
        "Café in Erbil",
        "Someone",
        dt.date(2016, 10, 20),
    )


def test_camera_placeholders_and_unsafe_xmp_are_not_captions(tmp_path: Path) -> None:
    assert (
        read_metadata(pillow_photo(tmp_path / "a.jpg", description="OLYMPUS DIGITAL CAMERA")).caption is None
    )
    bomb = '<!DOCTYPE x [<!ENTITY a "aaaa">]>' + xmp_packet(**{"dc:description": "&a;"})
    meta = read_metadata(pillow_photo(tmp_path / "b.png", xmp=bomb, taken="0000:00:00 00:00:00"))
    assert meta.caption is None and meta.taken is None


def test_heic_when_the_plugin_is_present(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    try:
        pillow_photo(tmp_path / "p" / "phone.heic", description="From a phone", taken="2016:10:20 08:00:00")
    except Exception as error:  # a libheif without an encoder
        pytest.skip(f"cannot write HEIC here: {error}")
    code, _, err = run_import(str(tmp_path / "p"), capsys=capsys)
    assert code == 0, err
    slides = load_clean(tmp_path / "p" / "slides.json")["slides"]
    assert slides == [{"image": "phone.heic", "caption": "From a phone", "date": "2016-10-20"}]


# --- order, files, refusals -----------------------------------------------------------------------------


def test_ordered_by_capture_time_then_file_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    photos = tmp_path / "photos"
    pillow_photo(photos / "a-late.jpg", taken="2016:10:20 18:00:00")
    pillow_photo(photos / "b-early.png", taken="2016:10:17 07:00:00")
    pillow_photo(photos / "IMG_10.jpg", taken="2016:10:18 12:00:00")
    pillow_photo(photos / "IMG_2.jpg", taken="2016:10:18 12:00:00")  # same second: name, 2 before 10
    pillow_photo(photos / "c-undated.jpg")  # no capture time: last
    (photos / "notes.txt").write_text("not a photo")
    (photos / ".hidden.jpg").write_bytes(b"")

    code, out, err = run_import(str(photos), capsys=capsys)

    assert code == 0, err
    refs = [s["image"] for s in load_clean(photos / "slides.json")["slides"]]  # type: ignore[attr-defined]
    assert refs == ["b-early.png", "IMG_2.jpg", "IMG_10.jpg", "a-late.jpg", "c-undated.jpg"]
    assert "no capture time (sorted last, by name): c-undated.jpg" in out


def test_never_overwrites_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    photos = tmp_path / "photos"
    pillow_photo(photos / "one.jpg", description="One")
    deck = photos / "slides.json"
    deck.write_text('{"title": "mine", "slides": [{"caption": "hand made"}]}', encoding="utf-8")

    code, out, err = run_import(str(photos), capsys=capsys)

    assert code == 1 and out == ""
    assert err.strip() == f"slideshow: {deck}: already exists; add --force to replace it, or choose -o DECK"
    assert json.loads(deck.read_text())["title"] == "mine"

    code, _, err = run_import(str(photos), "--force", capsys=capsys)
    assert code == 0, err
    assert load_clean(deck)["slides"] == [{"image": "one.jpg", "caption": "One"}]
    assert sorted(p.name for p in photos.iterdir()) == ["one.jpg", "slides.json"]  # no temp file left


def test_unreadable_files_are_reported_and_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photos = tmp_path / "photos"
    good = pillow_photo(photos / "good.jpg", description="Good")
    (photos / "truncated.jpg").write_bytes(good.read_bytes()[:300])
    (photos / "text.png").write_text("this is not a picture")

    code, out, err = run_import(str(photos), capsys=capsys)

    assert code == 0, err
    assert load_clean(photos / "slides.json")["slides"] == [{"image": "good.jpg", "caption": "Good"}]
    assert err.splitlines() == [
        f"{photos / 'text.png'}: skipped: not an image file (unrecognised format)",
        f"{photos / 'truncated.jpg'}: skipped: truncated or corrupt JPEG data",
    ]
    assert out.splitlines()[0].endswith(
        "1 photo: 1 caption, 0 places, 0 dates, 0 credits, 0 titles, 0 alt texts; "
        "2 unreadable files skipped: text.png (not an image file (unrecognised format)), "
        "truncated.jpg (truncated or corrupt JPEG data)"
    )


@pytest.mark.parametrize("content", [[], ["readme.txt"], ["broken.jpg"]])
def test_a_folder_without_photos_is_a_clear_error(
    tmp_path: Path, content: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    for name in content:
        (tmp_path / name).write_bytes(b"\xff\xd8\xff\xe0 nothing")
    code, out, err = run_import(str(tmp_path), capsys=capsys)
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "no photos here" in err or "none of the 1 photo files could be read" in err
    assert not (tmp_path / "slides.json").exists()


def test_the_deck_may_sit_above_the_photos_but_not_beside_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pillow_photo(tmp_path / "story" / "photos" / "one.jpg", description="One")
    code, _, err = run_import(
        str(tmp_path / "story" / "photos"), "-o", str(tmp_path / "story/"), capsys=capsys
    )
    assert code == 0, err
    assert load_clean(tmp_path / "story" / "slides.json")["slides"] == [
        {"image": "photos/one.jpg", "caption": "One"}
    ]

    code, _, err = run_import(
        str(tmp_path / "story" / "photos"), "-o", str(tmp_path / "elsewhere" / "deck.json"), capsys=capsys
    )
    assert code == 1 and "the deck must be in the photo folder or a folder above it" in err


def test_missing_folder_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_import(str(tmp_path / "nope"), capsys=capsys)
    assert code == 1 and "folder not found" in err


def test_progress_bar_only_on_a_terminal_and_only_after_a_moment() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    bar = ProgressBar("import", terminal, delay=0.0, width=10)
    bar(5, 10)
    assert terminal.getvalue() == "\rimport [#####.....] 5/10"
    bar.close()
    assert terminal.getvalue().endswith("\r")

    pipe = io.StringIO()
    quiet = ProgressBar("import", pipe, delay=0.0)
    quiet(5, 10)
    quiet.close()
    assert pipe.getvalue() == ""

    patient = Terminal()
    ProgressBar("import", patient, delay=60.0)(1, 10)
    assert patient.getvalue() == ""


def test_the_importer_needs_no_qt() -> None:
    code = "import sys, slideshow.importer, slideshow.hints; print('PySide6' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr


@pytest.mark.skipif(os.name == "nt", reason="symbolic links and backslashes in names are POSIX things")
def test_files_the_deck_could_not_name_are_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photos = tmp_path / "photos"
    pillow_photo(photos / "inside.jpg", description="Inside")
    outside = pillow_photo(tmp_path / "outside.jpg", description="Outside")
    (photos / "linked.jpg").symlink_to(outside)
    pillow_photo(photos / "back\\slash.jpg", description="Odd name")

    code, _, err = run_import(str(photos), capsys=capsys)

    assert code == 0, err
    assert load_clean(photos / "slides.json")["slides"] == [{"image": "inside.jpg", "caption": "Inside"}]
    assert "linked.jpg: skipped:" in err and "links to a place outside the deck folder" in err
    assert "back\\slash.jpg: skipped:" in err
