"""One engine per app, one session per request: `db()` in a view, closed when the request ends.

The session is opened on first use, so routes that touch no database (health, images) pay
nothing for it. The API writes only its own tables (sign-in nonces, sessions, rate limits);
the indexer writes the rest.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

from flask import Flask, current_app, g
from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from pawchain.queries.driver_rows import PooledReads, pooled_reads
from pawchain.store import make_engine, session_factory

EXTENSION = "pawchain.database"


class Database:
    """The app's engine and session factory (created at init_app: the engine connects lazily)."""

    def __init__(self, name: str = EXTENSION) -> None:
        self.name = name

    def init_app(self, app: Flask, database_url: str) -> None:
        """Give `app` an engine on `database_url` and close each request's session after it."""
        engine = make_engine(database_url)  # its pool and pings: store.make_engine says why
        app.extensions[self.name] = session_factory(engine)
        app.teardown_appcontext(_close_session)

    def sessions(self) -> sessionmaker[Session]:
        """The current app's session factory: for work outside the request's session (streams,
        lookups before a view's own transaction)."""
        factory: sessionmaker[Session] = current_app.extensions[self.name]
        return factory


def engine_of(app: Flask) -> Engine:
    """The app's engine (tests and tools dispose of it)."""
    sessions: sessionmaker[Session] = app.extensions[EXTENSION]
    bind = sessions.kw["bind"]
    assert isinstance(bind, Engine)
    return bind


def read_connection(app: Flask) -> Connection:
    """A connection of `app`'s engine for a route's reads, in autocommit: each statement sees
    the data as last committed, with no transaction around them. On PostgreSQL a transaction
    is two more round trips per request (BEGIN, ROLLBACK) beside its one or two SELECTs, and
    each round trip wakes the server's process, which waits for a core on a busy machine:
    round trips were what a pet page's time under 16 connections went to (profiled), and it
    is now one (no transaction, one statement, no ping before it: store.make_engine). Not for
    writes; a route that reads twice may see a commit land between its statements (as two
    requests would).
    On SQLite a read is outside any transaction already (Python's sqlite3 begins one only
    before a write), and setting AUTOCOMMIT would cost a PRAGMA each time the connection goes
    back to the pool (SQLAlchemy resets the level): a tenth of a pet page's time (profiled)."""
    engine = engine_of(app)
    if engine.dialect.name == "sqlite":
        return engine.connect()
    return engine.connect().execution_options(isolation_level="AUTOCOMMIT")


def row_reads(app: Flask) -> AbstractContextManager[PooledReads]:
    """A pooled connection of `app`'s engine for the one-row reads of queries/driver_rows.py
    (a pet page, its metadata), in autocommit on PostgreSQL as read_connection's, without
    SQLAlchemy's Connection around it."""
    return pooled_reads(engine_of(app))


def db() -> Session:
    """This request's session."""
    if "db_session" not in g:
        g.db_session = current_app.extensions[EXTENSION]()
    session: Session = g.db_session
    return session


def _close_session(_error: BaseException | None) -> None:
    session: Session | None = g.pop("db_session", None)
    if session is not None:
        session.close()
