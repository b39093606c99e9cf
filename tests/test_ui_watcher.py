"""Live reload: edits to the deck file and its pictures are seen, however the editor saves."""

from __future__ import annotations

import json
import os
import threading
import weakref
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from conftest import make_photo
from slideshow.deck import LoadResult, load_deck
from slideshow.ui import watcher as watcher_module
from slideshow.ui.watcher import DeckWatcher


def start(qtbot: QtBot, deck_path: Path) -> DeckWatcher:
    deck = load_deck(deck_path).deck
    assert deck is not None
    return DeckWatcher(deck)


def edit(deck_path: Path, change: Callable[[dict[str, object]], None], *, by_rename: bool) -> None:
    data = json.loads(deck_path.read_text())
    change(data)
    text = json.dumps(data, indent=2)
    if by_rename:  # how vim, gedit and most IDEs save: a new file renamed over the old one
        temp = deck_path.with_name(".slides.json.swp")
        temp.write_text(text)
        os.replace(temp, deck_path)
    else:
        deck_path.write_text(text)


def caption(data: dict[str, object], text: str) -> None:
    data["slides"][1]["caption"] = text  # type: ignore[index]


def test_an_edit_in_place_reloads(qtbot: QtBot, make_deck: Callable[..., Path]) -> None:
    path = make_deck()
    watcher = start(qtbot, path)
    with qtbot.waitSignal(watcher.reloaded, timeout=3000) as blocker:
        edit(path, lambda d: caption(d, "edited in place"), by_rename=False)
    result: LoadResult = blocker.args[0]
    assert result.deck is not None and result.deck.slides[1].caption == "edited in place"


def test_save_by_rename_reloads_again_and_again(qtbot: QtBot, make_deck: Callable[..., Path]) -> None:
    path = make_deck()
    watcher = start(qtbot, path)
    for round_ in range(3):
        with qtbot.waitSignal(watcher.reloaded, timeout=3000) as blocker:
            edit(path, lambda d, r=round_: caption(d, f"round {r}"), by_rename=True)
        assert blocker.args[0].deck.slides[1].caption == f"round {round_}"


def test_a_broken_edit_reports_the_problem(qtbot: QtBot, make_deck: Callable[..., Path]) -> None:
    path = make_deck()
    watcher = start(qtbot, path)
    with qtbot.waitSignal(watcher.reloaded, timeout=3000) as blocker:
        path.write_text(path.read_text().replace('"title"', '"title" "oops"', 1))
    result: LoadResult = blocker.args[0]
    assert result.deck is None and result.errors
    with qtbot.waitSignal(watcher.reloaded, timeout=3000) as blocker:
        edit_text = path.read_text().replace('"title" "oops"', '"title"', 1)
        path.write_text(edit_text)
    assert blocker.args[0].deck is not None


def test_a_changed_picture_is_announced(qtbot: QtBot, make_deck: Callable[..., Path], tmp_path: Path) -> None:
    path = make_deck()
    watcher = start(qtbot, path)
    with qtbot.waitSignal(watcher.pictures_changed, timeout=3000):
        make_photo(tmp_path / "assets" / "slide-2.jpg", (800, 600), colour=(10, 200, 10))


def test_the_deck_is_read_off_the_gui_thread(
    qtbot: QtBot, make_deck: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big deck takes a quarter of a second to read: the GUI thread must go on meanwhile."""
    path = make_deck()
    watcher = start(qtbot, path)
    readers: list[threading.Thread] = []
    gui_thread_free = threading.Event()  # set by the GUI thread while the deck is being read

    def slow_load(deck_path: Path) -> LoadResult:
        readers.append(threading.current_thread())
        assert gui_thread_free.wait(timeout=5), "the GUI thread was blocked while the deck was read"
        return load_deck(deck_path)

    monkeypatch.setattr(watcher_module, "load_deck", slow_load)
    with qtbot.waitSignal(watcher.reloaded, timeout=8000) as blocker:
        edit(path, lambda d: caption(d, "read on a thread"), by_rename=True)
        qtbot.waitUntil(lambda: bool(readers), timeout=3000)
        gui_thread_free.set()  # the event loop ran while the reader was waiting
    assert blocker.args[0].deck.slides[1].caption == "read on a thread"
    assert readers and readers[0] is not threading.main_thread()


def test_edits_during_a_reload_are_not_lost(
    qtbot: QtBot, make_deck: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_deck()
    watcher = start(qtbot, path)
    reading, proceed = threading.Event(), threading.Event()

    def held_load(deck_path: Path) -> LoadResult:
        reading.set()
        proceed.wait(timeout=5)
        return load_deck(deck_path)

    monkeypatch.setattr(watcher_module, "load_deck", held_load)
    captions: list[str] = []
    watcher.reloaded.connect(lambda result: captions.append(result.deck.slides[1].caption))
    edit(path, lambda d: caption(d, "first"), by_rename=True)
    qtbot.waitUntil(reading.is_set, timeout=3000)  # the first look is reading (held) ...
    edit(path, lambda d: caption(d, "second"), by_rename=False)  # ... when the second edit comes
    proceed.set()
    qtbot.waitUntil(lambda: captions[-1:] == ["second"], timeout=5000)


def test_the_replaced_deck_is_freed(qtbot: QtBot, make_deck: Callable[..., Path]) -> None:
    """A kiosk reloads for weeks: the deck a reload replaces must go (it is freed a piece at a time)."""
    path = make_deck()
    deck = load_deck(path).deck
    assert deck is not None
    watcher = DeckWatcher(deck)
    old_slide = weakref.ref(deck.slides[1])
    del deck
    with qtbot.waitSignal(watcher.reloaded, timeout=3000):
        edit(path, lambda d: caption(d, "a new deck"), by_rename=True)
    qtbot.waitUntil(lambda: old_slide() is None, timeout=3000)
