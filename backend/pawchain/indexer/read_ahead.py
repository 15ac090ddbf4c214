"""The indexer's read-ahead: the next batches, read on a second thread while one is written."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

from pawchain.indexer.checkpoint import Reached

if TYPE_CHECKING:
    from pawchain.indexer.core import Batch

READ_AHEAD = 2  # batches read ahead of the one being written


class ReadAhead:
    """The next batches, read in turn on the read-ahead thread while this one writes.

    READ_AHEAD batches are queued, each read after the previous one from its last block's
    hash, so the node always has the next range to serve: with one batch queued, the node
    sat idle from the end of that read until the write before it finished. A batch is handed
    out only if it follows the checkpoint given (same block and hash as its first block's
    parent), so every batch written is still read from one fork linked to the previous one.
    """

    def __init__(self, pool: ThreadPoolExecutor, read: Callable[..., Batch]) -> None:
        self._pool = pool
        self._read = read
        self._queued: deque[Future[Batch]] = deque()
        self._end = -1  # the last block queued

    def take(self, state: Reached) -> Batch | None:
        """The queued batch that follows `state` (None: none queued; all dropped if the
        oldest does not follow it). ForkDuringRead from its read drops the others too."""
        if not self._queued:
            return None
        batch = self._queued.popleft().result()
        if (batch.first - 1, batch.parent_hash) != (state.block_number, state.block_hash):
            self.drop()
            return None
        return batch

    def extend(self, batch: Batch, goal: int, batch_end: Callable[[int, int], int]) -> None:
        """Queue reads after `batch` (about to be written) up to READ_AHEAD batches, below `goal`."""
        if not self._queued:
            self._end = batch.last.number
        previous: Future[Batch] | None = self._queued[-1] if self._queued else None
        while len(self._queued) < READ_AHEAD and self._end < goal:
            first = self._end + 1
            self._end = batch_end(first, goal)
            self._queued.append(
                self._pool.submit(self._read_after, previous, batch, first, self._end)
            )
            previous = self._queued[-1]

    def drop(self) -> None:
        """Forget the queued batches (the running read ends on its own; its result unused)."""
        for future in self._queued:
            future.cancel()
        self._queued.clear()

    def _read_after(
        self, previous: Future[Batch] | None, written: Batch, first: int, last: int
    ) -> Batch:
        # One thread runs the reads in order: `previous` is done (or failed) by now.
        parent = written if previous is None else previous.result()
        return self._read(first, last, parent.last.hash)
