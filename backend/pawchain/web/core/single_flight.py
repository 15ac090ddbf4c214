"""One computation of an answer at a time per key, shared by a worker's threads.

When a kept answer expires (a new data version, the clock moving on), the requests that
arrive for it before it is made again would each make it: on a busy market page, each of a
worker's threads running the same search at once, each slower for the others. With a
flight per key, the first request makes the answer and the others wait for it and use it.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable, Iterator
from contextlib import contextmanager

# How long a request waits for another thread's answer before it makes its own (a request
# whose work is stuck must not hold the others for longer than a slow query takes).
WAIT_SECONDS = 5.0


class SingleFlight:
    """The keys whose answers a thread is making, each with the event that says it is done."""

    def __init__(self, wait_seconds: float = WAIT_SECONDS) -> None:
        self.wait_seconds = wait_seconds
        self._making: dict[Hashable, threading.Event] = {}
        self._lock = threading.Lock()

    @contextmanager
    def turn(self, key: Hashable) -> Iterator[None]:
        """Enter to make `key`'s answer: at once if no other thread is making it, else when
        that thread has finished (or failed), or after `wait_seconds`. Inside, look for the
        answer first (another thread may have just made it) and make it only if it is not
        there: the threads asking meanwhile wait until this one leaves."""
        with self._lock:
            making = self._making.get(key)
            if making is None:
                done = self._making[key] = threading.Event()
        if making is not None:
            making.wait(self.wait_seconds)
            yield
            return
        try:
            yield
        finally:
            with self._lock:
                del self._making[key]
            done.set()

    def __len__(self) -> int:
        """How many answers are being made now."""
        with self._lock:
            return len(self._making)
