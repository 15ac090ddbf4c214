"""PostgreSQL's notifications of new events, for the stream's feed (SQLite has none: it polls).

The indexer NOTIFYs `ACTIVITY_CHANNEL` in each batch's transaction (pawchain.store.event_feed),
delivered at commit. One connection per stream process LISTENs and sets an asyncio event;
when the connection drops, it reconnects and wakes the feed once (a notification sent while
it was away is lost, the read it would have caused is not).
"""

from __future__ import annotations

import asyncio
import logging

import psycopg
from sqlalchemy.engine import make_url

from pawchain.store.event_feed import ACTIVITY_CHANNEL

RECONNECT_SECONDS = 1.0
log = logging.getLogger(__name__)


def libpq_url(database_url: str) -> str:
    """SQLAlchemy's `postgresql+psycopg://...` as the plain URL psycopg connects with."""
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


async def listen(database_url: str, wake: asyncio.Event) -> None:
    """Set `wake` on every notification of new events, forever."""
    while True:
        try:
            async with await psycopg.AsyncConnection.connect(
                libpq_url(database_url), autocommit=True
            ) as connection:
                await connection.execute(f"LISTEN {ACTIVITY_CHANNEL}")
                wake.set()  # whatever was committed while not listening
                async for _notification in connection.notifies():
                    wake.set()
        except psycopg.Error as error:
            log.warning("stream: PostgreSQL notifications lost (%s); reconnecting", error)
            await asyncio.sleep(RECONNECT_SECONDS)
