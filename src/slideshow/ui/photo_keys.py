"""The pictures a window asks for, slide by slide: the photo's box in the slide's layout, in device pixels.

The layout is the painting function's own (:func:`slideshow.render.painter.decode_box`), laid out with
the photo's size read before it is decoded, so the picture arrives at the size it is drawn and a paint
copies it 1:1. Laying a slide out sets its caption's text, a few milliseconds on a 4K screen: keys are
kept per slide, size and caption setting, and a neighbour's may wait until after the paint
(:class:`PictureRequests`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from slideshow.core.player import PlayState
from slideshow.imaging.pipeline import PictureKey, PicturePipeline
from slideshow.render.geometry import Box
from slideshow.render.painter import SlideView, decode_box
from slideshow.ui.controller import ShowController

__all__ = ["PhotoKeys", "PictureRequests"]

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


class PictureRequests:
    """What a window asks its pipeline for: the current slide's picture, then its neighbours'.

    ``caption_size`` is the window's caption size now (percent); ``after_next_paint(work)`` runs ``work``
    once the window's next frame is painted, which is when neighbours not laid out yet are laid out."""

    def __init__(
        self,
        keys: PhotoKeys,
        controller: ShowController,
        pipeline: PicturePipeline,
        caption_size: Callable[[], int],
        after_next_paint: Callable[[Callable[[], None]], None],
    ) -> None:
        self._keys = keys
        self._controller = controller
        self._pipeline = pipeline
        self._caption_size = caption_size
        self._after_next_paint = after_next_paint
        self._pending = False
        self.requested: PictureKey | None = None  # the current slide's key as last asked for

    def key(self, index: int) -> PictureKey | None:
        """Slide ``index``'s picture for the box its layout gives the photo; None for a text slide."""
        key = self._keys.key(index, self._caption_size())
        return key if key is not False else None  # never False: laid out now

    def ask(self) -> QImage | None:
        """Asks for the current slide's picture and its neighbours'; the picture if it is cached."""
        self.requested = self.key(self._controller.index)
        return self._pipeline.request(self.requested, self._neighbours(now=False))

    def _neighbours(self, *, now: bool) -> list[PictureKey]:
        """The neighbours' keys; unless ``now``, those laid out already, the rest after the paint: a
        neighbour's layout must not delay the picture the key press asked for."""
        keys: list[PictureKey] = []
        for index in self._neighbour_indexes():
            key = self._keys.key(index, self._caption_size(), now=now)
            if key is False and not self._pending:
                self._pending = True
                self._after_next_paint(self._ask_for_the_rest)
            elif isinstance(key, PictureKey):
                keys.append(key)
        return keys

    def _ask_for_the_rest(self) -> None:
        self._pending = False
        self._pipeline.request(self.requested, self._neighbours(now=True))

    def _neighbour_indexes(self) -> list[int]:
        """Autoplay only goes forward (and wraps when it loops); a presenter may go either way."""
        controller = self._controller
        index, count = controller.index, len(controller.deck.slides)
        if controller.player.state is PlayState.PLAYING:
            return [(index + 1) % count, (index + 2) % count]
        return [index + 1, index - 1]
