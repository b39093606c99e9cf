"""The crash-loop message: a full-screen window with a few lines of text, instead of a flapping viewer.

The supervisor runs it as ``slideshow show --kiosk-message TEXT`` and ends it when the back-off is over.
Only Ctrl+Shift+Q closes it (exit code USER_QUIT, which ends the supervisor too).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel

from slideshow.core.keymap import KIOSK_EXIT_KEY
from slideshow.kiosk.exit_codes import USER_QUIT
from slideshow.ui.application import widget_application
from slideshow.ui.keys import key_name


class MessageWindow(QLabel):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setWindowTitle("Slideshow: stopped")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setStyleSheet("background: black; color: white; padding: 10%;")
        font = QFont(self.font())
        font.setPointSize(22)
        self.setFont(font)
        self.setCursor(Qt.CursorShape.BlankCursor)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if key_name(event.key(), event.modifiers()) == KIOSK_EXIT_KEY:  # as the kiosk viewer names it
            QApplication.exit(USER_QUIT)

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()  # like the kiosk: only the exit chord


def show_message(text: str) -> int:
    app = widget_application()
    window = MessageWindow(text)
    screen = QGuiApplication.primaryScreen()
    window.setGeometry(screen.geometry())  # no window manager on a kiosk: size it first
    window.showFullScreen()
    return int(app.exec())
