"""A least-recently-used cache bounded in bytes, with pinned entries that are never evicted.

Decoded pictures are big (a 4K frame is 33 MB), so the bound is in bytes, not entries. The slides the
viewer is showing or about to show (current +-1) are pinned: going over budget with them is better than
throwing away the picture on screen.

Not thread-safe by design: only the GUI thread touches it (workers hand their results over by signal).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

__all__ = ["ByteBudgetCache"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

#: The bound when the owner names none (the viewer sizes its caches to the screen instead).
DEFAULT_BUDGET = 64 * 1024 * 1024


class ByteBudgetCache(Generic[K, V]):
    """``put``/``get`` with LRU eviction down to ``max_bytes``; pinned keys always stay."""

    def __init__(self, max_bytes: int = DEFAULT_BUDGET) -> None:
        if max_bytes < 0:
            raise ValueError("max_bytes must not be negative")
        self._max_bytes = max_bytes
        self._entries: OrderedDict[K, tuple[V, int]] = OrderedDict()  # oldest first
        self._pinned: frozenset[K] = frozenset()
        self._bytes = 0

    @property
    def max_bytes(self) -> int:
        return self._max_bytes

    @property
    def bytes_used(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def keys(self) -> list[K]:
        """The keys held, least recently used first (reading them changes no order)."""
        return list(self._entries)

    def get(self, key: K) -> V | None:
        """The value, now most recently used; None if absent."""
        entry = self._entries.get(key)
        if entry is None:
            return None
        self._entries.move_to_end(key)
        return entry[0]

    def put(self, key: K, value: V, nbytes: int) -> bool:
        """Store ``value`` as most recently used and evict down to the budget.

        Returns False (and stores nothing) when an unpinned value alone is larger than the whole
        budget: keeping it would only push everything else out.
        """
        if nbytes < 0:
            raise ValueError("nbytes must not be negative")
        self.discard(key)
        if nbytes > self._max_bytes and key not in self._pinned:
            return False
        self._entries[key] = (value, nbytes)
        self._bytes += nbytes
        self._evict()
        return key in self._entries

    def fits(self, nbytes: int) -> bool:
        """Whether ``nbytes`` more would fit without evicting anything."""
        return self._bytes + nbytes <= self._max_bytes

    def discard(self, key: K) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._bytes -= entry[1]

    def pin(self, keys: Iterable[K]) -> None:
        """Make exactly ``keys`` unevictable (replacing the previous pins), then trim to budget.

        Keys need not be cached yet: a picture still being decoded is pinned before it arrives.
        """
        self._pinned = frozenset(keys)
        self._evict()

    def clear(self) -> None:
        """Drop every entry (pins stay, so they protect the pictures that arrive next)."""
        self._entries.clear()
        self._bytes = 0

    def _evict(self) -> None:
        if self._bytes <= self._max_bytes:
            return
        for key in list(self._entries):
            if key in self._pinned:
                continue
            self.discard(key)
            if self._bytes <= self._max_bytes:
                return
