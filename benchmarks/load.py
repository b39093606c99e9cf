"""Loading and validating a 10,000-slide deck: the loader every command shares (show, check, export).

    uv run python benchmarks/load.py               # a few seconds

The deck has 10,000 slides, each with its own photo file (tiny JPEGs: the loader checks that each file
is there and inside the deck folder, it never decodes), a caption, a place and a date. Beside it: plain
``json.load`` of the same file, the floor any loader pays, and a whole ``python`` process that loads it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from _common import DATA, child_env, machine_facts, summary, table, time_command
from PIL import Image

from slideshow.deck import load_deck

SLIDES = 10_000


def ten_thousand_slides() -> str:
    """The deck's path, made on first use (shared with benchmarks/reload.py)."""
    folder = DATA / "deck-10k"
    deck = folder / "slides.json"
    if deck.exists():
        return str(deck)
    (folder / "photos").mkdir(parents=True, exist_ok=True)
    sample = folder / "sample.jpg"
    Image.new("RGB", (8, 8), (120, 90, 60)).save(sample)
    data = sample.read_bytes()
    slides = []
    for n in range(SLIDES):
        name = f"photos/{n // 1000:02d}/photo-{n:05d}.jpg"
        path = folder / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        slides.append(
            {
                "image": name,
                "caption": f"Photo {n + 1}: the market street at dusk, seen from the old bridge",
                "place": "Mosul, Iraq",
                "date": f"2017-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                "credit": "Staff photographer",
            }
        )
    deck.write_text(
        json.dumps({"title": "Ten thousand slides", "slides": slides}, indent=1), encoding="utf-8"
    )
    return str(deck)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", "--runs", type=int, default=9, help="runs per row (default 9)")
    args = parser.parse_args()
    deck = ten_thousand_slides()
    print(machine_facts())
    load_deck(deck)  # warm the file cache
    loads, floors, processes = [], [], []
    code = f"from slideshow.deck import load_deck\nload_deck({deck!r})"
    for _ in range(args.runs):
        started = time.perf_counter()
        result = load_deck(deck)
        loads.append((time.perf_counter() - started) * 1000)
        assert result.deck is not None and len(result.deck.slides) == SLIDES, result.problems[:3]
        started = time.perf_counter()
        with open(deck, encoding="utf-8") as f:
            json.load(f)
        floors.append((time.perf_counter() - started) * 1000)
        processes.append(time_command([sys.executable, "-c", code], child_env()))
    rows = [
        ["load_deck (parse + validate + check files)", *summary(loads)],
        ["floor: json.load of the same file", *summary(floors)],
        ["whole process: python -c 'load_deck(...)'", *summary(processes)],
    ]
    print(f"\n{SLIDES:,}-slide deck, {len(result.deck.slides):,} photo files, ms")
    print(table(["what", "median", "p95", "min", "max"], rows))
    print(f"\ntarget: < 1000 ms: load_deck median {rows[0][1]:.0f} ms, whole process {rows[2][1]:.0f} ms")


if __name__ == "__main__":
    main()
