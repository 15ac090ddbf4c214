"""Throwaway databases for the server tests: SQLite files, or databases created in the
PostgreSQL server at PAWCHAIN_TEST_POSTGRES_URL (bin/test starts one) and dropped after."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

BACKENDS = ("sqlite", "postgresql")


@contextmanager
def databases(backend: str, folder: Path) -> Iterator[Callable[[], str]]:
    """A maker of empty databases (URLs) of `backend`, dropped at exit (SQLite files in `folder`)."""
    if backend == "sqlite":
        count = iter(range(1_000))
        yield lambda: f"sqlite:///{folder / f'pawchain-{next(count)}.db'}"
        return
    server = os.environ.get("PAWCHAIN_TEST_POSTGRES_URL")
    if not server:
        pytest.skip(
            "PAWCHAIN_TEST_POSTGRES_URL is not set (bin/test starts a PostgreSQL and sets it)"
        )
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    created: list[str] = []

    def make() -> str:
        name = f"pawchain_test_{uuid.uuid4().hex[:16]}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        created.append(name)
        return make_url(server).set(database=name).render_as_string(hide_password=False)

    try:
        yield make
    finally:
        with admin.connect() as connection:
            for name in created:
                # FORCE: an indexer killed by a test may leave a connection the server has not reaped yet.
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
