"""Putting a window on a screen: full screen with or without a window manager, and moving between screens
(the audience window, the console, a kiosk; the presenter's swap)."""

from __future__ import annotations

from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QWidget


def fill_screen(widget: QWidget, screen: QScreen) -> None:
    """Shows ``widget`` full screen on ``screen``.

    Without a window manager (a kiosk's bare X server) showFullScreen() alone leaves a window at its old
    size and place, so it is given the screen's geometry first, which is also right with one.
    """
    widget.setScreen(screen)
    widget.setGeometry(screen.geometry())
    widget.showFullScreen()


def place_centred(widget: QWidget, screen: QScreen, share: float = 0.8) -> None:
    """Puts ``widget`` on ``screen`` as a large normal window: ``share`` of the room the screen leaves
    windows, in its middle."""
    widget.setScreen(screen)
    available = screen.availableGeometry()
    width, height = round(available.width() * share), round(available.height() * share)
    widget.setGeometry(
        available.x() + (available.width() - width) // 2,
        available.y() + (available.height() - height) // 2,
        width,
        height,
    )


def move_to_screen(widget: QWidget, screen: QScreen) -> None:
    """Moves ``widget`` to ``screen``: full screen there if it was, else at the same size, centred."""
    if widget.isFullScreen():
        widget.showNormal()
        fill_screen(widget, screen)
        return
    widget.setScreen(screen)
    frame = widget.geometry()
    frame.moveCenter(screen.availableGeometry().center())
    widget.setGeometry(frame)
