"""A least-recently-used map of byte strings bounded by their total size, shared by a
worker's threads: the answer cache (answer_cache.py) and the kept PNGs (pets/images.py).

Bounded in bytes, not entries: a page of pets is ~30 KB, a metadata answer 1 KB, a PNG 50-150
KB, so a count says nothing about the memory a worker spends.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class ByteLru(Generic[V]):
    """Values with a size in bytes, the least recently used dropped beyond `max_bytes`."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            self._items.move_to_end(key)
            return item[0]

    def put(self, key: Hashable, value: V, size: int) -> None:
        """Keep `value` (`size` bytes); one larger than the whole bound is not kept."""
        if size > self.max_bytes:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._size -= old[1]
            self._items[key] = (value, size)
            self._size += size
            while self._size > self.max_bytes:
                _, (_, dropped) = self._items.popitem(last=False)
                self._size -= dropped

    @property
    def size(self) -> int:
        """The bytes held now."""
        return self._size

    def __len__(self) -> int:
        return len(self._items)
