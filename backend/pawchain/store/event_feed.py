"""The live stream's event ids, and how writers tell readers that new events were committed.

Ids: 1, 2, ... in commit order, for the indexer's events (`activity.event_id`) and the
order book's signed orders (`orders.event_id`) alike, handed out from one counter on the
indexer's checkpoint row (`indexer_state.last_event_id`) inside the writer's transaction.
The UPDATE locks that row until the commit, so the writers commit in the order of their
ids (on SQLite writers take turns anyway), and a rolled-back transaction gives its ids back.
A reorganisation deletes events but never the counter, so no id is handed out twice: a
stream client resuming after an id never misses a newer event.

Notifications: on PostgreSQL the writer's transaction also sends a NOTIFY on
`ACTIVITY_CHANNEL` with the newest id; PostgreSQL delivers it only when (and if) the
transaction commits, so a listener that wakes on it finds the rows. SQLite has no
notifications: readers poll.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from pawchain.store.models import IndexerState
from pawchain.store.wakeups import announce

ACTIVITY_CHANNEL = "pawchain_activity"
COUNTER_ROW = "chain"  # the indexer's checkpoint row (pawchain.indexer.core.INDEXER_NAME)


def take_event_ids(session: Session, count: int) -> int | None:
    """Reserve `count` ids; returns the first, or None before the indexer's first checkpoint
    (nothing is streamed then)."""
    last = session.scalar(
        update(IndexerState)
        .where(IndexerState.name == COUNTER_ROW)
        .values(last_event_id=IndexerState.last_event_id + count)
        .returning(IndexerState.last_event_id)
    )
    return None if last is None else int(last) - count + 1


def announce_events(session: Session, last_event_id: int) -> None:
    """Queue the notification that events up to `last_event_id` exist (sent at commit)."""
    announce(session, ACTIVITY_CHANNEL, str(last_event_id))
