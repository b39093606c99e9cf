"""Slide transitions drawn from finished layers, so every frame of a fade costs four image blits.

Each slide is painted once by the one painting function into two pixmaps: its picture (opaque, the
whole window) and its words (captions and scrims, on transparent). A fade cross-fades the pictures while
the outgoing words fade out in the first half and the incoming ones fade in in the second, so two
captions never show on top of each other; a slide moves each slide's picture and words together. There
is never a black frame: at every moment the pictures cover the whole window.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPixmap

from slideshow.deck.model import Transition
from slideshow.render.painter import Layer, SlideView, paint_slide


def eased(share: float) -> float:
    """Smoothstep: a transition that starts and ends gently reads calmer on a projector than a linear one."""
    share = min(max(share, 0.0), 1.0)
    return share * share * (3 - 2 * share)


@dataclass(frozen=True)
class Frame:
    """One slide, painted once: its picture and, apart, its words."""

    picture: QPixmap
    words: QPixmap

    @classmethod
    def of(cls, view: SlideView, width: int, height: int, ratio: float = 1.0) -> Frame:
        size = (max(1, round(width * ratio)), max(1, round(height * ratio)))
        rect = QRectF(0, 0, width * ratio, height * ratio)  # device pixels, as the window paints a slide
        picture, words = QPixmap(*size), QPixmap(*size)
        words.fill(Qt.GlobalColor.transparent)
        for pixmap, layer in ((picture, Layer.PICTURE), (words, Layer.TEXT)):
            pixmap.setDevicePixelRatio(ratio)
            painter = QPainter(pixmap)
            painter.scale(1 / ratio, 1 / ratio)
            paint_slide(painter, rect, view, layer)
            painter.end()
        return cls(picture, words)


class FrameTransition:
    def __init__(
        self,
        kind: Transition,
        duration_s: float,
        old: Frame,
        new: Frame,
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
        elapsed = min(max((now - self._started) / self._duration, 0.0), 1.0)
        share = eased(elapsed)
        origin = QPointF(rect.x(), rect.y())
        if self.kind is Transition.SLIDE:
            direction = 1 if self._forward else -1
            shift = QPointF(rect.width() * share * direction, 0)
            incoming = QPointF(direction * rect.width(), 0)
            for frame, at in ((self._old, origin - shift), (self._new, origin + incoming - shift)):
                painter.drawPixmap(at, frame.picture)
                painter.drawPixmap(at, frame.words)
            return
        painter.drawPixmap(origin, self._old.picture)
        painter.setOpacity(share)
        painter.drawPixmap(origin, self._new.picture)
        if elapsed < 0.5:
            painter.setOpacity(1.0 - eased(elapsed * 2))
            painter.drawPixmap(origin, self._old.words)
        else:
            painter.setOpacity(eased(elapsed * 2 - 1))
            painter.drawPixmap(origin, self._new.words)
        painter.setOpacity(1.0)
