"""Painting without a window: the exporters (PNG, PDF handout) need a QGuiApplication, never a display."""

from __future__ import annotations

import os

from PySide6.QtGui import QGuiApplication


def ensure_gui_application() -> QGuiApplication:
    """Exports never need a display: without an application yet, Qt is started on its offscreen platform."""
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QGuiApplication(["slideshow"])
