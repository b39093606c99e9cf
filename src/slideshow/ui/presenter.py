"""The presenter console: the current and next slide, the notes, the time, on the presenter's own screen.

It follows the same controller as the audience window, so the two can never disagree; every key works in
either. The audience window never draws notes; this one is the only place they appear.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QDateTime, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QColor, QImage, QKeyEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from slideshow.core.keymap import KEY_TABLE, Action
from slideshow.core.player import Blank, PlayState
from slideshow.core.stopwatch import clock_text
from slideshow.imaging.pipeline import PictureKey, PicturePipeline
from slideshow.render.fonts import font
from slideshow.render.overlays import paint_help
from slideshow.render.painter import SlideView, paint_slide
from slideshow.render.text import layout_text
from slideshow.ui.controller import ShowController
from slideshow.ui.keys import key_name
from slideshow.ui.memory import NOTES_SCALE_RANGE, DeckMemory, within
from slideshow.ui.overlay_keys import Overlays
from slideshow.ui.overview import OverviewGrid

BACKGROUND = QColor("#11161d")
PANEL = QColor("#1b232d")
TEXT = QColor("#eef1f4")
MUTED = QColor("#9aa4ae")
ACCENT = QColor("#f2c14e")
WARNING = QColor("#e05555")
REFRESH_MS = 250
NOTES_STEP = 1.15


class PresenterConsole(QWidget):
    def __init__(
        self,
        controller: ShowController,
        pipeline: PicturePipeline,
        thumbnails: PicturePipeline,
        memory: DeckMemory | None = None,
    ) -> None:
        super().__init__()
        self._controller = controller
        self._pipeline = pipeline
        self._memory = memory
        self._notes_scale = memory.notes_scale if memory is not None else 1.0
        self._may_close = False
        self.setWindowTitle(f"Presenter — {controller.deck.title}")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(480, 300)
        self._overview = OverviewGrid(controller, thumbnails, self)
        self._overview.closed.connect(self.setFocus)
        self._overlays = Overlays(self._overview, self.update)
        self._refresh = QTimer(self)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self.update)
        self._refresh.start()
        controller.changed.connect(self.sync)
        pipeline.picture_ready.connect(self._on_picture)
        pipeline.picture_failed.connect(self._on_picture)
        if memory is not None and (geometry := memory.console_geometry()) is not None:
            self.restoreGeometry(geometry)

    # --- what the console shows --------------------------------------------------------------------------

    @property
    def notes_scale(self) -> float:
        return self._notes_scale

    @property
    def help_visible(self) -> bool:
        return self._overlays.help

    @property
    def overview(self) -> OverviewGrid:
        return self._overview

    def allow_close(self) -> None:
        self._may_close = True

    def _areas(self) -> tuple[QRectF, QRectF, QRectF, QRectF]:
        """Status bar, current slide, next slide, notes: proportions of the console's own size."""
        w, h = float(self.width()), float(self.height())
        pad = round(h * 0.02)
        bar = QRectF(0, 0, w, round(h * 0.08))
        left_w = (w - 3 * pad) * 0.6
        current = QRectF(pad, bar.bottom() + pad, left_w, left_w * 9 / 16)
        right_x = current.right() + pad
        right_w = w - right_x - pad
        upcoming = QRectF(right_x, current.y(), right_w, right_w * 9 / 16)
        notes_top = max(current.bottom(), upcoming.bottom()) + pad
        if upcoming.bottom() + pad < current.bottom():  # room beside the current slide: notes go there
            notes = QRectF(right_x, upcoming.bottom() + pad, right_w, h - upcoming.bottom() - 2 * pad)
        else:
            notes = QRectF(pad, notes_top, w - 2 * pad, h - notes_top - pad)
        return bar, current, upcoming, notes

    def _key(self, index: int, box: QRectF) -> PictureKey | None:
        slides = self._controller.deck.slides
        if not 0 <= index < len(slides) or slides[index].image is None:
            return None
        path = slides[index].image
        assert path is not None
        fit = self._controller.deck.settings.fit
        return PictureKey.for_box(path, box.width(), box.height(), self.devicePixelRatioF(), fit)

    def sync(self) -> None:
        _, current, upcoming, _ = self._areas()
        index = self._controller.index
        self.setWindowTitle(f"Presenter — {self._controller.deck.title}")
        self._pipeline.request(
            self._key(index, current),
            [k for k in (self._key(index + 1, upcoming), self._key(index + 2, upcoming)) if k],
        )
        self.update()

    def _on_picture(self, _key: object, _result: object) -> None:
        self.update()

    def _view(self, index: int, box: QRectF) -> SlideView | None:
        deck = self._controller.deck
        if not 0 <= index < len(deck.slides):
            return None
        key = self._key(index, box)
        picture: QImage | None = self._pipeline.cached(key) if key is not None else None
        problem = self._pipeline.failure(key) if key is not None and picture is None else None
        return SlideView.of(deck, index, picture=picture, problem=problem)

    # --- painting ----------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.fillRect(self.rect(), BACKGROUND)
        bar, current, upcoming, notes = self._areas()
        controller = self._controller
        index = controller.index
        self._paint_status(painter, bar)
        now_view = self._view(index, current)
        if now_view is not None:
            paint_slide(painter, current, now_view)
        if controller.blank is not Blank.NONE:  # what the audience sees right now
            painter.fillRect(
                current,
                QColor(0, 0, 0, 170) if controller.blank is Blank.BLACK else QColor(255, 255, 255, 150),
            )
        next_view = self._view(index + 1, upcoming)
        label_px = max(9, round(self.height() * 0.022))
        if next_view is not None:
            paint_slide(painter, upcoming, next_view)
            self._text(
                painter,
                QRectF(upcoming.x(), upcoming.y() - label_px * 1.3, upcoming.width(), label_px),
                "Next",
                label_px,
                MUTED,
            )
        else:
            painter.fillRect(upcoming, PANEL)
            self._text(
                painter,
                upcoming.adjusted(label_px, label_px, -label_px, 0),
                "End of the show",
                label_px,
                MUTED,
            )
        painter.fillRect(notes, PANEL)
        notes_text = controller.slide.notes or "No notes for this slide."
        notes_px = max(8, round(self.height() * 0.034 * self._notes_scale))
        self._text(
            painter,
            notes.adjusted(label_px, label_px * 0.6, -label_px, 0),
            notes_text,
            notes_px,
            TEXT if controller.slide.notes else MUTED,
        )
        if controller.banner:
            banner = QRectF(0, bar.bottom(), self.width(), label_px * 2.2)
            painter.fillRect(banner, WARNING)
            self._text(
                painter,
                banner.adjusted(label_px, label_px * 0.5, -label_px, 0),
                controller.banner,
                label_px,
                TEXT,
            )
        if self._overlays.help:
            paint_help(painter, QRectF(self.rect()), KEY_TABLE)
        painter.end()

    def _paint_status(self, painter: QPainter, bar: QRectF) -> None:
        controller = self._controller
        now = time.monotonic()
        px = max(9, round(bar.height() * 0.42))
        parts = [f"Slide {controller.index + 1} of {len(controller.deck.slides)}"]
        watch = controller.stopwatch
        parts.append(f"Elapsed {clock_text(watch.elapsed(now))}" + ("" if watch.running else " (paused)"))
        parts.append(QDateTime.currentDateTime().toString("HH:mm"))
        state = controller.player.state
        if state is PlayState.PLAYING:
            left = controller.player.time_left(now)
            parts.append("Autoplay" + (f" · {left:.0f} s left" if left is not None else ""))
        elif state is PlayState.PAUSED:
            parts.append("Autoplay paused")
        painter.fillRect(bar, PANEL)
        self._text(
            painter, bar.adjusted(px, (bar.height() - px * 1.2) / 2, -px, 0), "    ".join(parts), px, TEXT
        )
        if controller.blank is not Blank.NONE:
            tag = "BLACK" if controller.blank is Blank.BLACK else "WHITE"
            tag_rect = QRectF(
                bar.right() - px * 6, bar.y() + bar.height() * 0.2, px * 5.2, bar.height() * 0.6
            )
            painter.fillRect(tag_rect, ACCENT)
            self._text(
                painter,
                tag_rect.adjusted(px * 0.5, bar.height() * 0.08, 0, 0),
                tag,
                round(px * 0.8),
                QColor("#000000"),
            )

    @staticmethod
    def _text(painter: QPainter, rect: QRectF, text: str, px: int, colour: QColor) -> None:
        layout, _ = layout_text(text, font(px), max(rect.width(), 1.0), Qt.AlignmentFlag.AlignLeft)
        painter.save()
        painter.setClipRect(rect.adjusted(0, 0, 0, max(rect.height(), 0)))
        painter.setPen(colour)
        layout.draw(painter, QPointF(rect.x(), rect.y()))
        painter.restore()

    # --- keys and window events --------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        name = key_name(event.key(), event.modifiers())
        if name is not None:
            self._overlays.route(name, lambda key: self._controller.press(key, self._window_action))

    def _window_action(self, action: Action) -> None:
        if self._overlays.carry_out(action, self._controller.index):
            return
        if action in (Action.BIGGER, Action.SMALLER):
            factor = NOTES_STEP if action is Action.BIGGER else 1 / NOTES_STEP
            self._notes_scale = within(self._notes_scale * factor, NOTES_SCALE_RANGE)
            if self._memory is not None:
                self._memory.notes_scale = self._notes_scale
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if self._overview.isVisible():
            self._overview.setGeometry(self.rect())
        self.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """Closing the console ends the show (the presenter's way out), unless told otherwise."""
        if self._memory is not None:
            self._memory.set_console_geometry(self.saveGeometry())
        if self._may_close:
            event.accept()
        else:
            event.ignore()
            self._controller.quit_requested.emit()
