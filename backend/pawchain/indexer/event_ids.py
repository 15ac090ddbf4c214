"""The activity log's event ids: 1, 2, ... in the order the indexer commits events.

Handed out from the checkpoint's row (`indexer_state.last_event_id`) inside the batch's
transaction: one indexer writes a database (the checkpoint's compare-and-set), so ids are
in commit order, and a rolled-back batch gives its ids back. A reorganisation deletes events
but not the counter, so no id is handed out twice: a stream client resuming after an id
never misses the newer fork's events.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from pawchain.store import IndexerState


def take_event_ids(session: Session, indexer_name: str, count: int) -> int:
    """Reserve `count` ids; returns the first."""
    last = session.scalar(
        update(IndexerState)
        .where(IndexerState.name == indexer_name)
        .values(last_event_id=IndexerState.last_event_id + count)
        .returning(IndexerState.last_event_id)
    )
    if last is None:
        raise RuntimeError(f"no checkpoint named {indexer_name!r} to number events from")
    return int(last) - count + 1
