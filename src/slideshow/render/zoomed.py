"""A zoomed photo: the part of the photo in view, drawn from whatever pictures of it are at hand.

The fitted picture is always at hand and is enlarged at once; a sharp picture of the region in view,
decoded from the original, is drawn over it when it arrives. Each picture knows which part of the photo
it holds (fractions of the upright photo), so the same code serves the audience window, the console's
smaller view of the same region, and a picture that covers only part of the view while panning.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap

from slideshow.core.zoom import Region, contain

__all__ = ["PictureOfRegion", "ZoomPaint", "paint_zoomed"]

Picture = QImage | QPixmap


@dataclass(frozen=True)
class PictureOfRegion:
    """A picture holding ``region`` (fractions of the upright photo)."""

    picture: Picture
    region: Region


@dataclass(frozen=True)
class ZoomPaint:
    """What a zoomed slide shows: ``region`` of a photo whose width / height is ``aspect``, placed as
    large as fits the slide's area, and the pictures to draw it from (the sharper last)."""

    region: Region
    aspect: float
    pictures: tuple[PictureOfRegion, ...]

    def dest(self, area: QRectF) -> QRectF:
        """Where :attr:`region` goes in ``area``."""
        x0, y0, x1, y1 = self.region
        aspect = (x1 - x0) * self.aspect / max(y1 - y0, 1e-9)
        x, y, w, h = contain(aspect, area.width(), area.height())
        return QRectF(area.x() + x, area.y() + y, w, h)


def paint_zoomed(painter: QPainter, area: QRectF, zoom: ZoomPaint) -> None:
    """Draws each picture's share of the region in view, clipped to it."""
    dest = zoom.dest(area)
    x0, y0, x1, y1 = zoom.region
    span_x, span_y = max(x1 - x0, 1e-9), max(y1 - y0, 1e-9)
    painter.save()
    painter.setClipRect(dest, Qt.ClipOperation.IntersectClip)
    for held in zoom.pictures:
        px0, py0, px1, py1 = held.region
        seen = (max(px0, x0), max(py0, y0), min(px1, x1), min(py1, y1))
        if seen[2] <= seen[0] or seen[3] <= seen[1] or held.picture.isNull():
            continue
        width, height = held.picture.width(), held.picture.height()
        source = QRectF(
            (seen[0] - px0) / (px1 - px0) * width,
            (seen[1] - py0) / (py1 - py0) * height,
            (seen[2] - seen[0]) / (px1 - px0) * width,
            (seen[3] - seen[1]) / (py1 - py0) * height,
        )
        target = QRectF(
            dest.x() + (seen[0] - x0) / span_x * dest.width(),
            dest.y() + (seen[1] - y0) / span_y * dest.height(),
            (seen[2] - seen[0]) / span_x * dest.width(),
            (seen[3] - seen[1]) / span_y * dest.height(),
        )
        if isinstance(held.picture, QPixmap):
            painter.drawPixmap(target, held.picture, source)
        else:
            painter.drawImage(target, held.picture, source)
    painter.restore()
