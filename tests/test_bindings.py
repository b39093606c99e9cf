"""Guards against Qt-binding bugs that would take a long-running show down."""

from __future__ import annotations

import sys

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QTextLayout


def test_painting_keeps_references_to_none(qapp: object) -> None:
    """PySide6 6.12.0 dropped a reference to None on every QPainter call; a kiosk repainting its
    progress line then aborted within seconds ("Fatal Python error: deallocating None")."""
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    layout = QTextLayout("caption", QFont())
    layout.beginLayout()
    layout.createLine().setLineWidth(60)
    layout.endLayout()
    painter = QPainter(image)
    before = sys.getrefcount(None)
    for _ in range(200):
        painter.fillRect(QRectF(0, 0, 8, 8), QColor("#000000"))
        painter.drawImage(QPointF(0, 0), image.copy(0, 0, 2, 2))
        layout.draw(painter, QPointF(0, 0))
    painter.end()
    assert sys.getrefcount(None) >= before - 50
