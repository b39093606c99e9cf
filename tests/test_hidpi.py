"""A screen at device pixel ratio 2 (laptops at 200 %): pictures are decoded for the physical pixels, and
the slide is the one an export draws at the physical size, caption and stamps in the same proportions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageStat

from slideshow.deck import load_deck
from slideshow.export import render_slide
from slideshow.render.geometry import Box
from slideshow.render.painter import SlideView, decode_box
from test_imaging_picture import as_pillow

REPO = Path(__file__).resolve().parent.parent

#: Run with QT_SCALE_FACTOR=2: the window at 960x540 logical pixels, 1920x1080 physical.
_CHILD = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtWidgets import QApplication
    from slideshow.deck import load_deck
    from slideshow.ui.app import ShowOptions, build_show

    app = QApplication([])
    show = build_show(load_deck("slides.json").deck, ShowOptions(remember=False))
    window = show.window
    window.picture_shown.connect(lambda index: app.quit())
    window.resize(960, 540)
    window.show()
    app.exec()
    key = window.picture_key(0)
    picture = show.pipeline.cached(key)
    window.grab().toImage().save("window.png")
    show.pipeline.shutdown()
    print(json.dumps({"ratio": window.devicePixelRatioF(), "key": [key.width, key.height],
                      "picture": [picture.width(), picture.height()]}))
    """
)


def photo(path: Path) -> Path:
    """Gradients and bold shapes: a slide whose every part is compared, text included."""
    picture = Image.merge(
        "RGB",
        (
            Image.linear_gradient("L").resize((1600, 1200)),
            Image.linear_gradient("L").rotate(90).resize((1600, 1200)),
            Image.new("L", (1600, 1200), 110),
        ),
    )
    draw = ImageDraw.Draw(picture)
    for n in range(6):
        draw.ellipse([100 + 240 * n, 400, 260 + 240 * n, 560], fill=(250, 250, 250))
    picture.save(path)
    return path


def test_pictures_are_decoded_for_physical_pixels_and_the_slide_matches_an_export_at_ratio_1(
    tmp_path: Path, make_deck: Callable[..., Path], qapp: object
) -> None:
    photo(tmp_path / "photo.png")
    deck_path = make_deck(
        slides=[{"image": "photo.png", "caption": "Fine lines", "place": "Erbil, Iraq", "date": "2016-10-20"}]
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "src"),
        "QT_QPA_PLATFORM": "offscreen",
        "QT_SCALE_FACTOR": "2",
    }
    done = subprocess.run(
        [sys.executable, "-c", _CHILD], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout.strip().splitlines()[-1])
    assert facts["ratio"] == 2.0
    deck = load_deck(deck_path).deck
    assert deck is not None
    box = decode_box(Box(0, 0, 1920, 1080), SlideView.of(deck, 0), (1600, 1200))
    assert facts["key"] == list(box) and box[1] > 540  # the photo's box beside its caption, device pixels
    # The photo decoded for the physical screen, not for 960x540.
    assert abs(facts["picture"][0] - box[0]) <= 1 and abs(facts["picture"][1] - box[1]) <= 1
    exported = as_pillow(render_slide(deck, 0, (1920, 1080)))  # ratio 1, the same physical size
    with Image.open(tmp_path / "window.png") as shot:
        window = shot.convert("RGB")
    assert window.size == (1920, 1080)
    assert max(ImageStat.Stat(ImageChops.difference(window, exported)).mean) < 1.5
