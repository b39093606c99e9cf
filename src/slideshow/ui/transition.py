"""Slide transitions drawn from finished layers, so a frame of a fade costs a few image blits.

Each slide is painted once by the one painting function into two layers: its picture (opaque, the
whole window) and its words (captions and scrims, on transparent). A fade cross-fades the pictures while
the outgoing words fade out in the first half and the incoming ones fade in in the second, so two
captions never show on top of each other; a slide moves each slide's picture and words together. There
is never a black frame: at every moment the pictures cover the whole window.

The layers hold no more than they must: a picture layer that is one photo on black keeps the photo
itself (the picture the cache holds), and the words keep only their box. A fade on a 4K screen then
needs a few MB for the captions instead of four full-screen copies (127 MB).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from slideshow.deck.model import Transition
from slideshow.render.painter import Layer, PhotoOnBlack, SlideView, paint_slide, transition_parts

FRAME_MS = 10  # transition frames: well under the 16.7 ms of 60 Hz, so timer jitter never skips a frame


def eased(share: float) -> float:
    """Smoothstep: a transition that starts and ends gently reads calmer on a projector than a linear one."""
    share = min(max(share, 0.0), 1.0)
    return share * share * (3 - 2 * share)


@dataclass(frozen=True)
class Frame:
    """One slide, painted once, in device pixels: its picture layer and, apart, its words.

    The picture layer is ``photo`` when it is one photo on black, else the painted ``picture``; the
    words are ``words`` at ``words_at`` (None: a slide without words)."""

    photo: PhotoOnBlack | None
    picture: QPixmap | None
    words: QPixmap | None
    words_at: QPointF

    @classmethod
    def of(cls, view: SlideView, width: int, height: int) -> Frame:
        """``view`` as a ``width`` x ``height`` window (device pixels) shows it."""
        rect = QRectF(0, 0, max(1, width), max(1, height))
        parts = transition_parts(rect, view)
        photo, box = parts.photo, parts.words
        picture = None
        if photo is None:
            picture = QPixmap(round(rect.width()), round(rect.height()))
            _paint_into(picture, view, rect, Layer.PICTURE, QPointF(0, 0))
        words, at = None, QPointF(0, 0)
        if box is not None and not box.isEmpty():
            whole = box.toAlignedRect()
            at = QPointF(whole.topLeft())
            words = QPixmap(whole.size())
            words.fill(Qt.GlobalColor.transparent)
            _paint_into(words, view, rect, Layer.TEXT, at)
        return cls(photo, picture, words, at)

    def paint_picture(self, painter: QPainter, area: QRectF) -> None:
        """The picture layer over ``area``, the window's size wherever it is drawn now."""
        if self.photo is not None:
            painter.save()
            painter.translate(area.topLeft())
            self.photo.paint(painter, QRectF(0, 0, area.width(), area.height()))
            painter.restore()
        elif self.picture is not None:
            painter.drawPixmap(area.topLeft(), self.picture)

    def paint_words(self, painter: QPainter, area: QRectF) -> None:
        if self.words is not None:
            painter.drawPixmap(area.topLeft() + self.words_at, self.words)


def _paint_into(pixmap: QPixmap, view: SlideView, rect: QRectF, layer: Layer, at: QPointF) -> None:
    """``layer`` of ``view`` laid out in ``rect``, the part at ``at`` and below painted into ``pixmap``."""
    painter = QPainter(pixmap)
    painter.translate(-at)
    paint_slide(painter, rect, view, layer)
    painter.end()


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
        """The frame at ``now`` over ``rect``, the window in the device pixels its frames were made for."""
        elapsed = min(max((now - self._started) / self._duration, 0.0), 1.0)
        share = eased(elapsed)
        if self.kind is Transition.SLIDE:
            direction = 1 if self._forward else -1
            shift = rect.width() * share * direction
            for frame, offset in ((self._old, -shift), (self._new, direction * rect.width() - shift)):
                area = rect.translated(offset, 0)
                painter.save()
                painter.setClipRect(area, Qt.ClipOperation.IntersectClip)  # each slide in its own window
                frame.paint_picture(painter, area)
                frame.paint_words(painter, area)
                painter.restore()
            return
        self._old.paint_picture(painter, rect)
        painter.setOpacity(share)
        self._new.paint_picture(painter, rect)  # one layer: its parts never overlap
        if elapsed < 0.5:
            painter.setOpacity(1.0 - eased(elapsed * 2))
            self._old.paint_words(painter, rect)
        else:
            painter.setOpacity(eased(elapsed * 2 - 1))
            self._new.paint_words(painter, rect)
        painter.setOpacity(1.0)


class TransitionPlayer(QObject):
    """Plays one transition at a time over ``window``: a frame every :data:`FRAME_MS` until it is done."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.playing: FrameTransition | None = None
        self._timer = QTimer(self, interval=FRAME_MS)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse timer may drift 5 % per frame
        self._timer.timeout.connect(self._next_frame)

    def begin(
        self,
        kind: Transition,
        duration_s: float,
        old: SlideView,
        new: SlideView,
        size: tuple[int, int],
        *,
        forward: bool,
    ) -> None:
        """From ``old`` to ``new`` in a window of ``size`` device pixels; with no transition (or no
        time for one), ends any playing one at once."""
        if kind is Transition.NONE or duration_s <= 0:
            self.finish()
            return
        frames = Frame.of(old, *size), Frame.of(new, *size)
        self.playing = FrameTransition(kind, duration_s, *frames, forward=forward, started=time.monotonic())
        self._timer.start()

    def finish(self) -> None:
        """Ends the transition at once: a key pressed during one is never slowed down by it."""
        if self.playing is not None:
            self.playing = None
            self._timer.stop()
            self._window.update()

    def paint(self, painter: QPainter, rect: QRectF) -> bool:
        """The frame of now over ``rect`` (device pixels); False when no transition is playing."""
        if self.playing is None:
            return False
        self.playing.paint(painter, rect, time.monotonic())
        return True

    def _next_frame(self) -> None:
        if self.playing is not None and self.playing.done(time.monotonic()):
            self.finish()
        self._window.update()
