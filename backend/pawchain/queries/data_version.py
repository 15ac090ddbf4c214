"""What the API's answers are a function of, besides their query and the clock: one cheap
read that changes whenever a commit changes anything a pet, list or metadata answer shows.

- The indexer's checkpoint rows (block number and hash: a new block or a reorganisation) and
  the event counter (`last_event_id`), which the indexer and the order book's signed orders
  both advance in the transaction that writes their rows (store/event_feed.py).
- The pet names (written by the web API, not counted by the event counter): the counter of
  names written (`pet_name_changes`, one row), which the transaction that writes a name
  raises (web/pets/naming.py). A key lookup: the names themselves are never scanned.

Both in one statement: every web worker reads the version every VERSION_SECONDS while it
answers (web/core/answer_cache.py), and on PostgreSQL each statement is a round trip whose
cost under load is mostly the sleeping and waking around it (docs/benchmarks.md, HTTP).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, literal, select, true

from pawchain.store import IndexerState, NameChanges
from pawchain.store.event_feed import COUNTER_ROW
from pawchain.store.name_models import ONLY_ROW

CHECKPOINT_COLUMNS = (
    IndexerState.name,
    IndexerState.block_number,
    IndexerState.block_hash,
    IndexerState.last_event_id,
)
# One row per checkpoint, each with the names' counter; one row of NULL checkpoint columns
# when there is no checkpoint yet (a database no indexer has written): the anchor's one row
# outer-joined to both.
_ONE_ROW = select(literal(1).label("one")).subquery("one_row")
VERSION = (
    select(*CHECKPOINT_COLUMNS, NameChanges.counter)
    .select_from(
        _ONE_ROW.outerjoin(IndexerState, true()).outerjoin(NameChanges, NameChanges.id == ONLY_ROW)
    )
    .order_by(IndexerState.name)
)
CHECKPOINT_WIDTH = len(CHECKPOINT_COLUMNS)


def data_version(connection: Connection) -> tuple[Any, ...]:
    """A value that differs after any commit that changes what the API shows: the checkpoints
    (name, block number, block hash, event counter) and the names' counter (None without its
    row)."""
    rows = connection.execute(VERSION).all()
    checkpoints = tuple(tuple(row[:CHECKPOINT_WIDTH]) for row in rows if row.name is not None)
    return (checkpoints, rows[0].counter)


def event_counter(version: tuple[Any, ...]) -> int:
    """The newest event id (the stream's numbering) in a data version; 0 before the indexer's
    first checkpoint."""
    checkpoints, _names = version
    counters = (last for name, _block, _hash, last in checkpoints if name == COUNTER_ROW)
    return int(next(counters, 0))
