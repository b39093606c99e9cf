"""The memory budget that replaced the pixel-count rule (issue 12, class 8): what a picture costs to decode
decides, legal camera JPEGs up to 200 MP show, and peaks are measured for real in child processes."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest
from PIL import Image

from _bigpictures import flat_jpeg, flat_png
from slideshow.imaging import budget
from slideshow.imaging.decode import decode_to_box, verify_image
from slideshow.imaging.fitting import Target
from slideshow.imaging.picture import decode_picture
from slideshow.imaging.problem import ImageProblem

REPO = Path(__file__).resolve().parent.parent
MB = 2**20


@pytest.mark.parametrize("size", [(12000, 9000), (17320, 11548)], ids=["108 MP", "200 MP"])
def test_a_legal_camera_jpeg_of_up_to_200_megapixels_shows(tmp_path: Path, size: tuple[int, int]) -> None:
    path = flat_jpeg(tmp_path / "camera.jpg", *size)
    picture = decode_picture(path, 1920, 1080)
    width = round(size[0] * 1080 / size[1])
    assert (picture.width(), picture.height()) == (width, 1080)
    assert abs(picture.pixelColor(width // 2, 540).red() - 128) <= 2  # the grey photo, not a placeholder
    assert decode_to_box(path, Target(640, 480)).size == (640, round(640 * size[1] / size[0]))
    assert verify_image(path) is None


def _png_that_claims(path: Path, width: int, height: int) -> Path:
    """A PNG whose header claims ``width`` x ``height`` over a few bytes of pixels: a bomb's shape."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(bytes(1 + 3 * width))
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )
    return path


def test_a_picture_that_needs_more_than_the_budget_is_refused_before_its_pixels_are_read(
    tmp_path: Path,
) -> None:
    path = _png_that_claims(tmp_path / "bomb.png", 40000, 30000)
    with pytest.raises(ImageProblem) as caught:
        decode_picture(path, 1920, 1080)
    reason = str(caught.value)
    assert reason.startswith("image too large: 40000x30000 would need about ")
    assert reason.endswith(
        f"MB to decode (the limit is {budget.DECODE_BUDGET // MB} MB); save a smaller copy"
    )
    assert (verify_image(path) or "").startswith("image too large: 40000x30000 would need about ")


def test_a_progressive_jpeg_counts_its_full_size_coefficients(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """libjpeg keeps every DCT coefficient of a progressive file however small it decodes: 3 bytes a
    pixel at 4:2:0. With a 20 MB budget a 12 MP progressive file (36 MB of coefficients) is refused on
    both decoders' paths, while the same picture saved as a baseline JPEG still shows."""
    picture = Image.new("RGB", (4000, 3000), (30, 90, 160))
    picture.save(tmp_path / "baseline.jpg", quality=80)
    picture.save(tmp_path / "progressive.jpg", quality=80, progressive=True)
    monkeypatch.setattr(budget, "DECODE_BUDGET", 20 * MB)
    assert decode_picture(tmp_path / "baseline.jpg", 400, 300).width() == 400
    with pytest.raises(ImageProblem, match="image too large: 4000x3000 would need about 3[4-9] MB"):
        decode_picture(tmp_path / "progressive.jpg", 400, 300)
    assert "image too large" in (verify_image(tmp_path / "progressive.jpg") or "")


def _peak_mb(command: list[str], cwd: Path) -> float:
    """Runs ``command`` and returns its peak resident memory (its own, via wait4) in MB."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    stdout, stderr = child.stdout.read(), child.stderr.read()  # type: ignore[union-attr]
    assert os.waitstatus_to_exitcode(status) == 0, stderr.decode()
    assert stdout.strip().endswith(b"ok") or b"Wrote" in stdout or not stderr, stderr.decode()
    return usage.ru_maxrss / 1024


#: Run in the child: export's own command line, as people run it.
_EXPORT = [sys.executable, "-m", "slideshow", "export", "slides.json", "--out", "out.png"]

#: Run in the child: a real show steps through every slide, each press after the picture is on screen, with
#: the viewer's two decoding workers (the next slide is prefetched while the current one shows).
_SHOW = textwrap.dedent(
    """
    import resource, sys
    from PySide6.QtWidgets import QApplication
    from slideshow.core.keymap import Action, Command
    from slideshow.deck import load_deck
    from slideshow.ui.app import ShowOptions, build_show

    app = QApplication([])
    deck = load_deck("slides.json").deck
    show = build_show(deck, ShowOptions(remember=False))
    last = len(deck.slides) - 1
    problems = []

    def shown(index):
        if show.window.on_screen_problem:
            problems.append(show.window.on_screen_problem)
        if index == last:
            app.quit()
        else:
            show.controller.perform(Command(Action.NEXT))

    show.window.picture_shown.connect(shown)
    show.window.resize(1920, 1080)
    show.window.show()
    app.exec()
    show.pipeline.shutdown()
    assert not problems, problems
    print("ok")
    """
)


def _deck(folder: Path, pictures: list[Path]) -> Path:
    import json

    slides = [{"image": p.name, "caption": p.stem} for p in pictures]
    (folder / "slides.json").write_text(json.dumps({"title": "Big", "slides": slides}), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "make",
    [
        lambda folder: flat_png(folder / "scan.png", 11550, 7730),
        lambda folder: flat_png(folder / "scan.png", 11550, 7730, palette=True),
        lambda folder: flat_jpeg(folder / "camera.jpg", 17320, 11548),
    ],
    ids=["89 MP RGB PNG", "89 MP palette PNG", "200 MP JPEG"],
)
def test_export_of_any_one_legal_picture_peaks_under_600_mb(tmp_path: Path, make: object) -> None:
    picture = make(tmp_path)  # type: ignore[operator]
    peak = _peak_mb(_EXPORT, _deck(tmp_path, [picture]))
    assert peak < 600, f"export of {picture.name} peaked at {peak:.0f} MB"
    with Image.open(tmp_path / "out.png") as out:  # the picture itself, not a placeholder
        assert out.getpixel((960, 400)) != (28, 31, 36)


def test_a_show_of_such_pictures_stays_under_800_mb(tmp_path: Path) -> None:
    """Four 89 MP PNGs and a 200 MP JPEG: large decodes take turns, so two never peak together."""
    pictures = [
        flat_png(tmp_path / f"scan-{n}.png", 11550, 7730, (40 * n, 90, 150), palette=n % 2 == 1)
        for n in range(4)
    ]
    pictures.append(flat_jpeg(tmp_path / "camera.jpg", 17320, 11548))
    peak = _peak_mb([sys.executable, "-c", _SHOW], _deck(tmp_path, pictures))
    assert peak < 800, f"the show peaked at {peak:.0f} MB"


def test_a_24_mp_jpeg_for_a_4k_screen_is_not_a_large_decode(tmp_path: Path) -> None:
    """Qt decodes it at 5/8 (3750x2500), so the two workers may decode two of them side by side; the
    whole file at full size would have made every 4K decode wait for the other."""
    from slideshow.imaging.jpeginfo import read_jpeg_header
    from slideshow.imaging.picture import _qt_cost

    path = flat_jpeg(tmp_path / "camera.jpg", 6000, 4000)
    with path.open("rb") as stream:
        header = read_jpeg_header(stream)
    assert header is not None
    cost = _qt_cost(header, 3840, 2160)
    assert 3750 * 2500 * 4 <= cost <= budget.LARGE_DECODE
    assert _qt_cost(header, 1920, 1080) < cost


def test_a_sharp_decode_is_costed_at_the_step_libjpeg_would_take() -> None:
    """24 MP for 1080p: the 1/2 step (3000x2000) keeps 1.75x the 1620x1080 output; for 4K no step does,
    so the whole photo would be decoded: more than a decode may take without waiting its turn."""
    from slideshow.imaging.budget import LARGE_DECODE, sharp_decode_bytes

    photo = (6000, 4000)
    at_1080p = sharp_decode_bytes(photo, (1620, 1080), (0, 0, 6000, 4000))
    at_4k = sharp_decode_bytes(photo, (3240, 2160), (0, 0, 6000, 4000))
    assert at_1080p == 4 * 3000 * 2000 + 4 * 1620 * 2000 < LARGE_DECODE
    assert at_4k == 4 * 6000 * 4000 + 4 * 3240 * 4000 > LARGE_DECODE
