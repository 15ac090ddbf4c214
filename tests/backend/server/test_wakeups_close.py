"""Closing a Wakeups gives its LISTEN connection back before the engine is disposed: disposing
then closes it. (A connection still held by the listener at dispose() was given back to the
old pool later and lay open there until garbage-collected: psycopg's ResourceWarning, an
error in whichever test ran then.)"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.pool import QueuePool

from pawchain.store import make_engine
from pawchain.store.wakeups import MOVED_CHANNEL, Wakeups
from tests.support.databases import databases


@pytest.fixture
def postgres_url(tmp_path: Path) -> Iterator[str]:
    with databases("postgresql", tmp_path) as make:
        yield make()


def _sessions_on(url: str) -> int:
    """Server processes connected to `url`'s database, besides the one asking."""
    observer = make_engine(url)
    try:
        with observer.connect() as connection:
            return int(
                connection.scalar(
                    text(
                        "SELECT count(*) FROM pg_stat_activity"
                        " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                )
            )
    finally:
        observer.dispose()


def test_closed_then_disposed_leaves_no_connection_open(postgres_url: str):
    engine = make_engine(postgres_url)
    wakeups = Wakeups(engine, (MOVED_CHANNEL,))
    deadline = time.monotonic() + 30
    while wakeups.generation() == 0:  # it wakes once when it listens
        assert time.monotonic() < deadline, "the listener never listened"
        time.sleep(0.01)
    assert _sessions_on(postgres_url) == 1  # the listener's
    wakeups.close()
    assert isinstance(engine.pool, QueuePool) and engine.pool.checkedout() == 0
    engine.dispose()
    # The server's process for a closed connection ends a moment after the client hangs up
    # (pg_stat_activity lists it until then); one left open in a pool would stay for good.
    deadline = time.monotonic() + 10
    while _sessions_on(postgres_url) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _sessions_on(postgres_url) == 0
