"""Draws the app icon from one drawing and writes every size the three systems want.

    uv run python tools/make_icon.py          # writes packaging/icons/

The drawing is a photo slide (a light frame around a dawn sky over hills) with a play triangle, on a
dark rounded square. It is described in unit coordinates and drawn at each size on its own: edges are
snapped to that size's pixel grid before supersampling, so 16 px stays crisp instead of a blurred
downscale of the big one, and small sizes leave out the hills and sun they could not show.
Output (committed, a few hundred KB): slideshow-N.png for the hicolor theme, slideshow.ico (Windows),
slideshow.icns (macOS).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw

OUT_DIR = Path(__file__).resolve().parent.parent / "packaging" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)  # the hicolor theme's usual app sizes
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an .ico holds
ICNS_SIZES = (32, 64, 128, 256, 512, 1024)  # what Pillow's ICNS writer stores
SUPERSAMPLE = 8

BACKGROUND = (30, 42, 64, 255)
FRAME = (246, 242, 232, 255)
SKY_TOP = (245, 176, 80)
SKY_BOTTOM = (226, 98, 72)
HILLS = (52, 58, 84, 255)
SUN = (255, 226, 150, 255)
PLAY = (255, 255, 255, 255)
PLAY_SHADOW = (30, 42, 64, 110)


def draw_icon(size: int) -> Image.Image:
    """The icon at ``size`` x ``size`` pixels, RGBA with a transparent outside."""
    scale = size * SUPERSAMPLE

    def snap(unit: float) -> int:
        # Round to the target grid first, so every straight edge lands on a whole pixel at ``size``.
        return round(unit * size) * SUPERSAMPLE

    def box(x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
        return snap(x0), snap(y0), snap(x1) - 1, snap(y1) - 1

    canvas = Image.new("RGBA", (scale, scale), (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)

    # Dark rounded square: the tile that sits in docks, menus and task bars.
    margin = 0.0 if size <= 24 else 1 / 32
    draw.rounded_rectangle(
        box(margin, margin, 1 - margin, 1 - margin), radius=round(scale * 0.19), fill=BACKGROUND
    )

    # The slide: a light frame, then the picture inside it.
    frame = (0.125, 0.1875, 0.875, 0.8125) if size <= 24 else (0.125, 0.21875, 0.875, 0.78125)
    border = max(1 / size, 0.045)
    draw.rectangle(box(*frame), fill=FRAME)
    picture = (frame[0] + border, frame[1] + border, frame[2] - border, frame[3] - border)
    px0, py0, px1, py1 = box(*picture)
    for y in range(py0, py1 + 1):  # dawn sky, top to bottom
        t = (y - py0) / max(1, py1 - py0)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(SKY_TOP, SKY_BOTTOM, strict=True))
        draw.line([(px0, y), (px1, y)], fill=(*colour, 255))
    if size >= 48:  # detail the small sizes cannot carry
        sun_r = 0.06 * scale
        sun_x, sun_y = px0 + 0.8 * (px1 - px0), py0 + 0.27 * (py1 - py0)
        draw.ellipse([sun_x - sun_r, sun_y - sun_r, sun_x + sun_r, sun_y + sun_r], fill=SUN)
        width, height = px1 - px0, py1 - py0
        hills = [(0.0, 0.78), (0.2, 0.6), (0.38, 0.74), (0.62, 0.5), (0.82, 0.68), (1.0, 0.58), (1.0, 1.0)]
        points = [(px0 + x * width, py0 + y * height) for x, y in hills] + [(px0, py1)]
        draw.polygon(points, fill=HILLS)

    # Play triangle in the middle of the picture, pointing right; a soft shadow keeps it readable on the sky.
    cx, cy = (snap(picture[0]) + snap(picture[2])) / 2, (snap(picture[1]) + snap(picture[3])) / 2
    half = 0.15 * scale if size > 24 else 0.2 * scale
    triangle = [(cx - half * 0.8, cy - half), (cx - half * 0.8, cy + half), (cx + half * 0.95, cy)]
    if size <= 32:  # put the flat left edge and the corners on whole pixels, or it smears at 16 px
        triangle = [(snap(x / scale), snap(y / scale)) for x, y in triangle]
    if size >= 48:
        offset = 0.012 * scale
        draw.polygon([(x + offset, y + offset) for x, y in triangle], fill=PLAY_SHADOW)
    draw.polygon(triangle, fill=PLAY)

    # Box averaging is exact area coverage: antialiased edges without the ringing of sharper filters.
    return canvas.resize((size, size), Image.Resampling.BOX)


def write_icons(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    drawn = {size: draw_icon(size) for size in sorted({*PNG_SIZES, *ICO_SIZES, *ICNS_SIZES})}
    written = []
    for size in PNG_SIZES:
        path = out_dir / f"slideshow-{size}.png"
        drawn[size].save(path, optimize=True)
        written.append(path)
    ico = out_dir / "slideshow.ico"
    largest_ico = drawn[max(ICO_SIZES)]
    largest_ico.save(ico, sizes=[(s, s) for s in ICO_SIZES], append_images=[drawn[s] for s in ICO_SIZES[:-1]])
    icns = out_dir / "slideshow.icns"
    largest_icns = drawn[max(ICNS_SIZES)]
    largest_icns.save(icns, append_images=[drawn[s] for s in ICNS_SIZES[:-1]])
    return [*written, ico, icns]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the app icon in every size and format.")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="folder to write (default packaging/icons)")
    args = parser.parse_args(argv)
    for path in write_icons(args.out):
        print(f"{path.name}: {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
