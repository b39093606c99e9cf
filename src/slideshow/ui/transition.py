"""Slide transitions drawn from two finished frames, so every frame of a fade costs two image blits.

Both the old and the new slide are painted once into pixmaps by the one painting function; the
transition only blends or shifts them. There is never a black frame: at every moment one of the two
pictures covers the whole window.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter, QPixmap

from slideshow.deck.model import Transition


def eased(share: float) -> float:
    """Smoothstep: a transition that starts and ends gently reads calmer on a projector than a linear one."""
    share = min(max(share, 0.0), 1.0)
    return share * share * (3 - 2 * share)


class FrameTransition:
    def __init__(
        self,
        kind: Transition,
        duration_s: float,
        old: QPixmap,
        new: QPixmap,
        *,
        forward: bool,
        started: float,
    ) -> None:
        self.kind = kind
        self._duration = max(duration_s, 1e-6)
        self._old = old
        self._new = new
        self._forward = forward
        self._started = started

    def done(self, now: float) -> bool:
        return now - self._started >= self._duration

    def paint(self, painter: QPainter, rect: QRectF, now: float) -> None:
        share = eased((now - self._started) / self._duration)
        if self.kind is Transition.SLIDE:
            shift = rect.width() * share * (1 if self._forward else -1)
            direction = 1 if self._forward else -1
            painter.drawPixmap(QPointF(rect.x() - shift, rect.y()), self._old)
            painter.drawPixmap(QPointF(rect.x() + direction * rect.width() - shift, rect.y()), self._new)
            return
        painter.drawPixmap(QPointF(rect.x(), rect.y()), self._old)
        painter.setOpacity(share)
        painter.drawPixmap(QPointF(rect.x(), rect.y()), self._new)
        painter.setOpacity(1.0)
