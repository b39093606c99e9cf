"""The one QApplication of a show, typed as such.

``QApplication.instance()`` is typed as the QCoreApplication it may be; the show needs the widget
application's signals (screens, icon, quitting), so every window-side caller asks here.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication


def widget_application() -> QApplication:
    """The running QApplication, started now if there is none (tests start theirs first)."""
    existing = QApplication.instance()
    if existing is None:
        return QApplication(sys.argv[:1])
    if not isinstance(existing, QApplication):
        raise RuntimeError("a show needs a QApplication, not a QCoreApplication")
    return existing
