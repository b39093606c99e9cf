"""Qt's chatter is for --debug, but a message that says why the show cannot go on reaches the user."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import qCritical, qWarning

from slideshow.quiet import qt_messages_logged


def test_qt_warnings_are_for_debug_and_critical_messages_for_the_user(
    qapp: object, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="slideshow.qt")
    with qt_messages_logged():
        qWarning("a corrupt JPEG marker")
        qCritical("the display went away")
    levels = {record.args[1]: record.levelno for record in caplog.records if isinstance(record.args, tuple)}
    assert levels == {"a corrupt JPEG marker": logging.DEBUG, "the display went away": logging.ERROR}
