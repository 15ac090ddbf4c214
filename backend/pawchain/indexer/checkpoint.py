"""The indexer's checkpoint: the block its index reached, on one row moved by compare-and-set.

The same row counts the live stream's event ids (store.event_feed), so one UPDATE can move
the checkpoint and reserve a batch's ids.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.orm import Session

from pawchain.store import IndexerState
from pawchain.store.event_feed import COUNTER_ROW, take_event_ids
from pawchain.store.wakeups import BLOCKS_CHANNEL, announce

INDEXER_NAME = COUNTER_ROW  # the checkpoint's row, which also counts the stream's event ids


class IndexerError(RuntimeError):
    """The indexer cannot go on without a person deciding (e.g. rebuild with `pawchain reindex`)."""


@dataclass(frozen=True)
class Checkpoint:
    """The block an index reached, as the loop knows it after its own write: what it needs of
    the stored IndexerState (the compare-and-set of the next write checks it is still so)."""

    block_number: int
    block_hash: str


Reached = IndexerState | Checkpoint  # the stored row, or what this indexer's last write left


def move_checkpoint(
    session: Session, expected: Reached, block_number: int, block_hash: str, take_ids: int = 0
) -> int:
    """Move the checkpoint from `expected` to the given block, compare-and-set: IndexerError
    if another indexer has moved it since `expected` was read. Also reserves `take_ids`
    stream ids on the same row (store.event_feed); returns the first."""
    last_id = session.scalar(
        update(IndexerState)
        .where(
            IndexerState.name == INDEXER_NAME,
            IndexerState.block_number == expected.block_number,
            IndexerState.block_hash == expected.block_hash,
        )
        .values(
            block_number=block_number,
            block_hash=block_hash,
            last_event_id=IndexerState.last_event_id + take_ids,
        )
        .returning(IndexerState.last_event_id)
    )
    if last_id is None:
        raise IndexerError(
            "the checkpoint moved under this indexer: is another one running on this database?"
        )
    announce(session, BLOCKS_CHANNEL, str(block_number))  # relay status streams: `indexed`
    return int(last_id) - take_ids + 1


class BatchCheckpoint:
    """A batch's move of the checkpoint and its events' stream ids, in as few UPDATEs of the
    checkpoint's row as can be: the first `take` both moves the checkpoint and reserves its
    ids. That UPDATE locks the row until the commit (nobody else can take ids meanwhile), so
    later takes (a streamed batch's pieces) number on without asking, and `finish`
    reserves them in one more UPDATE (or moves the checkpoint, if nothing was taken)."""

    def __init__(self, expected: Reached, block_number: int, block_hash: str) -> None:
        self.expected = expected
        self.block_number = block_number
        self.block_hash = block_hash
        self.last_id: int | None = None  # the last id handed out
        self._owed = 0  # ids handed out after the first UPDATE's, not yet reserved

    def take(self, session: Session, count: int) -> int:
        """Stream ids for `count` new events; returns the first."""
        if self.last_id is None:
            first = move_checkpoint(
                session, self.expected, self.block_number, self.block_hash, count
            )
        else:
            first = self.last_id + 1
            self._owed += count
        self.last_id = first + count - 1
        return first

    def finish(self, session: Session) -> None:
        if self.last_id is None:
            move_checkpoint(session, self.expected, self.block_number, self.block_hash)
        elif self._owed:
            first = take_event_ids(session, self._owed)
            if first != self.last_id - self._owed + 1:  # the row's lock says it cannot be
                raise IndexerError("another writer took stream ids during the batch")
