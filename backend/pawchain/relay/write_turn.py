"""SQLite: a web process's accepting transactions take turns before SQLite's lock.

SQLite lets one writer in at a time, and a writer that finds its lock taken sleeps in the busy
handler, up to 100 ms between tries, while the lock may be free again: under 16 clients that
wait was 84 % of a request's time in the web process (cProfile, bench-relay on Anvil). So the
threads of one process take their turns in a threading.Lock first, each woken as soon as the
one before commits, and only the processes (the web processes, the relay worker, the indexer)
meet in SQLite's handler. A turn across processes too (a `flock` beside the database) was
tried and measured worse: the web processes then handed the lock to each other at once while
the worker's and the indexer's writes slept in the handler, and request → indexed doubled.
PostgreSQL needs no turn: a row lock wakes its waiter at once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine


class WriteTurn:
    """Turns for the threads of one process that write to one database (none on PostgreSQL)."""

    def __init__(self, engine: Engine) -> None:
        self.sqlite = engine.dialect.name == "sqlite"
        self._threads = threading.Lock()

    @contextmanager
    def __call__(self) -> Iterator[None]:
        """This thread holds the turn for the duration of a `with`."""
        if not self.sqlite:
            yield
            return
        with self._threads:
            yield
