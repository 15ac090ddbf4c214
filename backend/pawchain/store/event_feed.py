"""How the indexer tells readers of the activity log that new events were committed.

On PostgreSQL the indexer's batch transaction sends a NOTIFY on `ACTIVITY_CHANNEL` with the
newest event id; PostgreSQL delivers it only when (and if) the transaction commits, so a
listener that wakes on it finds the rows. SQLite has no notifications: readers poll.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

ACTIVITY_CHANNEL = "pawchain_activity"


def announce_events(session: Session, last_event_id: int) -> None:
    """Queue the notification that events up to `last_event_id` exist (sent at commit)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_notify(:channel, :payload)"),
            {"channel": ACTIVITY_CHANNEL, "payload": str(last_event_id)},
        )
