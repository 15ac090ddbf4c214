"""A PostgreSQL connection checked for life only when it lay idle in the pool, not at every
checkout.

SQLAlchemy's `pool_pre_ping` sends a statement at each checkout: on a pet page that is one
of its two round trips, and under 16 connections on two cores each round trip also waits for
the server's process to get a core (profiled: docs/benchmarks.md, HTTP). A connection that
went back to the pool less than IDLE_SECONDS ago was working then; one idle longer, or whose
server may have restarted meanwhile, is pinged, and a dead one is replaced before use
(SQLAlchemy's "pessimistic disconnect handling" with a custom checkout event). A server
restarted within IDLE_SECONDS of a connection's last use fails that connection's next
statement once; the pool then replaces it.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.exc import DisconnectionError

IDLE_SECONDS = 1.0
RETURNED_AT = "pawchain.returned_at"  # the key in a pool record's info: time.monotonic()


def ping_when_idle(engine: Engine, idle_seconds: float = IDLE_SECONDS) -> None:
    """Ping `engine`'s connections at checkout when they were idle over `idle_seconds`
    (make the engine with pool_pre_ping=False)."""
    dialect = engine.dialect

    @event.listens_for(engine, "checkin")
    def _returned(_dbapi_connection: Any, record: Any) -> None:
        record.info[RETURNED_AT] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _taken(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        returned = record.info.get(RETURNED_AT)
        if returned is None or time.monotonic() - returned < idle_seconds:
            return  # just connected, or back in the pool a moment ago
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            raise DisconnectionError("the pooled connection is dead") from error
