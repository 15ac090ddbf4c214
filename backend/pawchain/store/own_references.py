"""A transaction whose writer checks its rows' references itself, where that is faster.

SQLite enforces foreign keys row by row, and an UPDATE of a table that references itself
(`pets`: matron, sire, the sire a matron is pregnant by) is then planned far more dearly:
upserting a batch's 850 pets took 45 ms with enforcement and 9 ms without (docs/benchmarks.md,
"Indexer"). The indexer's batch thus runs with SQLite's enforcement off on its connection, and
the projection that writes references checks those of its rows in one query before the
commit (handlers/pets.py), which is what a deferred foreign key does at commit.
PostgreSQL checks references cheaply: there the transaction is an ordinary one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from pawchain.store.database import transaction


@contextmanager
def transaction_checking_own_references(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session in one transaction (committed if the block succeeds) in which, on SQLite, the
    database does not enforce foreign keys: the writer must check them (references_enforced)."""
    engine = factory.kw.get("bind")
    if not isinstance(engine, Engine) or engine.dialect.name != "sqlite":
        with transaction(factory) as session:
            yield session
        return
    with engine.connect() as connection:
        # SQLite ignores this PRAGMA inside a transaction; the driver opens one only at the
        # first write, so here none is open yet.
        connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
        connection.commit()
        try:
            with factory(bind=connection) as session, session.begin():
                yield session
        finally:
            restored = False
            try:
                connection.rollback()
                connection.exec_driver_sql("PRAGMA foreign_keys = ON")
                connection.commit()
                restored = True
            finally:
                if not restored:
                    # Never hand the pool a connection that skips the checks.
                    connection.invalidate()


def references_enforced(session: Session) -> bool:
    """Whether the database checks this session's foreign keys itself."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return True
    return bool(connection.exec_driver_sql("PRAGMA foreign_keys").scalar())
