"""The naive baseline: what a first Qt photo viewer does. No cache, no prefetch, no worker threads.

``QPixmap(path)`` decodes the whole photo on the GUI thread, then it is scaled to the window with
smooth scaling on every key press. Used in-process by ``keypress.py`` and ``memory.py`` and started as a
program by ``startup.py``:

    python benchmarks/naive_viewer.py PHOTO [PHOTO ...] [--quit-after-first-frame]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QApplication, QWidget


class NaiveViewer(QWidget):
    slide_changed = Signal(int)
    picture_shown = Signal(int)

    def __init__(self, photos: list[Path]) -> None:
        super().__init__()
        self._photos = photos
        self._index = 0
        self._pixmap: QPixmap | None = None
        self._shown = -1
        self.setWindowTitle("naive viewer")

    def show_full_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        self.setGeometry(screen.geometry())  # no window manager under Xvfb: size it ourselves
        self._load()
        self.showFullScreen()

    def _load(self) -> None:
        pixmap = QPixmap(str(self._photos[self._index]))
        self._pixmap = pixmap.scaled(
            self.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Right and self._index + 1 < len(self._photos):
            self._index += 1
            self.slide_changed.emit(self._index)
            self._load()
            self.update()
        elif event.key() == Qt.Key.Key_Q:
            QApplication.quit()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.black)
        if self._pixmap is not None:
            box = QRect(0, 0, self._pixmap.width(), self._pixmap.height())
            box.moveCenter(self.rect().center())
            painter.drawPixmap(box, self._pixmap)
        painter.end()
        if self._pixmap is not None and self._shown != self._index:
            self._shown = self._index
            self.picture_shown.emit(self._index)


def main() -> int:
    args = [a for a in sys.argv[1:] if a != "--quit-after-first-frame"]
    app = QApplication(sys.argv[:1])
    viewer = NaiveViewer([Path(a) for a in args])
    if "--quit-after-first-frame" in sys.argv:
        viewer.picture_shown.connect(lambda _: QTimer.singleShot(0, app.quit))  # after the flush
    viewer.show_full_screen()
    code = app.exec()
    sys.stdout.flush()
    os._exit(code)  # as the viewer's own option does: the measurement ends with the first frame


if __name__ == "__main__":
    sys.exit(main())
