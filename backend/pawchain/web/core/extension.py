"""The one shape of the app's services: an object with `init_app(app)` (Flask's extension pattern).

The object itself holds nothing of any app (tests run several apps in one process); `init_app`
gives the app its own state in `app.extensions`, and `get()` reads the current app's. A
`LazyService` builds its value on the first request that needs it, once per app.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

from flask import Flask, current_app

T = TypeVar("T")


class _Slot(Generic[T]):
    """One app's value of a lazy service, and the lock that builds it once."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.value: T | None = None


class LazyService(Generic[T]):
    """A value built by `build()` on first use, in a request of the app, once per app even when
    threads race to the first request. Lazy because what it needs (the deployment record, the
    chain node, the relay key) may be missing: the server still starts, and the routes that
    need it answer a 503 saying what is missing (`build` raises it), then try again on the
    next request."""

    def __init__(self, name: str, build: Callable[[], T]) -> None:
        self.name = name
        self._build = build

    def init_app(self, app: Flask) -> None:
        app.extensions[self.name] = _Slot[T]()

    def get(self) -> T:
        """The current app's value, built now if this is its first use."""
        slot: _Slot[T] = current_app.extensions[self.name]
        value = slot.value
        if value is None:
            with slot.lock:
                value = slot.value
                if value is None:
                    value = slot.value = self._build()
        return value


class TimedMemo(Generic[T]):
    """A value recomputed at most every `seconds`, per app: each process answers from its last
    computation until it is that old."""

    def __init__(self, name: str, seconds: float) -> None:
        self.name = name
        self.seconds = seconds

    def init_app(self, app: Flask) -> None:
        app.extensions[self.name] = _Slot[tuple[float, T]]()

    def get(self, compute: Callable[[], T]) -> T:
        """The current app's last value, or `compute()`'s when there is none this recent."""
        slot: _Slot[tuple[float, T]] = current_app.extensions[self.name]
        memo = slot.value
        if memo is None or time.monotonic() - memo[0] > self.seconds:
            memo = (time.monotonic(), compute())
            slot.value = memo  # one assignment: safe between threads (two may compute at once)
        return memo[1]
