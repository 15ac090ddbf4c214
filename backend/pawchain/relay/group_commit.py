"""Group commit: the threads of one process that wait to record hand their items to one of
them, which records them all in one database transaction.

Under 16 clients on PostgreSQL a web process's requests spent three quarters of their time
waiting for the relay account's nonce row lock, each holding it for its own four round trips
(docs/relay.md, "Measured"). Batched, the lock is waited for and held once per batch. The
first thread to find no batch being recorded takes every item waiting (its own included) and
records them; the threads that come meanwhile wait, and the first of them to get the turn
next takes all of those. Nobody waits for a timer: an idle process records each item at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar, cast

Item = TypeVar("Item")
Result = TypeVar("Result")


class _Waiting(Generic[Item, Result]):
    """One thread's item and, once its batch is recorded, the result or the batch's error."""

    def __init__(self, item: Item) -> None:
        self.item = item
        self.done = False
        self.result: Result | None = None
        self.error: BaseException | None = None


class GroupCommit(Generic[Item, Result]):
    """`group(item)` returns `record(batch)`'s result for `item`, `batch` holding every item
    waiting in this process at that moment. `record` returns one result per item, in order;
    if it raises, every item of its batch raises the same error."""

    def __init__(self, record: Callable[[Sequence[Item]], Sequence[Result]]) -> None:
        self._record = record
        self._queue_guard = threading.Lock()  # held only to add to or empty the queue
        self._queue: list[_Waiting[Item, Result]] = []
        self._turn = threading.Lock()  # one batch at a time is being recorded

    def __call__(self, item: Item) -> Result:
        mine: _Waiting[Item, Result] = _Waiting(item)
        with self._queue_guard:
            self._queue.append(mine)
        with self._turn:
            if not mine.done:  # no batch took it while we waited: ours takes all that wait
                with self._queue_guard:
                    batch, self._queue = self._queue, []
                self._run(batch)
        if mine.error is not None:
            raise mine.error
        return cast(Result, mine.result)  # set by _run with `done`

    def waiting(self) -> int:
        """How many items wait for the next batch."""
        with self._queue_guard:
            return len(self._queue)

    def _run(self, batch: list[_Waiting[Item, Result]]) -> None:
        try:
            results = self._record([waiting.item for waiting in batch])
        except BaseException as error:
            for waiting in batch:
                waiting.error, waiting.done = error, True
            return
        for waiting, result in zip(batch, results, strict=True):
            waiting.result, waiting.done = result, True
