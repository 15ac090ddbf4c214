"""A generated PostgreSQL database kept on a server between benchmark runs, by name.

At 1,000,000 pets and 10,000,000 events the data takes a quarter of an hour to generate and
several gigabytes of disk, so bin/bench-http generates it straight into PostgreSQL (COPY, no
SQLite file in between) and, on a server that outlives the run (PAWCHAIN_BENCH_POSTGRES_URL),
keeps it under a name that says its scale and schema revision for the next run. It is filled
under a `_partial` name and renamed once complete, so a run that was stopped half-way leaves
nothing that a later run would take for whole.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import create_engine, text

from tests.bench.throwaway_postgres import administer, database_url, fresh_database

Fill = Callable[[str], None]  # fills the empty database at this URL


def _exists(server: str, name: str) -> bool:
    admin = create_engine(server)
    try:
        with admin.connect() as connection:
            return bool(
                connection.scalar(
                    text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
                )
            )
    finally:
        admin.dispose()


def kept_database(server: str, name: str, fill: Fill, regenerate: bool = False) -> tuple[str, bool]:
    """The URL of database `name` on `server`, filled by `fill` unless it is already there (or
    `regenerate`); and whether it was reused."""
    if not regenerate and _exists(server, name):
        return database_url(server, name), True
    partial = f"{name}_partial"
    fill(fresh_database(server, partial))
    # Nothing may be connected to a database being renamed: the filler's pool is gone.
    administer(
        server,
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
        f'ALTER DATABASE "{partial}" RENAME TO "{name}"',
    )
    return database_url(server, name), False
