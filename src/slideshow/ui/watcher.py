"""Watches a deck file and its pictures while the show runs, so an edit appears on screen by itself.

Many editors save by writing a new file and renaming it over the old one; the watcher then loses the old
file, so it also watches the deck's folder and adds every path back after each change. Changes arrive
in bursts (write, chmod, rename), so they are gathered for a moment and the deck is loaded once.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from slideshow.deck import LoadResult, load_deck
from slideshow.deck.model import Deck
from slideshow.imaging.job import Stamp, file_stamp

log = logging.getLogger(__name__)
SETTLE_MS = 150
ABSENT_POLL_MS = 2000  # while the deck file is gone (removable media pulled), look for it this often


class DeckWatcher(QObject):
    reloaded = Signal(object)  # LoadResult of the changed deck file (deck None when the edit broke it)
    pictures_changed = Signal()  # a picture file changed: its slide shows the new version when next drawn

    def __init__(self, deck: Deck, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._deck_file = deck.path
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_change)
        self._watcher.directoryChanged.connect(self._on_change)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._reload)
        # A vanished folder leaves the watch list, so nothing would tell us it came back: poll meanwhile.
        self._absent = QTimer(self)
        self._absent.setSingleShot(True)
        self._absent.setInterval(ABSENT_POLL_MS)
        self._absent.timeout.connect(self._reload)
        self._deck_stamp = file_stamp(self._deck_file)
        self._pictures: dict[Path, Stamp] = {}
        self._watch(deck)

    def _watch(self, deck: Deck) -> None:
        pictures = {s.image for s in deck.slides if s.image is not None}
        self._pictures = {path: file_stamp(path) for path in pictures}
        folders = {self._deck_file.parent} | {path.parent for path in pictures}
        wanted = {str(p) for p in (self._deck_file, *pictures, *folders) if p.exists()}
        current = set(self._watcher.files()) | set(self._watcher.directories())
        if current - wanted:
            self._watcher.removePaths(sorted(current - wanted))
        if wanted - current:
            self._watcher.addPaths(sorted(wanted - current))

    def _on_change(self, _path: str) -> None:
        self._settle.start()

    def _reload(self) -> None:
        deck_stamp = file_stamp(self._deck_file)
        if deck_stamp != self._deck_stamp:
            self._deck_stamp = deck_stamp
            result: LoadResult = load_deck(self._deck_file)
            outcome = "reloaded" if result.deck else "broken, keeping the last good one"
            log.info("deck changed on disk: %s", outcome)
            if result.deck is not None:
                self._watch(result.deck)
            self.reloaded.emit(result)
        stamps = {path: file_stamp(path) for path in self._pictures}
        if stamps != self._pictures:
            self._pictures = stamps
            self.pictures_changed.emit()
        self._rewatch_replaced_files()
        if deck_stamp is None:
            self._absent.start()

    def _rewatch_replaced_files(self) -> None:
        """A file replaced by rename has left the watch list; put it back."""
        watched = set(self._watcher.files())
        missing = [str(p) for p in (self._deck_file, *self._pictures) if p.exists() and str(p) not in watched]
        if missing:
            self._watcher.addPaths(missing)
