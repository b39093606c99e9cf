"""The picture a window asks for, slide by slide: the photo's box in the slide's layout, in device pixels.

The layout is the painting function's own (:func:`slideshow.render.painter.decode_box`), laid out with
the photo's size read before it is decoded, so the picture arrives at the size it is drawn and a paint
copies it 1:1. Laying a slide out sets its caption's text, a few milliseconds on a 4K screen: keys are
kept per slide, size and caption setting, and a neighbour's may wait until after the paint.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtWidgets import QWidget

from slideshow.imaging.pipeline import PictureKey, PicturePipeline
from slideshow.render.geometry import Box
from slideshow.render.painter import SlideView, decode_box
from slideshow.ui.controller import ShowController

__all__ = ["PhotoKeys"]

MEMO_SIZE = 64  # a handful of slides at a handful of sizes at a time


class PhotoKeys:
    def __init__(self, window: QWidget, controller: ShowController, pipeline: PicturePipeline) -> None:
        self._window = window
        self._controller = controller
        self._pipeline = pipeline
        self._memo: dict[tuple[object, ...], PictureKey] = {}

    def key(self, index: int, caption_size: int, *, now: bool = True) -> PictureKey | None | Literal[False]:
        """Slide ``index``'s key (None for a text slide) with the captions at ``caption_size`` percent.
        Unless ``now``, False when that would mean reading the photo's header or laying the slide out."""
        controller = self._controller
        deck = controller.deck
        slides = deck.slides
        image = slides[index].image if 0 <= index < len(slides) else None
        if image is None:
            return None
        ratio = self._window.devicePixelRatioF()
        area = Box(0, 0, self._window.width() * ratio, self._window.height() * ratio)
        photo = self._pipeline.photo_size(image, deck.folder, read=now)
        if photo is False:
            return False
        hidden = controller.captions_hidden
        memo = (index, slides[index], len(slides), area, photo, caption_size, hidden, deck.settings)
        key = self._memo.get(memo)
        if key is None and not now:
            return False
        if key is None:
            if not isinstance(photo, tuple):  # not readable before decoding: the whole window
                width, height = max(1, round(area.width)), max(1, round(area.height))
            else:
                view = SlideView.of(deck, index, caption_scale=caption_size / 100, captions_hidden=hidden)
                width, height = decode_box(area, view, photo)
            key = PictureKey(image, width, height, deck.settings.fit, deck.folder)
            if len(self._memo) > MEMO_SIZE:
                self._memo.clear()
            self._memo[memo] = key
        return key
