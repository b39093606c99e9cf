"""What the show says in passing: a short message, and the slide number being typed ("Go to 12")."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from slideshow.core.keymap import KeyInterpreter

NOTICE_MS = 2500
DIGITS_MS = 3000  # without a console, a typed number nobody completes leaves the audience's screen


class Notices(QObject):
    """The notice the windows show: the number being typed wins over a message, which goes by itself
    after ``NOTICE_MS``. Without a console a half-typed number goes by itself too, after ``DIGITS_MS``,
    rather than stay on the projector; with one it waits for the presenter.

    ``changed`` says that the notice went by itself; the controller announces the changes it makes.
    """

    changed = Signal()

    def __init__(self, keys: KeyInterpreter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._keys = keys
        self._message: str | None = None
        self._digits_wait_for_presenter = False
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(self._message_gone)
        self._digits_timer = QTimer(self)
        self._digits_timer.setSingleShot(True)
        self._digits_timer.timeout.connect(self._forget_digits)

    @property
    def text(self) -> str | None:
        if self._keys.pending_digits:
            return f"Go to {self._keys.pending_digits}"
        return self._message

    def say(self, message: str) -> None:
        """``message`` for ``NOTICE_MS``, in place of any before it."""
        self._message = message
        self._message_timer.start(NOTICE_MS)

    def key_pressed(self) -> None:
        """After every key: a number still being typed has ``DIGITS_MS`` more (without a console)."""
        if self._keys.pending_digits and not self._digits_wait_for_presenter:
            self._digits_timer.start(DIGITS_MS)

    def wait_for_presenter(self) -> None:
        """A console shows the typed number from now on: it stays until the presenter completes it."""
        self._digits_wait_for_presenter = True
        self._digits_timer.stop()

    def _message_gone(self) -> None:
        before = self.text
        self._message = None
        if self.text != before:
            self.changed.emit()

    def _forget_digits(self) -> None:
        if not self._digits_wait_for_presenter and self._keys.pending_digits:
            self._keys.reset()
            self.changed.emit()
