"""Writes slides as pictures, headless, with the same painting code as the full-screen view."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QGuiApplication, QImage, QPainter

from slideshow.deck.model import Deck
from slideshow.imaging.decode import ImageProblem
from slideshow.imaging.pipeline import decode_picture
from slideshow.render.fonts import caption_family
from slideshow.render.painter import SlideView, paint_slide


def ensure_gui_application() -> QGuiApplication:
    """Exports never need a display: without an application yet, Qt is started on its offscreen platform."""
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QGuiApplication(["slideshow"])


def render_slide(deck: Deck, index: int, size: tuple[int, int]) -> QImage:
    """Slide ``index`` (0-based) as the audience sees it at ``size``; a broken picture is the placeholder."""
    ensure_gui_application()
    caption_family()
    width, height = size
    slide = deck.slides[index]
    picture, problem = None, None
    if slide.image is not None:
        try:
            picture = decode_picture(slide.image, width, height, deck.settings.fit)
        except ImageProblem as error:
            problem = str(error)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    view = SlideView(
        slide=slide,
        number=index + 1,
        count=len(deck.slides),
        locale=deck.settings.locale,
        fit=deck.settings.fit,
        picture=picture,
        problem=problem,
    )
    paint_slide(painter, QRectF(0, 0, width, height), view)
    painter.end()
    return image


def export_png(deck: Deck, index: int, size: tuple[int, int], out: Path) -> None:
    """Writes the PNG next to its final name first, so a failed export never leaves half a file."""
    image = render_slide(deck, index, size)
    out = out.absolute()
    handle, temp_name = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=".png", dir=out.parent)
    os.close(handle)
    try:
        if not image.save(temp_name, "PNG"):
            raise OSError(0, "the PNG writer failed")
        os.replace(temp_name, out)
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
