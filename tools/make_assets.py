"""Build the demo deck's pictures: one locator map per photo slide of ``slides.json``.

The article's photographs are not ours to ship, so each photo slide gets a news-agency style
locator map instead. Like a picture desk's graphic, a map says only what the map can: where the place
is, how far and which way from Mosul. The slide's caption, place line, date and number are the app's
to show, so no map repeats them; a place that comes up again gets a closer view, not a copy. Pure
Pillow, no network, deterministic output::

    uv run python tools/make_assets.py
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageChops, ImageDraw, ImageFont

XY = tuple[float, float]
Box = tuple[float, float, float, float]  # left, top, right, bottom
Boxes = dict[str, Box]  # the essential elements of one picture, in output pixels of the final image
ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "src" / "slideshow" / "fonts"
W, H, SS = 1920, 1080, 2  # output size; drawn at SS times that and downsampled (anti-aliasing)
# On a screen of the map's own shape the app lays a caption over at most the lower third of the picture
# (elsewhere the caption goes beside or below it), so everything that must be read (the "illustration"
# notice, key, scale, labels, distance, inset) ends above SAFE; only map background continues underneath.
# From the top: the notice strip, the key ribbon over the map, the map.
SAFE = round(H * 0.64)
STRIP, KEY_H = 48, 46  # notice strip across the top; key ribbon (legend and scale bar) over the map
MAP_W, MAP_Y = 1320, STRIP + KEY_H  # map panel on the left, under the ribbon; a sidebar fills the right
MAP_H = H - MAP_Y
QUALITY = 84
LAND, WATER, COAST, RIVER = (236, 232, 221), (202, 220, 230), (150, 178, 194), (104, 150, 186)
INK, GREY, RED, HALO, PAPER = (38, 40, 44), (96, 98, 104), (178, 34, 30), (246, 243, 235), (250, 248, 244)
ROAD, RULE = (178, 166, 146), (168, 158, 140)
COMPASS = ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW")

# Approximate public coordinates (lat, lon), rounded; the maps say "Positions approximate".
COORDS: dict[str, XY] = {
    "Mosul": (36.34, 43.13),
    "Erbil": (36.19, 44.01),
    "Kirkuk": (35.47, 44.39),
    "Dohuk": (36.87, 42.99),
    "Tal Afar": (36.37, 42.45),
    "Qayyara": (35.80, 43.29),
    "Bashiqa": (36.45, 43.35),
    "Bartella": (36.35, 43.38),
    "Khazir": (36.30, 43.55),
    "South of Mosul": (36.10, 43.20),
    "Khalidya": (36.05, 43.30),
    "Debaga camp": (35.88, 43.80),
    "Makhmour": (35.78, 43.58),
    "Paris": (48.857, 2.352),
    "Baghdad": (33.31, 44.37),
}
TIGRIS = [
    (37.07, 42.38),
    (36.87, 42.75),
    (36.63, 42.83),
    (36.34, 43.15),
    (36.10, 43.30),
    (35.80, 43.30),
    (35.50, 43.25),
    (35.20, 43.50),
    (34.93, 43.49),
    (34.60, 43.68),
]
GREAT_ZAB = [(37.12, 44.32), (36.95, 44.10), (36.55, 43.80), (36.20, 43.60), (35.95, 43.38), (35.93, 43.30)]
ROADS = [
    ("Mosul", "Bartella", "Khazir", "Erbil"),
    ("Mosul", "Dohuk"),
    ("Mosul", "Tal Afar"),
    ("Mosul", "Bashiqa"),
    ("Mosul", "Qayyara"),
    ("Erbil", "Kirkuk"),
]
TOWNS = [
    ("Mosul", "w"),
    ("Erbil", "s"),
    ("Kirkuk", "w"),
    ("Dohuk", "e"),
    ("Tal Afar", "n"),
    ("Qayyara", "w"),
    ("Bashiqa", "nw"),
    ("Bartella", "ne"),
]

# Very rough water bodies and islands for the wide map, "lat,lon" points, polygons split by "|".
SEAS = """
25,-30 27.7,-13.2 30.4,-9.6 31.5,-9.8 33.6,-7.6 35.8,-5.9 36.0,-5.6 36.5,-6.3 37.2,-7.4 37.0,-8.9 38.7,-9.4
40.6,-8.7 42.9,-9.3 43.4,-8.2 43.6,-5.8 43.3,-2.0 44.7,-1.2 46.2,-1.2 47.3,-2.5 47.8,-4.4 48.4,-4.8 48.8,-3.0
48.6,-1.5 49.7,-1.9 49.3,-0.3 50.0,1.4 50.9,1.8 51.4,3.6 52.0,4.1 53.0,4.8 53.4,6.0 53.6,8.0 53.9,8.7 55.5,8.1
56.7,8.2 57.7,10.6 56.5,10.3 55.5,9.7 54.3,10.2 54.0,10.9 54.2,12.1 54.1,13.8 54.5,16.5 54.8,18.4 54.4,18.7
54.9,20.5 55.7,21.1 57.4,21.5 57.75,22.6 57.0,24.1 58.4,24.5 59.0,23.5 59.4,24.7 59.5,28.0 60.0,30.0 62,30
62,17.3 60.7,17.2 59.3,18.9 58.6,16.7 56.7,16.4 56.2,15.6 55.4,13.8 55.6,13.0 56.7,12.8 57.7,11.9 59.0,11.1
59.0,10.0 58.1,8.0 58.0,7.0 58.9,5.6 60.4,5.1 62,4.8 62,-30
| 36.0,-5.6 36.7,-4.4 36.8,-2.4 37.6,-1.0 38.7,0.2 39.5,-0.3 40.7,0.9 41.4,2.2 42.3,3.2 43.4,3.6 43.3,5.4
43.7,7.3 44.4,8.9 43.5,10.3 42.1,11.8 41.2,13.6 40.6,14.8 40.0,15.6 39.0,16.1 38.1,15.65 37.95,16.1 38.8,16.6
39.1,17.1 39.9,16.6 40.5,17.2 39.8,18.4 40.6,18.0 41.1,16.9 41.9,16.1 42.5,14.2 43.6,13.5 44.1,12.6 45.4,12.3
45.6,13.8 44.8,13.9 44.1,15.2 43.5,16.4 42.6,18.1 41.3,19.4 40.4,19.5 39.6,20.0 38.3,21.3 36.8,21.7 36.4,22.5
36.45,23.2 37.6,23.0 37.65,24.0 38.5,24.2 39.4,23.1 40.6,22.9 40.0,23.8 40.9,24.4 40.8,26.0 40.05,26.2
39.5,26.1 38.3,26.3 37.9,27.2 37.0,27.3 36.6,28.9 36.2,29.6 36.9,30.7 36.5,32.0 36.1,33.3 36.8,34.7 36.6,35.5
36.8,36.2 35.5,35.8 34.4,35.8 33.3,35.2 32.1,34.8 31.5,34.4 31.1,33.8 31.3,32.3 31.5,30.4 31.2,29.9 31.4,27.2
31.6,25.2 32.1,24.0 32.8,22.6 32.1,20.1 30.8,20.2 30.4,19.6 31.2,16.6 32.4,15.1 32.9,13.2 33.7,10.9 33.9,10.1
34.7,10.8 35.8,10.8 37.1,11.0 36.8,10.3 37.3,9.9 36.9,7.8 36.8,5.1 36.8,3.0 35.7,-0.6 35.2,-3.9 35.9,-5.3
| 41.2,29.1 41.3,31.4 42.0,33.5 42.0,35.2 41.3,36.3 41.0,39.7 41.6,41.6 43.0,41.0 43.6,39.7 44.6,38.0
45.2,36.7 46.0,38.0 47.1,39.2 46.6,35.5 45.4,35.3 45.35,36.45 45.0,35.4 44.6,33.5 45.2,33.4 46.1,33.7
46.5,30.7 45.2,29.7 44.2,28.7 43.2,27.9 42.5,27.5 41.6,28.1
| 40.4,26.7 41.0,27.5 41.0,28.9 40.8,29.9 40.4,29.1
| 46.8,49.5 45.8,47.8 44.5,47.0 43.0,47.5 41.8,48.6 40.4,49.9 38.4,48.9 37.5,49.5 36.7,51.5 36.9,53.9
38.5,53.8 40.6,52.8 42.5,52.6 44.6,50.4 45.0,51.3 46.6,51.5 47.0,51.0
| 30.0,48.6 29.9,49.6 29.1,50.6 27.8,51.6 27.2,53.0 24.5,54.5 24.5,51.5 26.1,51.3 25.2,50.8 26.7,50.0
27.5,49.2 28.5,48.5 29.4,48.0
| 29.9,32.5 28.0,33.3 26.1,34.3 24.0,35.5 24.0,37.5 26.5,36.1 28.1,34.6 29.5,34.95 28.1,34.45 27.73,34.25
28.2,33.6 29.0,32.9
"""
ISLANDS = """
50.1,-5.7 50.6,-3.4 50.8,0.3 51.1,1.4 51.8,1.2 52.5,1.7 52.9,0.3 53.6,0.1 55.0,-1.4 56.0,-3.0 57.1,-2.1
57.7,-1.8 57.7,-3.8 58.6,-3.0 58.6,-5.0 56.5,-5.7 55.3,-5.6 54.8,-3.5 53.4,-3.1 53.3,-4.6 52.4,-4.1 51.7,-5.2
51.5,-3.2 51.2,-4.2 50.5,-5.0
| 51.4,-9.8 51.8,-8.2 52.2,-6.4 53.3,-6.1 54.6,-5.5 55.2,-6.2 55.2,-7.6 54.2,-10.0 53.3,-9.9 52.1,-10.4
| 56.03,12.6 55.3,12.45 55.0,11.9 55.33,11.1 55.97,11.3 | 55.6,10.5 55.05,10.6 55.1,10.0 55.5,9.8
| 38.0,12.5 38.2,13.3 38.3,15.6 37.5,15.1 36.7,15.1 37.1,14.2 37.6,12.6
| 41.2,9.2 40.9,9.7 39.2,9.6 38.9,8.6 39.8,8.4 40.6,8.2 41.0,8.4 | 43.0,9.4 41.4,9.2 41.9,8.6 42.6,8.6
| 35.6,23.6 35.4,25.0 35.3,26.3 35.0,26.1 35.0,24.8 35.2,23.5
| 35.2,32.3 35.4,34.0 35.7,34.6 35.0,34.0 34.6,33.0
"""
WIDE_LABELS = [
    (45.6, -6.4, "Atlantic Ocean"),
    (34.4, 18.5, "Mediterranean Sea"),
    (43.2, 34.3, "Black Sea"),
    (42.6, 49.9, "Caspian"),
    (40.0, -3.6, "SPAIN"),
    (46.4, 2.9, "FRANCE"),
    (51.0, 10.4, "GERMANY"),
    (39.2, 34.5, "TURKEY"),
    (35.0, 38.6, "SYRIA"),
    (33.2, 42.6, "IRAQ"),
    (33.8, 48.6, "IRAN"),
    (27.4, 29.6, "EGYPT"),
    (49.2, 31.5, "UKRAINE"),
]


@dataclass(frozen=True)
class Target:
    """A story location: its coordinate, its callout text and where the labels go (output pixels)."""

    coord: str
    label: str
    note: str
    callout: tuple[int, int]  # callout box centre relative to the marker
    side: int = 1  # side of the Mosul line for the distance label (+1 / -1) ...
    nudge: tuple[int, int] = (0, 0)  # ... plus this shift
    area: bool = False


TARGETS: dict[str, Target] = {
    "khazir-frontline": Target(
        "Khazir", "Khazir frontline", "Khazir river crossing, Erbil road", (190, -150), nudge=(-30, 0)
    ),
    "south-of-mosul": Target(
        "South of Mosul", "South of Mosul", "Area, not a single point", (-310, 70), 1, (-127, -20), True
    ),
    "batralla": Target("Bartella", "Batralla", "Also spelt Bartella", (170, -220), nudge=(-40, 8)),
    "bartella": Target("Bartella", "Bartella", "Town east of Mosul", (170, -220), nudge=(-40, 8)),
    "erbil": Target("Erbil", "Erbil", "Capital of the Kurdistan Region", (100, -170), -1),
    "khalidya": Target("Khalidya", "Khalidya (approx.)", "Village, position approximate", (300, 40), -1),
    "paris": Target("Paris", "Paris", "France", (40, -120)),
    "bashiqa": Target("Bashiqa", "Bashiqa", "Town north-east of Mosul", (120, -190), -1, (-80, -40)),
    "deepaka-camp": Target("Debaga camp", "Deepaka (Debaga) camp", "Camp for displaced people", (232, 20)),
    "qayyara": Target("Qayyara", "Qayyara", "On the Tigris, south of Mosul", (-300, -60), -1),
}


@dataclass(frozen=True)
class Proj:
    """Equirectangular projection onto the map panel, scale true at ``lat0``; yields drawing pixels."""

    lat0: float
    lon0: float
    ppd: float  # output pixels per degree of latitude
    row: float  # panel row (output pixels) of ``lat0``: set so the story places sit above SAFE

    def xy(self, lat: float, lon: float) -> XY:
        k = math.cos(math.radians(self.lat0)) * self.ppd
        return SS * (MAP_W / 2 + (lon - self.lon0) * k), SS * (self.row - (lat - self.lat0) * self.ppd)

    def latlon(self, x: float, y: float) -> XY:
        k = math.cos(math.radians(self.lat0)) * self.ppd
        return self.lat0 - (y / SS - self.row) / self.ppd, self.lon0 + (x / SS - MAP_W / 2) / k


LOCAL, WIDE = Proj(36.2, 43.4, 500.0, 360.0), Proj(42.0, 20.0, 27.7, 420.0)


@lru_cache(maxsize=32)
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """The app's shipped DejaVu font at ``size`` output pixels."""
    return ImageFont.truetype(str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size * SS)


def disc(x: float, y: float, r: float) -> tuple[float, float, float, float]:
    """Bounding box of a circle of radius ``r`` output pixels around a drawing-pixel point."""
    return x - r * SS, y - r * SS, x + r * SS, y + r * SS


def polygons(data: str) -> list[list[XY]]:
    """Parse the "lat,lon lat,lon | ..." polygon tables."""
    return [
        [(float(p.split(",")[0]), float(p.split(",")[1])) for p in poly.split()] for poly in data.split("|")
    ]


def haversine_km(a: XY, b: XY) -> float:
    """Great-circle distance in km between two (lat, lon) points."""
    p1, p2, dl = math.radians(a[0]), math.radians(b[0]), math.radians(b[1] - a[1])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def bearing(a: XY, b: XY) -> tuple[float, str]:
    """Initial compass bearing from ``a`` to ``b`` in degrees, with its 16-point name."""
    p1, p2, dl = math.radians(a[0]), math.radians(b[0]), math.radians(b[1] - a[1])
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    deg = math.degrees(math.atan2(math.sin(dl) * math.cos(p2), x)) % 360
    return deg, COMPASS[round(deg / 22.5) % 16]


def great_circle(a: XY, b: XY, n: int = 64) -> list[XY]:
    """Points along the great circle from ``a`` to ``b`` (spherical linear interpolation)."""
    va, vb = (
        [
            math.cos(math.radians(la)) * math.cos(math.radians(lo)),
            math.cos(math.radians(la)) * math.sin(math.radians(lo)),
            math.sin(math.radians(la)),
        ]
        for la, lo in (a, b)
    )
    om = math.acos(sum(i * j for i, j in zip(va, vb, strict=True)))
    out = []
    for t in (i / n for i in range(n + 1)):
        f1, f2 = math.sin((1 - t) * om) / math.sin(om), math.sin(t * om) / math.sin(om)
        x, y, z = (f1 * p + f2 * q for p, q in zip(va, vb, strict=True))
        out.append((math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))))
    return out


def chaikin(pts: list[XY], rounds: int, closed: bool) -> list[XY]:
    """Corner-cutting smoothing so hand-made polylines look drawn rather than plotted."""
    for _ in range(rounds):
        seq, new = (pts + pts[:1], []) if closed else (pts, [pts[0]])
        for (x0, y0), (x1, y1) in zip(seq, seq[1:], strict=False):
            new += [
                (0.75 * x0 + 0.25 * x1, 0.75 * y0 + 0.25 * y1),
                (0.25 * x0 + 0.75 * x1, 0.25 * y0 + 0.75 * y1),
            ]
        pts = new if closed else new + [pts[-1]]
    return pts


def noise(x: float, y: float, octaves: int = 4) -> float:
    """Deterministic fractal value noise in 0..1 (integer hash, no random module)."""

    def h(i: int, j: int, o: int) -> float:
        n = (i * 374761393 + j * 668265263 + o * 1442695041) & 0xFFFFFFFF
        n = ((n ^ (n >> 13)) * 1274126177) & 0xFFFFFFFF
        return ((n ^ (n >> 16)) & 0xFFFF) / 65535

    total = norm = 0.0
    for o in range(octaves):
        fx, fy = x * 2**o, y * 2**o
        ix, iy = math.floor(fx), math.floor(fy)
        u, v = (fx - ix) ** 2 * (3 - 2 * (fx - ix)), (fy - iy) ** 2 * (3 - 2 * (fy - iy))
        top = h(ix, iy, o) + (h(ix + 1, iy, o) - h(ix, iy, o)) * u
        bot = h(ix, iy + 1, o) + (h(ix + 1, iy + 1, o) - h(ix, iy + 1, o)) * u
        total, norm = total + 0.5**o * (top + (bot - top) * v), norm + 0.5**o
    return total / norm


def elevation(lat: float, lon: float) -> float:
    """Schematic relief in 0..1: folded Zagros ranges to the north-east, three anticlines, plains."""
    x, y = (lon - 43.4) * 0.81, lat - 36.2
    d = 0.429 * x + 0.903 * y - 0.538  # distance beyond the mountain front (NW-SE line north of Erbil)
    rough, t = noise(x * 8 + 50, y * 8 + 50), min(1.0, max(0.0, (d + 0.04) / 0.3))
    fold = ((1 + math.cos(40 * d)) / 2) ** 1.5
    fold *= 0.55 + 0.45 * math.sin(6 * (0.903 * x - 0.429 * y) + 2.3 * round(40 * d / math.tau))
    e = 0.04 + 0.16 * noise(x * 2.5 + 10, y * 2.5 + 10, 3)
    e += t * t * (3 - 2 * t) * (0.15 + 0.5 * fold + 0.35 * rough)
    for (la1, lo1), (la2, lo2), hgt in (
        ((36.68, 43.20), (36.44, 43.58), 0.30),
        ((36.08, 43.58), (35.55, 44.05), 0.28),
        ((35.75, 44.12), (35.25, 44.66), 0.18),
    ):
        ax, ay, bx, by = (lo1 - 43.4) * 0.81, la1 - 36.2, (lo2 - 43.4) * 0.81, la2 - 36.2
        u = ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)
        u = max(0.0, min(1.0, u))
        dist2 = (x - ax - u * (bx - ax)) ** 2 + (y - ay - u * (by - ay)) ** 2
        e += hgt * math.sin(math.pi * u) ** 1.5 * math.exp(-dist2 / 0.0015) * (0.6 + 0.8 * rough)
    return float(min(1.0, e))


def relief(proj: Proj, step: int = 3) -> Image.Image:
    """Hypsometric tint with hill shading (light from the north-west) for the whole map panel."""
    gw, gh = MAP_W // step + 2, MAP_H // step + 2
    g = [
        [elevation(*proj.latlon((i - 1) * step * SS, (j - 1) * step * SS)) for i in range(gw)]
        for j in range(gh)
    ]
    stops = [(0.0, LAND), (0.25, (229, 222, 204)), (0.55, (212, 199, 170)), (1.0, (180, 163, 130))]
    pix = []
    for j in range(1, gh - 1):
        for i in range(1, gw - 1):
            e = g[j][i]
            slope = g[j][i + 1] - g[j][i - 1] + g[j + 1][i] - g[j - 1][i]  # lit from the north-west
            shade = max(0.8, min(1.08, 1 + 7 / step * slope))
            k = next(n for n in range(1, len(stops)) if e <= stops[n][0] or n == len(stops) - 1)
            (e0, c0), (e1, c1) = stops[k - 1], stops[k]
            f = (e - e0) / (e1 - e0)
            pix.append(tuple(min(255, round((a + (b - a) * f) * shade)) for a, b in zip(c0, c1, strict=True)))
    img = Image.new("RGB", (gw - 2, gh - 2))
    img.putdata(pix)
    return img.resize((MAP_W * SS, MAP_H * SS), Image.Resampling.BICUBIC)


def dashed(d: ImageDraw.ImageDraw, pts: Sequence[XY], fill: Any, width: int, on: float, off: float) -> None:
    """Dashed polyline; width and dash lengths in output pixels."""
    pos, on, period = 0.0, on * SS, (on + off) * SS
    for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
        seg, s = math.hypot(x1 - x0, y1 - y0), 0.0
        while s < seg:
            phase = (pos + s) % period
            step = max(min((on - phase) if phase < on else (period - phase), seg - s), 1e-6)
            if phase < on:
                a, b = s / seg, (s + step) / seg
                d.line(
                    [(x0 + (x1 - x0) * a, y0 + (y1 - y0) * a), (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b)],
                    fill=fill,
                    width=width * SS,
                )
            s += step
        pos += seg


def text(
    d: ImageDraw.ImageDraw,
    xy: XY,
    s: str,
    size: int,
    bold: bool = False,
    fill: Any = INK,
    anchor: str = "la",
    halo: int = 0,
) -> Box:
    """Text at output-pixel size, optionally with a paper-coloured halo; returns its box (drawing pixels)."""
    d.text(xy, s, font=font(size, bold), fill=fill, anchor=anchor, stroke_width=halo * SS, stroke_fill=HALO)
    return d.textbbox(xy, s, font=font(size, bold), anchor=anchor, stroke_width=halo * SS)


def keep(boxes: Boxes, name: str, *found: Box, dy: float = 0) -> None:
    """Record the union of drawing-pixel boxes as the output-pixel box ``name``, ``dy`` rows lower."""
    box = (
        min(b[0] for b in found),
        min(b[1] for b in found),
        max(b[2] for b in found),
        max(b[3] for b in found),
    )
    boxes[name] = (box[0] / SS, box[1] / SS + dy, box[2] / SS, box[3] / SS + dy)


def along(img: Image.Image, s: str, a: XY, b: XY, offset: float) -> None:
    """A river name rotated along segment a-b, shifted ``offset`` output pixels off the line."""
    ang = math.degrees(math.atan2(a[1] - b[1], b[0] - a[0]))
    ang = ang - 180 if ang > 90 else ang + 180 if ang < -90 else ang
    tile = Image.new("RGBA", (int(font(19).getlength(s)) + 12 * SS, 40 * SS), (0, 0, 0, 0))
    text(
        ImageDraw.Draw(tile),
        (tile.width / 2, tile.height / 2),
        s,
        19,
        fill=(58, 104, 142),
        anchor="mm",
        halo=2,
    )
    tile = tile.rotate(ang, Image.Resampling.BICUBIC, expand=True)
    cx = (a[0] + b[0]) / 2 - math.sin(math.radians(ang)) * offset * SS - tile.width / 2
    cy = (a[1] + b[1]) / 2 - math.cos(math.radians(ang)) * offset * SS - tile.height / 2
    img.paste(tile, (round(cx), round(cy)), tile)


@lru_cache(maxsize=2)
def base_map(wide: bool) -> Image.Image:
    """Terrain or seas, city area, roads, rivers and graticule of one of the two extents (no labels)."""
    proj, step = (WIDE, 10.0) if wide else (LOCAL, 0.5)
    img = Image.new("RGB", (MAP_W * SS, MAP_H * SS), LAND) if wide else relief(proj)
    d = ImageDraw.Draw(img)
    if wide:
        for fill, data in ((WATER, SEAS), (LAND, ISLANDS)):
            for poly in polygons(data):
                d.polygon(chaikin([proj.xy(*p) for p in poly], 2, True), fill=fill, outline=COAST, width=SS)
    else:
        mx, my = proj.xy(*COORDS["Mosul"])
        d.ellipse(
            (mx - 46 * SS, my - 40 * SS, mx + 40 * SS, my + 44 * SS),
            fill=(214, 205, 190),
            outline=(190, 180, 164),
        )
        for road in ROADS:
            for fill, width in ((ROAD, 5), ((252, 250, 244), 3)):
                d.line([proj.xy(*COORDS[n]) for n in road], fill=fill, width=width * SS, joint="curve")
        for river, width in ((TIGRIS, 5), (GREAT_ZAB, 4)):
            pts = chaikin(river, 4, False)
            taper = [math.sin(math.pi * i / (len(pts) - 1)) ** 0.7 for i in range(len(pts))]
            pts = [
                (la + 0.012 * taper[i] * math.sin(i * 0.9), lo + 0.01 * taper[i] * math.sin(i * 1.7))
                for i, (la, lo) in enumerate(pts)
            ]
            d.line([proj.xy(*p) for p in pts], fill=RIVER, width=width * SS, joint="curve")
    for i in range(-100, 200):
        x, y = proj.xy(i * step, i * step)
        d.line([(0, y), (MAP_W * SS, y)], fill=RULE, width=SS)
        d.line([(x, 0), (x, MAP_H * SS)], fill=RULE, width=SS)
    return img


def graticule_labels(d: ImageDraw.ImageDraw, proj: Proj, step: float) -> None:
    """Degree labels along the top (longitude) and right (latitude) edges of the map."""

    def fmt(v: float, pos: str, neg: str) -> str:
        minutes = f"{round(abs(v) % 1 * 60):02d}′" if v % 1 else ""
        return f"{int(abs(v))}°{minutes}{'' if v == 0 else pos if v > 0 else neg}"

    for i in range(-100, 200):
        x, y = proj.xy(i * step, i * step)
        if 20 * SS < x < (MAP_W - 140) * SS:
            text(d, (x + 6 * SS, 10 * SS), fmt(i * step, "E", "W"), 17, fill=GREY, halo=3)
        if 40 * SS < y < (MAP_H - 40) * SS:
            text(
                d,
                ((MAP_W - 10) * SS, y - 4 * SS),
                fmt(i * step, "N", "S"),
                17,
                fill=GREY,
                anchor="rb",
                halo=3,
            )


def marker(img: Image.Image, d: ImageDraw.ImageDraw, x: float, y: float, area: bool) -> Box:
    """The bold story-location marker: ringed red dot, or a hatched red area with a dashed rim."""
    if not area:
        d.ellipse(disc(x, y, 27), outline=RED, width=3 * SS)
        d.ellipse(disc(x, y, 15), fill="white")
        d.ellipse(disc(x, y, 11), fill=RED)
        return disc(x, y, 29)
    rx, ry = 95 * SS, 70 * SS
    inside, hatch = Image.new("L", (2 * rx, 2 * ry), 0), Image.new("L", (2 * rx, 2 * ry), 45)
    ImageDraw.Draw(inside).ellipse((0, 0, 2 * rx - 1, 2 * ry - 1), fill=255)
    for k in range(-2 * ry, 2 * rx, 16 * SS):
        ImageDraw.Draw(hatch).line([(k, 2 * ry), (k + 2 * ry, 0)], fill=130, width=3 * SS)
    img.paste(RED, (round(x - rx), round(y - ry)), ImageChops.multiply(hatch, inside))
    rim = [(x + rx * math.cos(t * math.tau / 72), y + ry * math.sin(t * math.tau / 72)) for t in range(73)]
    dashed(d, rim, RED, 3, 12, 7)
    d.ellipse(disc(x, y, 6), fill=RED, outline="white", width=2 * SS)
    return x - rx - 2 * SS, y - ry - 2 * SS, x + rx + 2 * SS, y + ry + 2 * SS


def callout(d: ImageDraw.ImageDraw, x: float, y: float, tgt: Target) -> Box:
    """White label box with a red accent bar and drop shadow, joined to the marker by a leader line."""
    cx, cy = x + tgt.callout[0] * SS, y + tgt.callout[1] * SS
    half = max(font(30, True).getlength(tgt.label), font(18).getlength(tgt.note)) / 2 + 22 * SS
    box = (cx - half, cy - 38 * SS, cx + half, cy + 38 * SS)
    ex, ey = min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3])
    k = (70 if tgt.area else 28) * SS / (math.hypot(ex - x, ey - y) or 1)
    d.line([(x + (ex - x) * k, y + (ey - y) * k), (ex, ey)], fill=INK, width=2 * SS)
    d.rectangle([v + 4 * SS for v in box], fill=(120, 110, 95))
    d.rectangle(box, fill="white", outline=(150, 150, 150), width=SS)
    d.rectangle((box[0], box[1], box[0] + 8 * SS, box[3]), fill=RED)
    text(d, (box[0] + 24 * SS, cy - 6 * SS), tgt.label, 30, True, anchor="ls")
    text(d, (box[0] + 24 * SS, cy + 24 * SS), tgt.note, 18, fill=GREY, anchor="ls")
    return box[0], box[1], box[2] + 4 * SS, box[3] + 4 * SS


def place_label(d: ImageDraw.ImageDraw, x: float, y: float, s: str, where: str, big: bool) -> None:
    """Town name beside its dot, on the side given as a compass direction ("n", "se", ...)."""
    ox, oy = (where[-1] == "e") - (where[-1] == "w"), (where[0] == "s") - (where[0] == "n")
    g = (17 if big else 12) * SS * (0.75 if ox and oy else 1.0)
    anchor = "mlr"[ox] + "mts"[oy]
    text(d, (x + ox * g, y + oy * g), s.upper() if big else s, 28 if big else 23, big, anchor=anchor, halo=4)


def map_overlay(img: Image.Image, tgt: Target, wide: bool, boxes: Boxes) -> tuple[float, str, float]:
    """Labels, Mosul line, story marker and north arrow on the map panel; returns km and bearing.

    The boxes of the story marker, its callout, the distance label and Mosul go into ``boxes``.
    """
    proj, d = WIDE if wide else LOCAL, ImageDraw.Draw(img)
    graticule_labels(d, proj, 10 if wide else 0.5)
    for lat, lon, s in WIDE_LABELS if wide else []:
        text(
            d,
            proj.xy(lat, lon),
            " ".join(s) if s.isupper() else s,
            17 if s.isupper() else 20,
            fill=(140, 130, 112) if s.isupper() else (70, 112, 140),
            anchor="mm",
        )
    if not wide:
        along(img, "Tigris", proj.xy(*TIGRIS[1]), proj.xy(*TIGRIS[2]), -17)
        along(img, "Tigris", proj.xy(*TIGRIS[5]), proj.xy(*TIGRIS[6]), -17)
        along(img, "Great Zab", proj.xy(*GREAT_ZAB[2]), proj.xy(*GREAT_ZAB[3]), 17)
    mosul, here = COORDS["Mosul"], COORDS[tgt.coord]
    km, (deg, point) = haversine_km(mosul, here), bearing(mosul, here)
    line = [proj.xy(*p) for p in (great_circle(mosul, here) if wide else [mosul, here])]
    d.line(line, fill=HALO, width=7 * SS, joint="curve")
    dashed(d, line, RED, 3, 14, 8)
    for name, where in [("Mosul", "se")] if wide else TOWNS:
        if name != tgt.coord:
            x, y = proj.xy(*COORDS[name])
            d.ellipse(disc(x, y, 9 if name == "Mosul" else 6), fill=INK, outline="white", width=2 * SS)
            place_label(d, x, y, name, where, name == "Mosul")
            if name == "Mosul":
                keep(boxes, "mosul", disc(x, y, 9), dy=MAP_Y)
    (x0, y0), (x1, y1) = line[0], line[-1]
    mx, my = line[len(line) // 2] if wide else ((x0 + x1) / 2, (y0 + y1) / 2)
    n = math.hypot(x1 - x0, y1 - y0) / (34 * SS * tgt.side)
    px, py = mx + (y0 - y1) / n + tgt.nudge[0] * SS, my + (x1 - x0) / n + tgt.nudge[1] * SS
    label = f"{'≈ ' if tgt.area else ''}{km:,.0f} km · {point} ({deg:03.0f}°)"
    half = font(20, True).getlength(label) / 2 + 14 * SS
    pill = (px - half, py - 18 * SS, px + half, py + 18 * SS)
    d.rounded_rectangle(pill, 18 * SS, "white", RED, 2 * SS)
    text(d, (px, py), label, 20, True, fill=RED, anchor="mm")
    keep(boxes, "distance label", pill, dy=MAP_Y)
    x, y = proj.xy(*here)
    keep(boxes, "story marker", marker(img, d, x, y, tgt.area), dy=MAP_Y)
    keep(boxes, "callout", callout(d, x, y, tgt), dy=MAP_Y)
    ax, ay = (MAP_W - 64) * SS, 64 * SS
    d.polygon([(ax, ay - 34 * SS), (ax - 16 * SS, ay + 22 * SS), (ax, ay + 12 * SS)], fill=INK)
    d.polygon([(ax, ay - 34 * SS), (ax + 16 * SS, ay + 22 * SS), (ax, ay + 12 * SS)], "white", INK, 2 * SS)
    text(d, (ax, ay + 28 * SS), "N", 22, True, anchor="mt", halo=3)
    return km, point, deg


def key_ribbon(d: ImageDraw.ImageDraw, wide: bool, boxes: Boxes) -> None:
    """The map's key in one row across the top of the map panel, with the scale bar at its right end."""
    top, bottom, mid = STRIP * SS, MAP_Y * SS, (STRIP + KEY_H / 2) * SS
    d.rectangle((0, top, MAP_W * SS, bottom), fill="white")
    d.line([(0, bottom - SS), (MAP_W * SS, bottom - SS)], fill=(170, 162, 146), width=SS)
    rows = ["Story location", "Town / city"] + ([] if wide else ["River", "Main road (schematic)"])
    rows.append("Great-circle line from Mosul" if wide else "Line from Mosul")
    cx = 40 * SS
    for row in rows:
        stub = [(cx - 16 * SS, mid), (cx + 16 * SS, mid)]
        if row.startswith("Story"):
            d.ellipse(disc(cx, mid, 11), fill=RED, outline="white", width=3 * SS)
        elif row.startswith("Town"):
            d.ellipse(disc(cx, mid, 6), fill=INK)
        elif row == "River":
            d.line(stub, RIVER, 4 * SS)
        elif row.startswith("Main"):
            d.line(stub, ROAD, 5 * SS)
            d.line(stub, (252, 250, 244), 3 * SS)
        else:
            dashed(d, stub, RED, 3, 8, 5)
        right = text(d, (cx + 26 * SS, mid), row, 17, anchor="lm")[2]
        cx = right + 58 * SS
    keep(boxes, "legend", (24 * SS, top, right, bottom))
    keep(boxes, "scale bar", scale_bar(d, WIDE if wide else LOCAL, 1000 if wide else 50, right + 60 * SS))


def scale_bar(d: ImageDraw.ImageDraw, proj: Proj, km: int, left: float) -> Box:
    """Alternating black/white scale bar in the key ribbon, true at the projection's standard parallel."""
    px_km, y0 = proj.ppd * SS / 111.2, (STRIP + 26) * SS
    x0 = max(left, (MAP_W - 40) * SS - km * px_km)  # right-aligned in the ribbon
    for i in range(5):
        a, b = x0 + km * px_km * i / 5, x0 + km * px_km * (i + 1) / 5
        d.rectangle((a, y0, b, y0 + 9 * SS), fill=INK if i % 2 == 0 else "white", outline=INK, width=SS)
    found = [(x0, y0, x0 + km * px_km, y0 + 9 * SS)]
    for v in (0, km // 2, km):
        label = f"{v:,}" + (" km" if v == km else "")
        found.append(text(d, (x0 + v * px_km, y0 - 5 * SS), label, 15, anchor="ms"))
    return min(b[0] for b in found), min(b[1] for b in found), max(b[2] for b in found), y0 + 9 * SS


def wrap(s: str, size: int, width: int, bold: bool = False, max_lines: int = 99) -> list[str]:
    """Greedy word wrap to ``width`` output pixels; an ellipsis marks text cut at ``max_lines``."""
    lines: list[str] = []
    for word in s.split():
        if lines and font(size, bold).getlength(f"{lines[-1]} {word}") <= width * SS:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
    return lines


def inset(
    img: Image.Image, box: tuple[int, int, int, int], wide: bool, view: str = "", place: str = ""
) -> None:
    """The sidebar's inset: the region around Mosul (for the wide map, a detail of the Mosul area); or,
    with ``view`` "route", the way from Mosul to ``place``; or, with "close", ``place`` up close."""
    if view:
        proj, base = LOCAL, base_map(False)
    else:
        proj, base = (LOCAL, base_map(False)) if wide else (WIDE, base_map(True))
    w, h = (box[2] - box[0]) * SS, (box[3] - box[1]) * SS
    if view:
        (ax, ay), (bx, by) = proj.xy(*COORDS["Mosul"]), proj.xy(*COORDS[place])
        if view == "route":  # both ends in view, with room for their labels
            k = min(w / (abs(bx - ax) + 220 * SS), h / (abs(by - ay) + 90 * SS))
            cx, cy = (ax + bx) / 2, (ay + by) / 2
        else:
            k, cx, cy = CLOSE_ZOOM, bx, by
        cx0, cx1, cy = cx - w / k / 2, cx + w / k / 2, cy
    else:
        cx0, cx1 = (0.0, float(MAP_W * SS)) if wide else (proj.xy(0, 28)[0], proj.xy(0, 51)[0])
        k = w / (cx1 - cx0)
        cy = proj.xy(36.2 if wide else 36.0, 0)[1]
    cy0 = cy - h / k / 2
    tile = base.crop((round(cx0), round(cy0), round(cx1), round(cy0 + h / k)))
    tile = tile.resize((w, h), Image.Resampling.LANCZOS)
    d = ImageDraw.Draw(tile)

    def at(lat: float, lon: float) -> XY:
        x, y = proj.xy(lat, lon)
        return (x - cx0) * k, (y - cy0) * k

    if view:
        if view == "route":
            dashed(d, [at(*COORDS["Mosul"]), at(*COORDS[place])], RED, 3, 10, 6)
        names = [n for n in COORDS if n not in ("Paris", "Baghdad", "South of Mosul", "Khalidya", place)]
        for name in names:
            x, y = at(*COORDS[name])
            if 60 * SS < x < w - 10 * SS and 14 * SS < y < h - 14 * SS:
                d.ellipse(disc(x, y, 6), fill=INK, outline="white", width=SS)
                text(d, (x - 11 * SS, y), name, 17, name == "Mosul", anchor="rm", halo=3)
        x, y = at(*COORDS[place])
        d.ellipse(disc(x, y, 16), outline=RED, width=3 * SS)
        d.ellipse(disc(x, y, 7), fill=RED, outline="white", width=2 * SS)
    elif not wide:
        for lat, lon, s in ((38.5, 36.5, "TURKEY"), (35.0, 38.6, "SYRIA"), (33.8, 48.6, "IRAN")):
            text(d, at(lat, lon), " ".join(s), 13, fill=(130, 120, 104), anchor="mm")
        (la0, lo0), (la1, lo1) = LOCAL.latlon(0, 0), LOCAL.latlon(MAP_W * SS, MAP_H * SS)
        d.rectangle((*at(la0, lo0), *at(la1, lo1)), outline=RED, width=3 * SS)
    for name in () if view else ("Mosul", "Erbil", "Kirkuk") if wide else ("Mosul", "Baghdad"):
        x, y = at(*COORDS[name])
        d.ellipse(disc(x, y, 6), fill=INK, outline="white", width=SS)
        text(d, (x - 11 * SS, y), name, 18, name == "Mosul", anchor="rm", halo=3)
    d.rectangle((0, 0, w - 1, h - 1), outline=(120, 112, 98), width=SS)
    img.paste(tile, (box[0] * SS, box[1] * SS))


CLOSE_ZOOM = 1.8
"""The close view's scale, in times the main map's."""

INSET_VIEWS = ("", "route", "close")
"""The inset of the first, second and third slide of one place: the overview, the way from Mosul, a
close view. A picture desk would not run the same map twice in one story."""


def sidebar(
    img: Image.Image, tgt: Target, occurrence: int, dist: tuple[float, str, float], boxes: Boxes
) -> None:
    """Distance and bearing from Mosul, the marker's coordinates and an inset, all above SAFE.

    Nothing here repeats what the app's caption already says (place line, date, caption, slide number).
    The inset tells slides of one place apart: the ``occurrence``-th slide of a place (0-based) gets the
    ``occurrence``-th of :data:`INSET_VIEWS`.
    """
    d, x, right = ImageDraw.Draw(img), MAP_W + 40, W - 40
    d.line([(MAP_W * SS, STRIP * SS), (MAP_W * SS, H * SS)], fill=(120, 112, 98), width=2 * SS)
    head = text(d, (x * SS, (STRIP + 26) * SS), "BATTLE FOR MOSUL · LOCATOR MAP", 16, True, fill=RED)
    keep(boxes, "heading", head)
    y = STRIP + 64
    km, point, deg = dist
    found = []
    for col, (heading, value) in enumerate(
        (
            ("DISTANCE FROM MOSUL", f"{'≈ ' if tgt.area else ''}{km:,.0f} km"),
            ("BEARING FROM MOSUL", f"{point} · {deg:03.0f}°"),
        )
    ):
        text(d, ((x + 270 * col) * SS, (y + 16) * SS), heading, 15, True, fill=GREY)
        colour = RED if col == 0 else INK
        found.append(text(d, ((x + 270 * col) * SS, (y + 38) * SS), value, 36, True, fill=colour))
    lat, lon = COORDS[tgt.coord]
    where = f"{'Area centred on' if tgt.area else 'Marker at'} {lat:.2f}° N, {lon:.2f}° E · approximate"
    found.append(text(d, (x * SS, (y + 94) * SS), where, 17, fill=GREY))
    keep(boxes, "distance and bearing", *found)
    y += 126
    d.line([(x * SS, y * SS), (right * SS, y * SS)], fill=(200, 192, 176), width=SS)
    view = INSET_VIEWS[min(occurrence, len(INSET_VIEWS) - 1)]
    bottom, top = SAFE - 16, y + 48  # the inset ends above the part a caption may cover
    headings = {"route": f"FROM MOSUL TO {tgt.coord.upper()}", "close": f"CLOSER: {tgt.coord.upper()} AREA"}
    heading = headings.get(view) or ("DETAIL: MOSUL AREA" if tgt.coord == "Paris" else "OVERVIEW")
    text(d, (x * SS, (top - 24) * SS), heading, 15, True, fill=GREY)
    inset(img, (x, top, right, bottom), tgt.coord == "Paris", view, tgt.coord)
    boxes["inset"] = (x, top, right, bottom)


def notice_strip(d: ImageDraw.ImageDraw, proj: Proj, boxes: Boxes) -> None:
    """Dark strip across the top stating plainly that the picture is an illustration, not a photograph.

    It sits at the top so the app's caption band (over the lower part of the picture) never hides it.
    """
    d.rectangle((0, 0, W * SS, STRIP * SS), fill=(32, 35, 40))
    mid = STRIP / 2 * SS
    square = (24 * SS, mid - 10 * SS, 44 * SS, mid + 10 * SS)
    d.rectangle(square, fill=RED)
    label = "ILLUSTRATION – locator map, not a photograph"
    found = text(d, (58 * SS, mid), label, 24, True, fill="white", anchor="lm")
    keep(boxes, "illustration label", square, found)
    found = text(d, (found[2] + 32 * SS, mid), "Positions approximate", 20, fill=(250, 206, 120), anchor="lm")
    keep(boxes, "positions approximate", found)
    note = f"Equirectangular projection, scale true at {proj.lat0:.0f}°N · drawn by tools/make_assets.py"
    text(d, ((W - 24) * SS, mid), note, 16, fill=(200, 202, 206), anchor="rm")


def draw_slide(slide: dict[str, Any], occurrence: int = 0, boxes: Boxes | None = None) -> Image.Image:
    """Render the locator map for one photo slide as a 1920x1080 RGB image; ``occurrence`` counts the
    earlier slides of the same place (each gets another inset).

    ``boxes``, when given, receives where each essential element was drawn (output pixels), so the
    layout can be checked against the part of the picture a caption may cover.
    """
    boxes = {} if boxes is None else boxes
    tgt = TARGETS[Path(slide["image"]).stem.split("-", 1)[1]]
    wide = tgt.coord == "Paris"
    img, panel = Image.new("RGB", (W * SS, H * SS), PAPER), base_map(wide).copy()
    dist = map_overlay(panel, tgt, wide, boxes)  # drawn on its own panel so nothing spills into the sidebar
    img.paste(panel, (0, MAP_Y * SS))
    d = ImageDraw.Draw(img)
    key_ribbon(d, wide, boxes)
    sidebar(img, tgt, occurrence, dist, boxes)
    notice_strip(d, WIDE if wide else LOCAL, boxes)
    return img.resize((W, H), Image.Resampling.LANCZOS)


def save_jpeg(img: Image.Image, path: Path) -> None:
    """Save with the settings of the committed assets (progressive, optimised, fixed quality)."""
    img.save(path, "JPEG", quality=QUALITY, optimize=True, progressive=True)


def load_slides(deck: Path = ROOT / "slides.json") -> list[dict[str, Any]]:
    """All slides of the demo deck, in order."""
    slides: list[dict[str, Any]] = json.loads(deck.read_text(encoding="utf-8"))["slides"]
    return slides


def main(out_dir: Path | None = None) -> list[Path]:
    """Write every photo slide's picture into ``out_dir`` (default: ``assets/`` next to slides.json)."""
    out = out_dir or ROOT / "assets"
    out.mkdir(parents=True, exist_ok=True)
    slides, written = load_slides(), []
    for slide, occurrence in photo_slides(slides):
        written.append(out / Path(slide["image"]).name)
        save_jpeg(draw_slide(slide, occurrence), written[-1])
        print(f"wrote {written[-1].name}")
    return written


def photo_slides(slides: list[dict[str, Any]]) -> list[tuple[dict[str, Any], int]]:
    """Each photo slide with how many earlier photo slides show the same place."""
    seen: dict[str, int] = {}
    found = []
    for slide in slides:
        if slide.get("image"):
            key = TARGETS[Path(slide["image"]).stem.split("-", 1)[1]].coord
            found.append((slide, seen.get(key, 0)))
            seen[key] = seen.get(key, 0) + 1
    return found


if __name__ == "__main__":
    main()
