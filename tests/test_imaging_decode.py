"""decode_to_box / verify_image: every photo comes out upright, sRGB, RGB and the right size, and every
broken file comes back as an ImageProblem with a reason a person can act on. No Qt here."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from slideshow.deck.model import Fit
from slideshow.imaging.decode import ImageProblem, decode_to_box, verify_image
from slideshow.imaging.fitting import Target

RED, GREEN, BLUE, WHITE, BLACK = (255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255), (0, 0, 0)

# The transpose that turns an upright picture into what a camera stores for each EXIF orientation
# (the inverse of what a viewer applies).
STORE_AS = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


def close(actual: tuple[int, ...], expected: tuple[int, ...], tolerance: int = 40) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


def upright_picture(width: int, height: int) -> Image.Image:
    """Grey picture with a red block top-left and a blue block top-right: every flip shows."""
    im = Image.new("RGB", (width, height), (128, 128, 128))
    block_w, block_h = width // 4, height // 4
    im.paste(RED, (0, 0, block_w, block_h))
    im.paste(BLUE, (width - block_w, 0, width, block_h))
    return im


def assert_upright(out: Image.Image, width: int, height: int) -> None:
    assert out.mode == "RGB"
    assert out.size == (width, height)
    w, h = out.size
    assert close(out.getpixel((w // 16, h // 16)), RED)
    assert close(out.getpixel((w - 1 - w // 16, h // 16)), BLUE)
    assert close(out.getpixel((w // 16, h - 1 - h // 16)), (128, 128, 128))
    assert close(out.getpixel((w - 1 - w // 16, h - 1 - h // 16)), (128, 128, 128))


# ---------------------------------------------------------------- orientation


def rotated_jpeg(folder: Path, orientation: int, size: tuple[int, int]) -> Path:
    """A JPEG stored turned so that applying its EXIF ``orientation`` shows the upright picture."""
    stored = upright_picture(*size)
    if STORE_AS[orientation] is not None:
        stored = stored.transpose(STORE_AS[orientation])
    exif = Image.Exif()
    exif[0x0112] = orientation
    path = folder / f"o{orientation}.jpg"
    stored.save(path, quality=95, exif=exif)
    return path


@pytest.mark.parametrize("orientation", range(1, 9))
@pytest.mark.parametrize(("size", "box"), [((64, 32), (64, 32)), ((800, 400), (100, 50))])
def test_exif_orientation_comes_out_upright(
    tmp_path: Path, orientation: int, size: tuple[int, int], box: tuple[int, int]
) -> None:
    """The second case is small enough to go through JPEG draft mode, whose box must be rotated too."""
    path = rotated_jpeg(tmp_path, orientation, size)
    assert_upright(decode_to_box(path, Target(*box)), *box)


def test_mpo_from_a_phone_is_drafted_like_a_jpeg(tmp_path: Path) -> None:
    """Phones add depth or gain-map images to their JPEGs; Pillow opens those as MPO."""
    path = tmp_path / "phone.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6
    first = upright_picture(800, 400).transpose(Image.Transpose.ROTATE_90)
    first.save(path, "MPO", save_all=True, append_images=[Image.new("L", (40, 80))], exif=exif, quality=95)
    with Image.open(path) as im:
        assert im.format == "MPO"
    assert_upright(decode_to_box(path, Target(100, 50)), 100, 50)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    assert verify_image(path) == "truncated or corrupt JPEG data"


def test_orientation_of_png_is_applied(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "rotated.png"
    upright_picture(60, 40).transpose(Image.Transpose.ROTATE_90).save(path, exif=exif)
    assert_upright(decode_to_box(path, Target(60, 40)), 60, 40)


# ---------------------------------------------------------------- sizes


def thirds(width: int, height: int) -> Image.Image:
    im = Image.new("RGB", (width, height))
    im.paste(RED, (0, 0, width // 3, height))
    im.paste(GREEN, (width // 3, 0, 2 * width // 3, height))
    im.paste(BLUE, (2 * width // 3, 0, width, height))
    return im


def test_contain_keeps_aspect_ratio_inside_the_box(tmp_path: Path) -> None:
    path = tmp_path / "wide.png"
    thirds(300, 200).save(path)
    assert decode_to_box(path, Target(100, 100)).size == (100, 67)
    assert decode_to_box(path, Target(1000, 100)).size == (150, 100)


def test_contain_scales_small_photos_up_to_fill_the_box(tmp_path: Path) -> None:
    path = tmp_path / "tiny.png"
    thirds(30, 20).save(path)
    assert decode_to_box(path, Target(300, 300, Fit.CONTAIN)).size == (300, 200)


def test_cover_fills_the_box_with_a_centred_crop(tmp_path: Path) -> None:
    path = tmp_path / "wide.png"
    thirds(300, 200).save(path)
    out = decode_to_box(path, Target(100, 100, Fit.COVER))
    assert out.size == (100, 100)
    # The middle 200x200 of the source survives: a sixth of red, all of green, a sixth of blue.
    assert close(out.getpixel((8, 50)), RED)
    assert close(out.getpixel((50, 50)), GREEN)
    assert close(out.getpixel((92, 50)), BLUE)


def test_cover_of_a_large_jpeg_uses_the_draft_and_still_crops_the_centre(tmp_path: Path) -> None:
    path = tmp_path / "wide.jpg"
    thirds(1500, 1000).save(path, quality=95)  # the middle 1000x1000 survives; draft 1/8
    out = decode_to_box(path, Target(120, 120, Fit.COVER))
    assert out.size == (120, 120)
    assert close(out.getpixel((5, 60)), RED)
    assert close(out.getpixel((60, 60)), GREEN)
    assert close(out.getpixel((115, 60)), BLUE)


def test_invalid_box_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "a.png"
    thirds(30, 20).save(path)
    with pytest.raises(ImageProblem):
        decode_to_box(path, Target(0, 10))


# ---------------------------------------------------------------- colour modes


def test_16_bit_grey_png_is_scaled_not_clipped(tmp_path: Path) -> None:
    im = Image.new("I;16", (40, 20), 32768)
    im.paste(65535, (20, 0, 40, 20))
    path = tmp_path / "grey16.png"
    im.save(path)
    out = decode_to_box(path, Target(40, 20))
    assert out.mode == "RGB"
    assert close(out.getpixel((5, 10)), (128, 128, 128), 2)
    assert close(out.getpixel((35, 10)), WHITE, 2)


@pytest.mark.parametrize(
    ("mode", "dark", "light", "expected"),
    [("I", 0, 65535, (0, 255)), ("I", 10, 200, (10, 200)), ("F", 0.0, 1.0, (0, 255))],
)
def test_32_bit_integer_and_float_tiffs_become_visible_grey(
    tmp_path: Path, mode: str, dark: float, light: float, expected: tuple[int, int]
) -> None:
    im = Image.new(mode, (20, 10), dark)
    im.paste(light, (10, 0, 20, 10))
    path = tmp_path / f"{mode}.tif"
    im.save(path)
    out = decode_to_box(path, Target(20, 10))
    assert out.getpixel((3, 5))[0] == pytest.approx(expected[0], abs=1)
    assert out.getpixel((16, 5))[0] == pytest.approx(expected[1], abs=1)


def png_16bit_rgb(width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    """A 16-bit-per-channel RGB PNG, written by hand because Pillow only writes 8-bit RGB."""
    row = b"\0" + struct.pack(">HHH", *colour) * width
    raw = row * height

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def tiff_16bit_rgb(width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    """A minimal uncompressed 16-bit RGB TIFF, little-endian."""
    data = struct.pack("<3H", *colour) * (width * height)
    count = 9
    bits_at = 8 + 2 + count * 12 + 4
    data_at = bits_at + 6
    short, long_ = 3, 4
    entries = [
        (256, short, 1, width),
        (257, short, 1, height),
        (258, short, 3, bits_at),
        (259, short, 1, 1),
        (262, short, 1, 2),
        (273, long_, 1, data_at),
        (277, short, 1, 3),
        (278, short, 1, height),
        (279, long_, 1, len(data)),
    ]
    out = b"II*\0" + struct.pack("<IH", 8, count)
    for tag, kind, n, value in entries:
        if kind == short and n == 1:
            out += struct.pack("<HHIHH", tag, kind, n, value, 0)
        else:
            out += struct.pack("<HHII", tag, kind, n, value)
    return out + struct.pack("<I", 0) + struct.pack("<3H", 16, 16, 16) + data


@pytest.mark.parametrize(("name", "maker"), [("rgb16.png", png_16bit_rgb), ("rgb16.tif", tiff_16bit_rgb)])
def test_16_bit_rgb(tmp_path: Path, name: str, maker: object) -> None:
    path = tmp_path / name
    path.write_bytes(maker(8, 4, (65535, 32768, 0)))  # type: ignore[operator]
    out = decode_to_box(path, Target(8, 4))
    assert out.mode == "RGB"
    assert close(out.getpixel((4, 2)), (255, 128, 0), 2)


def test_cmyk_jpeg(tmp_path: Path) -> None:
    path = tmp_path / "cmyk.jpg"
    Image.new("CMYK", (32, 32), (0, 255, 255, 0)).save(path, quality=95)  # Adobe-style, as Pillow writes
    out = decode_to_box(path, Target(16, 16))
    assert out.mode == "RGB"
    assert close(out.getpixel((8, 8)), RED)


def test_palette_png_transparency_shows_the_background(tmp_path: Path) -> None:
    im = Image.new("P", (20, 10), 0)
    im.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    im.paste(1, (10, 0, 20, 10))
    path = tmp_path / "palette.png"
    im.save(path, transparency=0)
    out = decode_to_box(path, Target(20, 10, background=BLUE))
    assert out.getpixel((3, 5)) == BLUE
    assert out.getpixel((16, 5)) == RED


@pytest.mark.parametrize("mode", ["RGBA", "LA"])
def test_alpha_is_composited_on_the_background(tmp_path: Path, mode: str) -> None:
    colour = (255, 255, 255, 128) if mode == "RGBA" else (255, 128)
    im = Image.new(mode, (20, 10), colour)
    im.paste((255, 255, 255, 0) if mode == "RGBA" else (255, 0), (10, 0, 20, 10))
    path = tmp_path / f"{mode}.png"
    im.save(path)
    out = decode_to_box(path, Target(20, 10, background=(0, 0, 100)))
    assert close(out.getpixel((3, 5)), (128, 128, 178), 3)
    assert out.getpixel((16, 5)) == (0, 0, 100)


def test_gif_shows_its_first_frame(tmp_path: Path) -> None:
    path = tmp_path / "anim.gif"
    frames = [Image.new("RGB", (16, 16), c) for c in (RED, GREEN, BLUE)]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, loop=0)
    out = decode_to_box(path, Target(16, 16))
    assert out.mode == "RGB"
    assert close(out.getpixel((8, 8)), RED, 2)


# ---------------------------------------------------------------- ICC


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def swapped_primaries_profile() -> bytes:
    """A tiny ICC v2 matrix/TRC RGB profile whose red and green colorants are swapped.

    Pillow can only make sRGB, LAB and XYZ profiles; with this one a pixel stored as pure red *means*
    sRGB green, so a colour-managed decoder must turn it green.
    """
    red, green, blue = (0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141)
    d50 = (0.9642, 1.0, 0.8249)

    def xyz(v: tuple[float, float, float]) -> bytes:
        return b"XYZ \0\0\0\0" + b"".join(_s15(c) for c in v)

    text = b"swapped red/green\0"
    desc = b"desc\0\0\0\0" + struct.pack(">I", len(text)) + text + b"\0" * 8 + b"\0\0\0" + b"\0" * 67
    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, 0x0233) + b"\0\0"  # gamma 2.2, padded to 4
    tags = [
        (b"desc", desc),
        (b"wtpt", xyz(d50)),
        (b"rXYZ", xyz(green)),
        (b"gXYZ", xyz(red)),
        (b"bXYZ", xyz(blue)),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
        (b"cprt", b"text\0\0\0\0none\0\0\0\0"),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for signature, data in tags:
        data += b"\0" * (-len(data) % 4)
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data
    size = offset + len(body)
    header = (
        struct.pack(">I", size)
        + b"lcms"
        + struct.pack(">I", 0x02100000)
        + b"mntrRGB XYZ "
        + struct.pack(">6H", 2024, 1, 1, 0, 0, 0)
        + b"acsp"
        + b"\0" * 24
        + struct.pack(">I", 0)
        + b"".join(_s15(c) for c in d50)
        + b"\0" * 48
    )
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + body


def test_icc_profile_is_converted_to_srgb(tmp_path: Path) -> None:
    profile = swapped_primaries_profile()
    try:
        ImageCms.ImageCmsProfile(__import__("io").BytesIO(profile))
    except Exception as exc:  # pragma: no cover - depends on the LittleCMS build
        pytest.skip(f"LittleCMS refuses the hand-made profile: {exc}")
    path = tmp_path / "swapped.png"
    Image.new("RGB", (8, 8), (255, 0, 0)).save(path, icc_profile=profile)
    r, g, b = decode_to_box(path, Target(8, 8)).getpixel((4, 4))
    assert g > 200 and r < 60, (r, g, b)


def test_srgb_profile_leaves_pixels_alone(tmp_path: Path) -> None:
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    path = tmp_path / "srgb.png"
    Image.new("RGB", (8, 8), (200, 100, 50)).save(path, icc_profile=srgb)
    assert close(decode_to_box(path, Target(8, 8)).getpixel((4, 4)), (200, 100, 50), 2)


@pytest.mark.parametrize("profile", [b"not a profile at all", "LAB"])
def test_broken_or_mismatched_profile_is_ignored(tmp_path: Path, profile: bytes | str) -> None:
    if isinstance(profile, str):
        profile = ImageCms.ImageCmsProfile(ImageCms.createProfile(profile)).tobytes()
    path = tmp_path / "odd.png"
    Image.new("RGB", (8, 8), (200, 100, 50)).save(path, icc_profile=profile)
    assert decode_to_box(path, Target(8, 8)).getpixel((4, 4)) == (200, 100, 50)


# ---------------------------------------------------------------- failures


def structured_jpeg(path: Path, *, progressive: bool = False) -> bytes:
    im = Image.linear_gradient("L").convert("RGB").resize((400, 300))
    im.paste(RED, (50, 50, 150, 150))
    im.save(path, quality=90, progressive=progressive)
    return path.read_bytes()


@pytest.mark.parametrize("progressive", [False, True])
def test_truncated_jpeg_is_a_problem(tmp_path: Path, progressive: bool) -> None:
    path = tmp_path / "cut.jpg"
    data = structured_jpeg(path, progressive=progressive)
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ImageProblem, match="truncated or corrupt JPEG data"):
        decode_to_box(path, Target(200, 150))
    assert verify_image(path) == "truncated or corrupt JPEG data"


def test_verify_image_accepts_a_good_file(tmp_path: Path) -> None:
    path = tmp_path / "good.jpg"
    structured_jpeg(path)
    assert verify_image(path) is None


def test_truncated_png_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "cut.png"
    upright_picture(200, 100).save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert verify_image(path) == "truncated or corrupt PNG data"
    with pytest.raises(ImageProblem, match="PNG"):
        decode_to_box(path, Target(100, 50))


def test_junk_bytes_are_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "junk.jpg"
    path.write_bytes(os.urandom(2048))
    with pytest.raises(ImageProblem, match=r"^not an image file \(unrecognised format\)$"):
        decode_to_box(path, Target(100, 100))
    assert verify_image(path) == "not an image file (unrecognised format)"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImageProblem, match="^file not found$"):
        decode_to_box(tmp_path / "nope.jpg", Target(100, 100))
    assert verify_image(tmp_path / "nope.jpg") == "file not found"


def test_a_folder_is_not_an_image(tmp_path: Path) -> None:
    assert verify_image(tmp_path) is not None


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.png"
    upright_picture(10, 10).save(path)
    path.chmod(0)
    try:
        assert verify_image(path) == "permission denied"
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize("keep", [3, 20, 300])
def test_a_jpeg_cut_inside_its_header_is_still_called_a_jpeg(tmp_path: Path, keep: int) -> None:
    path = tmp_path / "stub.jpg"
    data = structured_jpeg(path)
    path.write_bytes(data[:keep])
    assert verify_image(path) == "truncated or corrupt JPEG data"
