"""Watches a deck file and its pictures while the show runs, so an edit appears on screen by itself.

Many editors save by writing a new file and renaming it over the old one; the watcher then loses the old
file, so every changed path is armed again at once, and the deck's folder is watched too. Changes arrive
in bursts (write, chmod, rename), so they are gathered for a moment and the deck is looked at once.

The look itself (reading and validating the deck, a stat of every picture: a quarter of a second for
10,000 slides) runs on a thread of its own, never on the GUI thread, so a reload never freezes the
screen; the GUI thread only takes the finished :class:`Look`. One look runs at a time; changes that
arrive meanwhile earn one more look when it is done.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import sys
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer, Signal

from slideshow.deck import LoadResult, load_deck
from slideshow.deck.model import Deck, Slide
from slideshow.imaging.job import Stamp, file_stamp

log = logging.getLogger(__name__)
SETTLE_MS = 150
ABSENT_POLL_MS = 2000  # while the deck file is gone (removable media pulled), look for it this often
LOOK_SWITCH_SECONDS = 0.0005  # while a look runs, the GUI thread waits this long for the interpreter
AFTER_REPAINT_MS = 30  # the rest of a reload waits until the show has repainted with the new deck
FREED_PER_TURN = 1000  # slides of a replaced deck freed per turn of the event loop (about 1 ms)


@dataclass(frozen=True)
class Look:
    """What one look at the disk found, made off the GUI thread."""

    deck_stamp: Stamp
    result: LoadResult | None  # the deck file read again, when it changed since the last look
    pictures: Mapping[Path, Stamp]  # every picture of the deck shown from now on, and its stamp
    pictures_changed: bool  # a picture of the same deck changed (not told after a reload)
    present: frozenset[str]  # the paths to watch (deck file, pictures, their folders) that exist


def look(deck_file: Path, known: Stamp, pictures: Mapping[Path, Stamp]) -> Look:
    """Reads the deck again if its stamp is no longer ``known``, and stamps every picture (``pictures``
    holds the stamps seen before). Slow for a big deck, so it runs off the GUI thread; never raises."""
    deck_stamp = file_stamp(deck_file)
    result = None
    paths: Iterable[Path] = pictures
    if deck_stamp != known:
        result = load_deck(deck_file)
        if result.deck is not None:
            paths = {s.image for s in result.deck.slides if s.image is not None}
    stamps = {path: file_stamp(path) for path in paths}
    reloaded = result is not None and result.deck is not None
    folders = {deck_file.parent} | {path.parent for path in stamps}
    present = [str(path) for path, stamp in stamps.items() if stamp is not None]
    present += [str(folder) for folder in folders if os.path.isdir(folder)]
    if deck_stamp is not None:
        present.append(str(deck_file))
    return Look(deck_stamp, result, stamps, not reloaded and stamps != pictures, frozenset(present))


def look_without_collecting(deck_file: Path, known: Stamp, pictures: Mapping[Path, Stamp]) -> Look:
    """:func:`look`, run so that the GUI thread hardly notices, though both need the interpreter lock.

    - A 10,000-slide deck is 30,000 objects Python's cycle collector tracks. Made in one go, they set
      off full collections (40 ms here) that hold the lock however the work is split between threads.
      The collector pauses while the deck is made, and what is alive at the end (the new deck above
      all) is frozen: left out of later collections. A replaced deck still goes by reference counting
      (decks hold no cycles).
    - The lock changes hands every 0.5 ms instead of 5 ms meanwhile, so the GUI thread waits that long
      at most for it.
    """
    was_enabled, switch = gc.isenabled(), sys.getswitchinterval()
    gc.disable()
    sys.setswitchinterval(LOOK_SWITCH_SECONDS)
    try:
        return look(deck_file, known, pictures)
    finally:
        sys.setswitchinterval(switch)
        gc.freeze()
        if was_enabled:
            gc.enable()


class _Courier(QObject):
    """Carries a look from its thread to the GUI thread (emitted there, delivered queued)."""

    arrived = Signal(object)  # Look


class DeckWatcher(QObject):
    reloaded = Signal(object)  # LoadResult of the changed deck file (deck None when the edit broke it)
    pictures_changed = Signal()  # a picture file changed: its slide shows the new version when next drawn

    def __init__(self, deck: Deck, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._deck_file = deck.path
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._file_changed)
        self._watcher.directoryChanged.connect(self._folder_changed)
        self._watched: set[str] = set()  # what the QFileSystemWatcher watches (asking it costs more)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._look)
        # A vanished folder leaves the watch list, so nothing would tell us it came back: poll meanwhile.
        self._absent = QTimer(self)
        self._absent.setSingleShot(True)
        self._absent.setInterval(ABSENT_POLL_MS)
        self._absent.timeout.connect(self._look)
        self._courier = _Courier(self)
        self._courier.arrived.connect(self._arrived, Qt.ConnectionType.QueuedConnection)
        self._looking = False  # a look is running on its thread, or its result is being taken in
        self._again = False  # something changed meanwhile
        self._arriving: Look | None = None  # a look's result, half taken in
        self._shown = deck  # the deck the show has from this watcher
        self._retired: list[Slide] = []  # slides the show has let go of, freed a few at a time
        self._deck_stamp = file_stamp(self._deck_file)
        pictures = dict.fromkeys(slide.image for slide in deck.slides if slide.image is not None)
        first = look(self._deck_file, self._deck_stamp, pictures)  # at start-up, beside the deck's loading
        self._pictures = first.pictures
        self._watch(first.present)

    def _watch(self, wanted: frozenset[str]) -> None:
        """Watches exactly ``wanted`` (less what the system refuses: it is asked again next time)."""
        if self._watched - wanted:
            self._watcher.removePaths(sorted(self._watched - wanted))
        refused = self._watcher.addPaths(sorted(wanted - self._watched)) if wanted - self._watched else []
        self._watched = set(wanted).difference(refused)

    def _file_changed(self, path: str) -> None:
        """A file replaced by rename has left the watch list (its old inode is gone): arm it again now."""
        self._watcher.removePath(path)
        if not os.path.exists(path) or not self._watcher.addPath(path):
            self._watched.discard(path)  # the next look adds it back when it is there again
        self._settle.start()

    def _folder_changed(self, path: str) -> None:
        if path not in self._watcher.directories():  # the folder itself went away
            self._watched.discard(path)
        self._settle.start()

    def _look(self) -> None:
        if self._looking:
            self._again = True
            return
        self._looking, self._again = True, False
        courier, deck_file, known = self._courier, self._deck_file, self._deck_stamp
        pictures = self._pictures  # replaced, never changed in place: the thread may read it

        def run() -> None:
            found = look_without_collecting(deck_file, known, pictures)
            with contextlib.suppress(RuntimeError):  # the watcher was deleted meanwhile: nobody listens
                courier.arrived.emit(found)

        threading.Thread(target=run, name="slideshow-deck-look", daemon=True).start()

    def _arrived(self, found: Look) -> None:
        """The GUI thread's share of a look, spread over turns of its event loop so that none holds it
        long: the new deck first (the show's own work and its repaint), then the watch list, and then
        the deck it replaced (30,000 objects for 10,000 slides) freed a thousand slides a turn."""
        self._deck_stamp = found.deck_stamp
        result = found.result
        if result is not None:
            log.info("deck changed on disk: %s", "reloaded" if result.deck else "broken, keeping the last")
            if result.deck is not None:
                self._retired.extend(self._shown.slides)  # the show lets go of them now
                self._shown = result.deck
            self.reloaded.emit(result)
        if found.pictures_changed:
            self.pictures_changed.emit()
        self._arriving = found
        QTimer.singleShot(AFTER_REPAINT_MS, self, self._settle_in)

    def _settle_in(self) -> None:
        found, self._arriving = self._arriving, None
        if found is None:
            return
        self._pictures = found.pictures
        self._watch(found.present)
        self._looking = False
        if self._again:
            self._look()
        elif found.deck_stamp is None:
            self._absent.start()
        self._free_some()

    def _free_some(self) -> None:
        del self._retired[:FREED_PER_TURN]
        if self._retired:
            QTimer.singleShot(0, self, self._free_some)
