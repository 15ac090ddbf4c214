"""What the API's answers are a function of, besides their query and the clock: one cheap
read that changes whenever a commit changes anything a pet, list or metadata answer shows.

- The indexer's checkpoint rows (block number and hash: a new block or a reorganisation) and
  the event counter (`last_event_id`), which the indexer and the order book's signed orders
  both advance in the transaction that writes their rows (store/event_feed.py).
- The pet names (written by the web API, not counted by the event counter): their number and
  the sum of their `issued_at`, which a rename strictly increases (a name must be signed
  later than the one it replaces: web/pets/naming.py).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from pawchain.store import IndexerState, PetName

CHECKPOINTS = select(
    IndexerState.name,
    IndexerState.block_number,
    IndexerState.block_hash,
    IndexerState.last_event_id,
).order_by(IndexerState.name)
NAMES = select(func.count(), func.coalesce(func.sum(PetName.issued_at), 0))


def data_version(connection: Connection) -> tuple[Any, ...]:
    """A value that differs after any commit that changes what the API shows."""
    checkpoints = tuple(tuple(row) for row in connection.execute(CHECKPOINTS))
    names = connection.execute(NAMES).one()
    return (checkpoints, int(names[0]), int(names[1]))
