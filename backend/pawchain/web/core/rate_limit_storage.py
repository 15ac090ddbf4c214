"""A `limits` storage over the game's database (SQLite or PostgreSQL), for Flask-Limiter.

Every gunicorn worker (and every server on one database) counts in the same table,
`rate_limit_counters`: one row per (limit, client) window. A hit is one atomic upsert:

    INSERT ... VALUES (key, amount, now + expiry)
    ON CONFLICT (key) DO UPDATE SET
        hits = CASE WHEN expires_at <= now THEN amount ELSE hits + amount END,
        expires_at = CASE WHEN expires_at <= now THEN now + expiry ELSE expires_at END
    RETURNING hits

The database serialises two upserts of one key (PostgreSQL locks the row, SQLite the file),
so two workers counting one client never lose a hit. Expired rows are deleted by the hits
themselves, PURGE_EVERY hits of a worker, so the table holds about one row per active
client and limit.

Registered with `limits` under the scheme `pawchain-sql://`; the engine is a storage option
(Limiter(storage_uri="pawchain-sql://", storage_options={"engine": engine})).
"""

from __future__ import annotations

import itertools
import time
from typing import Any

from limits.storage import Storage
from sqlalchemy import Engine, case, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from pawchain.store import RateLimitCounter

SCHEME = "pawchain-sql"
PURGE_EVERY = 100  # hits per worker between deletions of expired windows


class DatabaseStorage(Storage):
    """Fixed-window counters in `rate_limit_counters` (the strategy Flask-Limiter uses by
    default)."""

    STORAGE_SCHEME = [SCHEME]  # noqa: RUF012  # typed by limits.storage.Storage, which its registry reads

    def __init__(
        self, uri: str | None = None, wrap_exceptions: bool = False, **options: Any
    ) -> None:
        engine = options.pop("engine", None)
        if not isinstance(engine, Engine):
            raise ValueError(f"{SCHEME}:// needs storage_options={{'engine': <SQLAlchemy Engine>}}")
        super().__init__(uri, wrap_exceptions=wrap_exceptions)
        self.engine = engine
        self._hits = itertools.count(1)

    @property
    def base_exceptions(self) -> type[Exception] | tuple[type[Exception], ...]:
        return SQLAlchemyError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Count `amount` hits of `key`, starting a window of `expiry` seconds if none is open."""
        now = time.time()
        insert = postgresql.insert if self.engine.dialect.name == "postgresql" else sqlite.insert
        table = RateLimitCounter.__table__
        upsert = insert(table).values(key=key, hits=amount, expires_at=now + expiry)
        ended = table.c.expires_at <= now
        statement = upsert.on_conflict_do_update(
            index_elements=[table.c.key],
            set_={
                "hits": case((ended, amount), else_=table.c.hits + amount),
                "expires_at": case((ended, now + expiry), else_=table.c.expires_at),
            },
        ).returning(table.c.hits)
        with self.engine.begin() as connection:
            hits = int(connection.execute(statement).scalar_one())
            if next(self._hits) % PURGE_EVERY == 0:
                connection.execute(delete(table).where(table.c.expires_at <= now))
        return hits

    def get(self, key: str) -> int:
        """Hits of `key`'s open window (0 if none is open)."""
        row = self._row(key)
        return row[0] if row is not None and row[1] > time.time() else 0

    def get_expiry(self, key: str) -> float:
        """When `key`'s window ends (unix seconds; now if none is open)."""
        row = self._row(key)
        now = time.time()
        return row[1] if row is not None and row[1] > now else now

    def _row(self, key: str) -> tuple[int, float] | None:
        with self.engine.connect() as connection:
            row = connection.execute(
                select(RateLimitCounter.hits, RateLimitCounter.expires_at).where(
                    RateLimitCounter.key == key
                )
            ).first()
        return None if row is None else (int(row[0]), float(row[1]))

    def check(self) -> bool:
        """The database answers."""
        try:
            with self.engine.connect() as connection:
                connection.execute(select(1))
        except SQLAlchemyError:
            return False
        return True

    def reset(self) -> int | None:
        """Forget every counter; how many there were."""
        with self.engine.begin() as connection:
            return int(connection.execute(delete(RateLimitCounter)).rowcount)

    def clear(self, key: str) -> None:
        """Forget `key`'s counter."""
        with self.engine.begin() as connection:
            connection.execute(delete(RateLimitCounter).where(RateLimitCounter.key == key))
