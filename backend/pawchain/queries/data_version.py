"""What the API's answers are a function of, besides their query and the clock: one cheap
read that changes whenever a commit changes anything a pet, list or metadata answer shows.

- The indexer's checkpoint rows (block number and hash: a new block or a reorganisation) and
  the event counter (`last_event_id`), which the indexer and the order book's signed orders
  both advance in the transaction that writes their rows (store/event_feed.py).
- The pet names (written by the web API, not counted by the event counter): the counter of
  names written (`pet_name_changes`, one row), which the transaction that writes a name
  raises (web/pets/naming.py). A key lookup: the names themselves are never scanned.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from pawchain.store import IndexerState, NameChanges
from pawchain.store.name_models import ONLY_ROW

CHECKPOINTS = select(
    IndexerState.name,
    IndexerState.block_number,
    IndexerState.block_hash,
    IndexerState.last_event_id,
).order_by(IndexerState.name)
NAMES = select(NameChanges.counter).where(NameChanges.id == ONLY_ROW)


def data_version(connection: Connection) -> tuple[Any, ...]:
    """A value that differs after any commit that changes what the API shows."""
    checkpoints = tuple(tuple(row) for row in connection.execute(CHECKPOINTS))
    names = connection.execute(NAMES).scalar()
    return (checkpoints, names)
