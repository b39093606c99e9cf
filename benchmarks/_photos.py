"""Test photos for the benchmarks: generated scenes with the structure of real photographs.

Decoders spend their time on entropy, so a flat or noisy test image lies about speed in both directions.
These scenes have what a photo has: a sky gradient, layered ridges, buildings with rows of windows,
foliage made of thousands of small leaves, signs with text, and a soft lens blur. A scene is drawn at
full resolution (vector shapes keep their detail at any size), saved as a camera-like JPEG (quality 90,
4:2:0) and cached in ``benchmarks/.data/`` (git-ignored), so only the first run pays for it.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data"
FONT = HERE.parent / "src" / "slideshow" / "fonts" / "DejaVuSans-Bold.ttf"

#: Megapixels -> a 3:2 camera size.
SIZES = {3: (2120, 1416), 12: (4240, 2832), 24: (6000, 4000), 45: (8256, 5504)}

WORDS = ["MARKET", "BAKERY", "PHARMACY", "HOTEL", "BUS STOP", "CAFE", "STATION", "BOOKS", "TAXI", "MUSEUM"]


def _sky(width: int, height: int, rng: random.Random) -> Image.Image:
    top = (rng.randint(20, 70), rng.randint(70, 120), rng.randint(150, 220))
    bottom = (rng.randint(190, 250), rng.randint(170, 220), rng.randint(140, 200))
    ramp = Image.linear_gradient("L").resize((width, height))
    return Image.composite(
        Image.new("RGB", (width, height), bottom), Image.new("RGB", (width, height), top), ramp
    )


def _ridge(
    draw: ImageDraw.ImageDraw,
    width: int,
    base: int,
    span: int,
    colour: tuple[int, int, int],
    rng: random.Random,
    bottom: int,
) -> None:
    points = [(0, bottom)]
    y = base
    step = max(4, width // 400)
    for x in range(0, width + step, step):
        y = min(max(base - span, y + rng.randint(-span // 40 - 1, span // 40 + 1)), base + span // 3)
        points.append((x, y))
    points.append((width, bottom))
    draw.polygon(points, fill=colour)


def _texture(size: int, kind: str, rng: random.Random) -> Image.Image:
    """A square tile of fine detail (gravel, brick or grass): what gives a photo its entropy."""
    tile = Image.new("RGB", (size, size), (90, 88, 84) if kind != "grass" else (60, 110, 40))
    draw = ImageDraw.Draw(tile)
    if kind == "brick":
        tile.paste((150, 80, 60), (0, 0, size, size))
        for row, y in enumerate(range(0, size, 7)):
            offset = 0 if row % 2 else 7
            for x in range(-offset, size, 15):
                c = rng.randint(110, 190)
                draw.rectangle([x, y, x + 13, y + 5], fill=(c, c // 2 + rng.randint(0, 20), c // 3))
    elif kind == "grass":
        for _ in range(size * size // 12):
            x, y = rng.uniform(0, size), rng.uniform(0, size)
            g = rng.randint(60, 200)
            draw.line(
                [x, y, x + rng.uniform(-3, 3), y - rng.uniform(4, 12)], fill=(g // 3, g, g // 5), width=1
            )
    else:
        for _ in range(size * size // 14):
            x, y, r = rng.uniform(0, size), rng.uniform(0, size), rng.uniform(1, 3.5)
            c = rng.randint(50, 170)
            draw.ellipse([x - r, y - r * 0.8, x + r, y + r * 0.8], fill=(c, c - 4, c - 10))
    return tile


def _tiled(
    region: tuple[int, int, int, int], tile: Image.Image, image: Image.Image, rng: random.Random
) -> None:
    x0, y0, x1, y1 = region
    step = tile.width
    for y in range(y0, y1, step):
        for x in range(x0, x1, step):
            piece = tile.transpose(rng.choice(list(Image.Transpose))) if rng.random() < 0.5 else tile
            image.paste(piece.crop((0, 0, min(step, x1 - x), min(step, y1 - y))), (x, y))


def scene(width: int, height: int, seed: int) -> Image.Image:
    """One deterministic scene; different seeds give different photos."""
    rng = random.Random(seed)
    image = _sky(width, height, rng)
    draw = ImageDraw.Draw(image)
    unit = height / 1000
    for _ in range(25):  # soft clouds
        cx, cy = rng.uniform(0, width), rng.uniform(0, 0.3 * height)
        rx, ry = rng.uniform(60, 240) * unit, rng.uniform(15, 50) * unit
        shade = rng.randint(215, 250)
        draw.ellipse(
            [cx - rx, cy - ry, cx + rx, cy + ry], fill=(shade, shade, shade + 5 if shade < 250 else 255)
        )
    image = image.filter(ImageFilter.GaussianBlur(12 * unit))
    draw = ImageDraw.Draw(image)
    sun = (rng.uniform(0.1, 0.9) * width, rng.uniform(0.08, 0.25) * height, 40 * unit)
    draw.ellipse([sun[0] - sun[2], sun[1] - sun[2], sun[0] + sun[2], sun[1] + sun[2]], fill=(255, 244, 214))
    for layer in range(3):  # distant ridges, lighter and bluer the further away
        shade = 150 - layer * 40
        base, span = int((0.30 + 0.06 * layer) * height), int(120 * unit)
        _ridge(draw, width, base, span, (shade - 30, shade, shade + 20), rng, height)
    tiles = {kind: _texture(512, kind, rng) for kind in ("brick", "gravel", "grass")}
    horizon = int(0.6 * height)
    x = 0
    while x < width:  # a street of brick buildings with windows, some with a sign
        w = int(rng.uniform(60, 160) * unit)
        h = int(rng.uniform(120, 380) * unit)
        box = (x, horizon - h, min(width, x + w), horizon + int(150 * unit))
        if rng.random() < 0.6:
            _tiled(box, tiles["brick"], image, rng)
        else:
            colour = (rng.randint(120, 230), rng.randint(100, 200), rng.randint(80, 180))
            draw.rectangle(box, fill=colour)
        draw.rectangle(box, outline=(40, 35, 30), width=max(1, int(2 * unit)))
        win = max(3, int(9 * unit))
        for wy in range(horizon - h + win, horizon + int(130 * unit), win * 3):
            for wx in range(x + win, x + w - win, win * 2):
                lit = rng.random() < 0.3
                fill = (250, 220, 130) if lit else (50, 60, 70)
                draw.rectangle([wx, wy, wx + win, wy + int(win * 1.6)], fill=fill, outline=(20, 20, 20))
        if rng.random() < 0.35 and w > 80 * unit:
            font = ImageFont.truetype(str(FONT), max(8, int(18 * unit)))
            sign = [x + 4, horizon - int(40 * unit), x + w - 4, horizon - int(10 * unit)]
            draw.rectangle(sign, fill=(30, 40, 90))
            draw.text((x + 8, horizon - int(37 * unit)), rng.choice(WORDS), font=font, fill=(255, 255, 255))
        x += w + int(rng.uniform(0, 12) * unit)
    road = horizon + int(150 * unit)
    _tiled((0, road, width, height), tiles["gravel"], image, rng)
    _tiled(
        (0, int(road + 0.25 * (height - road)), width, int(road + 0.45 * (height - road))),
        tiles["grass"],
        image,
        rng,
    )
    for lane in range(0, width, int(120 * unit)):
        mark = [lane, road + int(90 * unit), lane + int(60 * unit), road + int(100 * unit)]
        draw.rectangle(mark, fill=(230, 230, 210))
    for _ in range(int(9000 * (width * height) / 24e6)):  # trees made of small leaves
        cx, cy = rng.uniform(0, width), rng.uniform(horizon - 250 * unit, horizon + 100 * unit)
        r = rng.uniform(2, 7) * unit
        g = rng.randint(70, 170)
        draw.ellipse([cx - r, cy - r, cx + r, cy + r * 0.7], fill=(g // 3, g, g // 4))
    for _ in range(12):  # cars and people, larger shapes in the foreground
        cx, cy = rng.uniform(0, width), rng.uniform(road, height)
        w, h = rng.uniform(40, 180) * unit, rng.uniform(30, 90) * unit
        fill = (rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255))
        draw.rounded_rectangle([cx, cy, cx + w, cy + h], radius=int(10 * unit), fill=fill)
    caption = ImageFont.truetype(str(FONT), int(48 * unit))
    draw.text(
        (int(30 * unit), height - int(80 * unit)), f"Test photo {seed}", font=caption, fill=(255, 255, 255)
    )
    return image.filter(ImageFilter.GaussianBlur(0.6))


def photo(megapixels: int, seed: int = 1, *, folder: Path = DATA) -> Path:
    """The path of a cached JPEG of about ``megapixels`` MP (3, 12, 24 or 45), made on first use."""
    width, height = SIZES[megapixels]
    path = folder / f"scene-{megapixels}mp-{seed:04d}.jpg"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        scene(width, height, seed).save(partial, "JPEG", quality=90, subsampling="4:2:0")
        partial.replace(path)
    return path


def photos(megapixels: int, count: int, *, first_seed: int = 1) -> list[Path]:
    """``count`` distinct photos; a long series reuses a few scenes with a distinct overlay each.

    Drawing a 12 MP scene takes a second or two, so series longer than 8 repaint the number, a band
    and a few shapes over one of 8 base scenes: every file is distinct, and the first run stays short.
    """
    paths = [photo(megapixels, first_seed + i) for i in range(min(count, 8))]
    if count <= 8:
        return paths
    width, height = SIZES[megapixels]
    bases: dict[int, Image.Image] = {}
    font = ImageFont.truetype(str(FONT), height // 14)
    for i in range(8, count):
        seed = first_seed + i
        path = DATA / f"series-{megapixels}mp-{seed:04d}.jpg"
        if not path.exists():
            base_seed = first_seed + i % 8
            if base_seed not in bases:
                bases[base_seed] = scene(width, height, base_seed)
            image = bases[base_seed].copy()
            draw = ImageDraw.Draw(image)
            rng = random.Random(seed)
            for _ in range(6):
                x, y = rng.uniform(0, width), rng.uniform(0, height)
                r = rng.uniform(0.02, 0.08) * height
                draw.ellipse([x - r, y - r, x + r, y + r], fill=tuple(rng.randint(0, 255) for _ in range(3)))
            draw.text((width // 20, height // 20), f"No. {seed}", font=font, fill=(255, 250, 240))
            partial = path.with_suffix(".part")
            image.save(partial, "JPEG", quality=90, subsampling="4:2:0")
            partial.replace(path)
        paths.append(path)
    return paths


if __name__ == "__main__":
    for mp in SIZES:
        made = photo(mp)
        print(made.name, f"{made.stat().st_size / 1e6:.1f} MB")
