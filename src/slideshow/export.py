"""Writes slides as pictures, headless, with the same painting code as the full-screen view."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QImageWriter, QPainter

from slideshow.deck.model import Deck
from slideshow.files import WriteFailed, folder_filled_in_place_of, png_is_whole, written_in_place_of
from slideshow.imaging.header import header_size
from slideshow.imaging.picture import decode_picture
from slideshow.imaging.problem import ImageProblem
from slideshow.render.fonts import caption_family
from slideshow.render.geometry import Box
from slideshow.render.offscreen import ensure_gui_application
from slideshow.render.painter import SlideView, decode_box, paint_slide


def render_slide(deck: Deck, index: int, size: tuple[int, int]) -> QImage:
    """Slide ``index`` (0-based) as the audience sees it at ``size``; a broken picture is the placeholder."""
    ensure_gui_application()
    caption_family()
    width, height = size
    slide = deck.slides[index]
    view = SlideView.of(deck, index)
    if slide.image is not None:
        box = (width, height)  # the photo's own box when its size can be read: drawn 1:1, as on screen
        if (photo := header_size(slide.image, deck.folder)) is not None:
            box = decode_box(Box(0, 0, width, height), view, photo)
        try:
            picture = decode_picture(slide.image, *box, deck.settings.fit, inside=deck.folder)
            view = replace(view, picture=picture)
        except ImageProblem as error:
            view = replace(view, problem=str(error))
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    paint_slide(painter, QRectF(0, 0, width, height), view)
    painter.end()
    return image


def export_png(deck: Deck, index: int, size: tuple[int, int], out: Path) -> None:
    """Writes the PNG next to its final name first and reads it back before it takes that name, so a
    failed export (a full disk too) never leaves half a file."""
    image = render_slide(deck, index, size)
    with written_in_place_of(out, check=png_is_whole) as temp:
        writer = QImageWriter(str(temp), b"PNG")  # the temporary name's suffix is not the format
        if not writer.write(image):
            raise WriteFailed("the PNG writer failed")


def export_folder(
    deck: Deck, folder: Path, size: tuple[int, int], progress: Callable[[int, int], None] | None = None
) -> list[Path]:
    """Every slide as ``slide-001.png`` ... in ``folder`` (created if needed); more than 999 slides get
    more digits, still in order. All or nothing: the slides are written (each as export_png writes it)
    into a temporary folder and take their names only once every one is written, so a failure half-way
    (a full disk) leaves ``folder`` as it was, older slides of the same names included."""
    digits = max(3, len(str(len(deck.slides))))
    names = [f"slide-{index + 1:0{digits}d}.png" for index in range(len(deck.slides))]
    with folder_filled_in_place_of(folder) as staging:
        for index, name in enumerate(names):
            export_png(deck, index, size, staging / name)
            if progress is not None:
                progress(index + 1, len(deck.slides))
    return [folder / name for name in names]
