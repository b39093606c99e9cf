"""Zoom on the audience window: Z, Ctrl + wheel, pinch, drag and Shift + arrows, and the sharp region.

The zoomed view itself is plain arithmetic (:class:`slideshow.core.zoom.ZoomView`) kept by the controller,
so the presenter console shows the same region. Here the gestures become views, and the region in view is
asked of a pipeline of its own, decoded from the original at the resolution the screen needs; until it
arrives the fitted picture is shown enlarged. An event filter installed after the window's pointer
input, so a Ctrl + wheel or a drag on a zoomed photo never also turns the slide.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent, QNativeGestureEvent, QPixmap, QWheelEvent
from PySide6.QtWidgets import QWidget

from slideshow.core.keymap import PAN_KEYS, Action, Command
from slideshow.core.zoom import Region, ZoomView
from slideshow.deck.model import Fit
from slideshow.imaging.picture import photo_size
from slideshow.imaging.pipeline import PictureKey, PicturePipeline
from slideshow.render.zoomed import PictureOfRegion, ZoomPaint
from slideshow.ui.controller import ShowController

__all__ = ["PhotoZoom", "mirrored"]

#: One wheel notch (120 eighths of a degree) zooms by this factor.
NOTCH_FACTOR = 1.25

#: Shift + arrow key -> (right, down) step.
_STEPS = dict(zip(PAN_KEYS, ((-1, 0), (1, 0), (0, -1), (0, 1)), strict=True))


def _quantized(region: Region) -> Region:
    """The region rounded so that the same view always asks for the same key."""
    return (round(region[0], 6), round(region[1], 6), round(region[2], 6), round(region[3], 6))


def mirrored(
    view: ZoomView | None, picture: QImage | QPixmap | None, box: tuple[float, float], fit: Fit
) -> ZoomPaint | None:
    """The audience's zoomed view drawn from ``picture``, this window's fitted picture for a ``box`` of
    device pixels (the console's current slide)."""
    if view is None or picture is None or picture.isNull():
        return None
    fitted = ZoomView.fitted(view.photo, box, fit).region()
    return ZoomPaint(view.region(), view.photo[0] / view.photo[1], (PictureOfRegion(picture, fitted),))


class PhotoZoom(QObject):
    def __init__(
        self,
        window: QWidget,
        controller: ShowController,
        pipeline: PicturePipeline,
        current_key: Callable[[], PictureKey | None],
    ) -> None:
        """``pipeline`` is the window's own: the fitted picture of the current slide is read from it, under
        ``current_key`` (the key the window asks for, at the size of the photo's box)."""
        super().__init__(window)
        self._window = window
        self._controller = controller
        self._pipeline = pipeline
        self._current_key = current_key
        self._details = PicturePipeline(cache_bytes=self._detail_bytes(), threads=1, parent=self)
        self._wanted: PictureKey | None = None
        self._detail: PictureOfRegion | None = None
        self._detail_path: object = None
        self._pointer: QPointF | None = None
        self._dragged_from: QPointF | None = None
        controller.zoom_requested.connect(self._on_command)
        controller.zoom_changed.connect(self._on_zoom_changed)
        self._details.picture_ready.connect(self._on_detail)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._details.shutdown)
        window.installEventFilter(self)

    @property
    def details(self) -> PicturePipeline:
        """Decodes the region in view (tests and benchmarks wait on its ``picture_ready``)."""
        return self._details

    @property
    def detail(self) -> PictureOfRegion | None:
        """The sharp picture of (part of) the region in view, once decoded."""
        return self._detail

    def _detail_bytes(self) -> int:
        ratio = self._window.devicePixelRatioF()
        screen = self._window.screen()
        size = screen.size() if screen is not None else self._window.size()
        return max(16 * 2**20, round(3 * 4 * size.width() * size.height() * ratio * ratio))

    # --- the current photo -----------------------------------------------------------------------------

    def _box(self) -> tuple[float, float]:
        ratio = self._window.devicePixelRatioF()
        return self._window.width() * ratio, self._window.height() * ratio

    def _view(self) -> ZoomView | None:
        """The view now: the controller's, or the fitted one of the current photo once a picture of it is here
        (at any size: after a resize, the old one tells the photo's size while the new one decodes)."""
        key = self._current_key()
        picture = self._pipeline.cached(key) if key is not None else None
        if picture is None and key is not None:
            picture = self._pipeline.stand_in(key)  # a new size still decoding: the photo is the same
        photo = photo_size(picture) if picture is not None else None
        if key is None or photo is None:
            return None  # a text slide, or the picture is not here yet: nothing to zoom
        current = self._controller.zoom
        if current is not None and current.photo == photo and current.box == self._box():
            return current
        return ZoomView.fitted(photo, self._box(), key.fit)

    def _set(self, view: ZoomView) -> None:
        self._controller.set_zoom(None if view.is_fitted else view)

    def _device(self, point: QPointF) -> tuple[float, float]:
        ratio = self._window.devicePixelRatioF()
        return point.x() * ratio, point.y() * ratio

    # --- gestures --------------------------------------------------------------------------------------

    def _on_command(self, command: Command) -> None:
        view = self._view()
        if view is None:
            return
        if command.action is Action.ZOOM:
            self._set(view.toggled(self._device(self._pointer) if self._pointer is not None else None))
        elif command.key in _STEPS:
            self._set(view.stepped(*_STEPS[command.key]))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Wheel and isinstance(event, QWheelEvent):
            self._pointer = event.position()
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                notches = event.angleDelta().y() / 120
                self._zoom_by(NOTCH_FACTOR**notches, event.position())
                return True
        elif kind == QEvent.Type.NativeGesture and isinstance(event, QNativeGestureEvent):
            if event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
                self._zoom_by(1 + event.value(), event.position())
                return True
        elif kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            self._pointer = event.position()
            if self._dragged_from is not None:
                view = self._view()
                if view is not None:
                    dx, dy = self._device(self._dragged_from - event.position())
                    self._set(view.panned(dx, dy))
                self._dragged_from = event.position()
                return True
        elif kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            self._pointer = event.position()
            if event.button() == Qt.MouseButton.LeftButton and self._controller.zoom is not None:
                self._dragged_from = event.position()  # a zoomed photo is dragged, not clicked on
                return True
        elif kind == QEvent.Type.MouseButtonRelease and self._dragged_from is not None:
            self._dragged_from = None
            return True
        elif kind == QEvent.Type.Leave:
            self._pointer = None
        elif kind == QEvent.Type.Resize:
            self._controller.set_zoom(None)  # a new size (full screen on or off) starts from the whole photo
        return False

    def _zoom_by(self, factor: float, anchor: QPointF) -> None:
        view = self._view()
        if view is not None:
            self._set(view.zoomed(factor, self._device(anchor)))

    # --- the sharp region ------------------------------------------------------------------------------

    def _on_zoom_changed(self) -> None:
        view = self._controller.zoom
        image = self._controller.slide.image
        if view is None or image is None:
            self._wanted = None
            self._detail = None
            self._details.request(None)
            self._window.update()
            return
        if image != self._detail_path:
            self._detail, self._detail_path = None, image
        region = _quantized(view.region())
        _, _, dest_w, dest_h = view.dest()
        region_w, region_h = view.region_pixels()
        # Never more pixels than the photo has: beyond 100 % the painter enlarges the region smoothly.
        width, height = min(round(dest_w), region_w), min(round(dest_h), region_h)
        folder = self._controller.deck.folder  # the region is read under the same folder rule
        self._wanted = PictureKey(image, max(1, width), max(1, height), Fit.CONTAIN, folder, region)
        ready = self._details.request(self._wanted)
        if ready is not None:
            self._detail = PictureOfRegion(ready, region)
        self._window.update()

    def _on_detail(self, key: PictureKey, image: QImage) -> None:
        if key == self._wanted and key.region is not None:
            self._detail = PictureOfRegion(image, key.region)
            self._window.update()

    def paint(self, picture: QImage | QPixmap | None) -> ZoomPaint | None:
        """What the window paints for the current slide, given its fitted ``picture``; None unzoomed."""
        view = self._controller.zoom
        zoom = mirrored(view, picture, view.box, view.fit) if view is not None else None
        if zoom is not None and self._detail is not None:
            zoom = replace(zoom, pictures=(*zoom.pictures, self._detail))
        return zoom
