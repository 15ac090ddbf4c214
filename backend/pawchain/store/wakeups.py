"""How the relay, the indexer and the status streams learn of each other's rows: PostgreSQL
NOTIFY, not polling.

- `RECORDED_CHANNEL`: a web process recorded a transaction; the worker's broadcaster wakes and
  sends it (pawchain.relay.worker).
- `MOVED_CHANNEL`: a relayed transaction was sent, mined or failed (the payload: the block of a
  mined one); the indexer wakes and reads the new block, the status streams
  (`GET /relay/requests/<id>/events`) read the new state.
- `BLOCKS_CHANNEL`: the indexer's checkpoint moved (the payload: the block); a status stream
  waiting for `indexed` reads it.
A notification is queued by the writer's transaction and delivered only when (and if) it
commits, so a listener woken by it finds the rows. One LISTEN connection per process
(`Wakeups`) wakes every waiter of that process. SQLite has no notifications: the waiters keep
their poll interval as the timeout (docs/relay.md).
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import psycopg
from sqlalchemy import ColumnElement, Engine, func, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

RECORDED_CHANNEL = "pawchain_relay_recorded"
MOVED_CHANNEL = "pawchain_relay_moved"
BLOCKS_CHANNEL = "pawchain_blocks"
RECONNECT_SECONDS = 1.0
LISTEN_WAIT_SECONDS = 1.0  # the listener's longest wait before it looks at `stop` again
CLOSE_SECONDS = 5.0  # what close() waits for the listener at most (a connect under way)
log = logging.getLogger(__name__)


def announce(session: Session, channel: str, payload: str = "") -> None:
    """Queue a notification on `channel` (sent at commit; PostgreSQL only)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_notify(:channel, :payload)"), {"channel": channel, "payload": payload}
        )


def announcing(channel: str) -> ColumnElement[Any]:
    """A notification on `channel` (sent at commit) as a column for another statement's
    RETURNING or SELECT list (PostgreSQL only): `announce` without a round trip of its own."""
    return func.pg_notify(channel, "")


class Wakeups:
    """Notifications on `channels` as a counter that waiters watch: read `seen = generation()`
    before looking at the database, then `wait(seen, timeout)` returns as soon as a notification
    came after that read (none is missed in between), or after `timeout` (SQLite: always)."""

    def __init__(
        self, engine: Engine, channels: tuple[str, ...], stop: threading.Event | None = None
    ) -> None:
        """Listens until `stop` is set or `close()` is called."""
        self._condition = threading.Condition()
        self._generation = 0
        self._stop = stop = stop or threading.Event()
        self.listening = engine.dialect.name == "postgresql"
        self._listener: threading.Thread | None = None
        if self.listening:
            self._listener = threading.Thread(
                target=self._listen, args=(engine, channels, stop), name="wakeups", daemon=True
            )
            self._listener.start()

    def generation(self) -> int:
        with self._condition:
            return self._generation

    def wait(self, seen: int, timeout: float) -> int:
        """Until a notification newer than `seen`, at most `timeout` seconds; the generation."""
        with self._condition:
            self._condition.wait_for(lambda: self._generation != seen, timeout)
            return self._generation

    def close(self) -> None:
        """Stop listening, and wait (a second: the listener's longest wait) until the listener
        has given its connection back to the engine's pool. An engine disposed while the
        listener still held it would not close it: given back later, it would lie open in the
        old pool until garbage-collected (psycopg's ResourceWarning, in whatever runs then)."""
        self._stop.set()
        if self._listener is not None and self._listener is not threading.current_thread():
            self._listener.join(CLOSE_SECONDS)

    def wake(self) -> None:
        with self._condition:
            self._generation += 1
            self._condition.notify_all()

    def _listen(self, engine: Engine, channels: tuple[str, ...], stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                with engine.connect() as connection:
                    driver = connection.connection.driver_connection
                    assert isinstance(driver, psycopg.Connection)
                    connection.commit()
                    driver.autocommit = True
                    for channel in channels:
                        driver.execute(f"LISTEN {channel}")
                    self.wake()  # whatever was committed before we listened
                    while not stop.is_set():
                        for _notification in driver.notifies(timeout=LISTEN_WAIT_SECONDS):
                            self.wake()
                    driver.execute("UNLISTEN *")
                    driver.autocommit = False
            except (psycopg.Error, DBAPIError) as error:
                log.warning("PostgreSQL notifications lost (%s); reconnecting", error)
                stop.wait(RECONNECT_SECONDS)
