"""Compares two pictures for packaging/smoke.sh: same size, and a mean absolute difference under a limit.

    python packaging/compare_images.py EXPECTED ACTUAL [--max-mean 1.0] [--quiet]

Exit 0 when they match, 1 when they differ (the reason on one line), 2 when a file cannot be read.
The mean is over all pixels and the R, G, B channels, on the 0-255 scale: anti-aliasing differences
between two renderers of the same slide stay well under 1, another slide is tens away.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from PIL import Image, ImageChops, ImageStat


def mean_difference(expected: Image.Image, actual: Image.Image) -> float:
    diff = ImageChops.difference(expected.convert("RGB"), actual.convert("RGB"))
    return sum(ImageStat.Stat(diff).mean) / 3


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Do two pictures show the same thing?")
    parser.add_argument("expected")
    parser.add_argument("actual")
    parser.add_argument("--max-mean", type=float, default=1.0, help="largest mean abs difference (0-255)")
    parser.add_argument("--quiet", action="store_true", help="print nothing when they match")
    args = parser.parse_args(argv)
    try:
        expected, actual = Image.open(args.expected), Image.open(args.actual)
    except OSError as error:
        print(f"compare: cannot read: {error}", file=sys.stderr)
        return 2
    if expected.size != actual.size:
        print(
            f"compare: {args.actual} is {actual.size[0]}x{actual.size[1]}, expected "
            f"{expected.size[0]}x{expected.size[1]}"
        )
        return 1
    mean = mean_difference(expected, actual)
    verdict = "match" if mean <= args.max_mean else "differ"
    if verdict == "differ" or not args.quiet:
        print(
            f"compare: {args.actual} vs {args.expected}: {expected.size[0]}x{expected.size[1]}, "
            f"mean abs difference {mean:.3f} (limit {args.max_mean}): {verdict}"
        )
    return 0 if verdict == "match" else 1


if __name__ == "__main__":
    raise SystemExit(main())
