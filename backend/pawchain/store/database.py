"""Engines and sessions for one database URL: SQLite by default, PostgreSQL by URL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from pawchain.store.idle_ping import ping_when_idle
from pawchain.store.models import Base
from pawchain.store.name_models import NAME_TABLES
from pawchain.store.order_models import ORDER_BOOK_TABLES
from pawchain.store.picture_models import PICTURE_TABLES
from pawchain.store.relay_models import OPERATIONAL_TABLES
from pawchain.store.session_models import SESSION_TABLES

# Tables that are no cache of the chain (or, pictures, hold what no chain can change):
# `pawchain reindex` keeps them.
KEPT_BY_REINDEX = (
    OPERATIONAL_TABLES | ORDER_BOOK_TABLES | SESSION_TABLES | PICTURE_TABLES | NAME_TABLES
)


def make_engine(url: str, **options: Any) -> Engine:
    """An engine for `url`; for SQLite, the file's folder is created and the connection set up.

    SQLite connections get foreign keys enforced (off by default there, on in PostgreSQL:
    one behaviour for both), WAL journaling (the web server reads while the indexer writes;
    WAL keeps a killed writer's transaction out, as the rollback journal does), and a busy
    timeout so a reader waits for a writer's commit instead of failing. PostgreSQL
    connections are checked for life when they were idle (store.idle_ping), and the pool
    lends the most recently returned one first.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, **options)
        event.listen(engine, "connect", _configure_sqlite)
        return engine
    # pool_use_lifo: the most recently returned connection first, so that under load the same
    # few server processes answer, warm in the cores' caches, while the rest sleep
    # (docs/benchmarks.md, HTTP: a pet page's cost on PostgreSQL is mostly its round trip).
    options = {"pool_use_lifo": True, **options}
    if "pool_pre_ping" in options:  # the caller's choice (tests of the pings)
        return create_engine(url, **options)
    # A connection is pinged at checkout only when it lay idle (idle_ping.py), not before
    # every transaction: a round trip that, under load, waits for the server's process to be
    # scheduled. Every process makes its engine here, and each gains: a web process's pet
    # page is one statement, which a ping would make two round trips; an indexer's catch-up
    # of 2,000 blocks spent 5-38 ms on pings at load 5 (docs/benchmarks.md).
    engine = create_engine(url, pool_pre_ping=False, **options)
    ping_when_idle(engine)
    return engine


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA busy_timeout = 10000")
    cursor.close()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions bound to `engine`. expire_on_commit=False: objects stay readable after commit."""
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session in one transaction: committed if the block succeeds, rolled back if not."""
    with factory() as session, session.begin():
        yield session


def clear_all(session: Session, keep: frozenset[str] = KEPT_BY_REINDEX) -> None:
    """Delete every row of every table the models define (the schema and its version stay),
    but the tables in `keep`: what `pawchain reindex` does before rebuilding. Children before
    parents. By default the relay's and the order book's tables stay: they are no cache of the
    chain but the only record of accepted requests, handed-out nonces and signed orders (pass
    `keep=frozenset()` for another chain)."""
    for table in reversed(Base.metadata.sorted_tables):
        if table.name not in keep:
            session.execute(table.delete())
