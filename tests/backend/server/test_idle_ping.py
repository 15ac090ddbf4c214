"""PostgreSQL connections pinged at checkout only after lying idle (store/idle_ping.py): a
connection whose server process died while it lay in the pool is replaced before use; one
back in the pool a moment ago is handed out without a ping."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from pawchain.store import make_engine
from pawchain.store.idle_ping import IDLE_SECONDS, ping_when_idle
from tests.support.databases import databases


@pytest.fixture
def postgres_url(tmp_path: Path) -> Iterator[str]:
    with databases("postgresql", tmp_path) as make:
        yield make()


def _engine(url: str, idle_seconds: float) -> Engine:
    engine = make_engine(url, pool_pre_ping=False, pool_size=1, max_overflow=0)
    ping_when_idle(engine, idle_seconds)
    return engine


def _backend_pid(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(text("SELECT pg_backend_pid()")))


def _terminate(url: str, pid: int) -> None:
    killer = make_engine(url)
    try:
        with killer.connect() as connection:
            assert connection.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    finally:
        killer.dispose()
    time.sleep(0.2)  # the server process is gone before the pool hands the connection out


def test_a_connection_killed_while_idle_is_replaced_before_use(postgres_url: str) -> None:
    engine = _engine(postgres_url, idle_seconds=0.1)
    try:
        dead = _backend_pid(engine)
        _terminate(postgres_url, dead)  # sleeps past idle_seconds: the checkout pings
        assert _backend_pid(engine) != dead  # the same pool's one connection, replaced
    finally:
        engine.dispose()


def test_a_connection_used_a_moment_ago_is_not_pinged(postgres_url: str) -> None:
    engine = _engine(postgres_url, idle_seconds=60)
    try:
        _terminate(postgres_url, _backend_pid(engine))
        # No ping within the minute: the first statement finds the dead connection (and
        # the pool drops it), the next one gets a new connection.
        with pytest.raises(OperationalError):
            _backend_pid(engine)
        assert _backend_pid(engine) > 0
    finally:
        engine.dispose()


def test_make_engine_pings_postgresql_connections_only_after_lying_idle(
    postgres_url: str,
) -> None:
    engine = make_engine(
        postgres_url, pool_size=1, max_overflow=0
    )  # the defaults every process has
    try:
        _terminate(postgres_url, _backend_pid(engine))
        with pytest.raises(OperationalError):  # back in the pool a moment ago: not pinged
            _backend_pid(engine)
        dead = _backend_pid(engine)
        _terminate(postgres_url, dead)
        time.sleep(IDLE_SECONDS)
        assert _backend_pid(engine) != dead  # idle long enough: pinged and replaced
    finally:
        engine.dispose()


def test_make_engine_lends_the_most_recently_returned_postgresql_connection_first(
    postgres_url: str,
) -> None:
    engine = make_engine(postgres_url)  # the defaults every process has
    try:
        first, second = engine.connect(), engine.connect()
        first_pid, second_pid = (
            int(c.scalar(text("SELECT pg_backend_pid()"))) for c in (first, second)
        )
        first.close()
        second.close()  # returned last: lent first (a queue would lend `first` again)
        assert _backend_pid(engine) == second_pid != first_pid
        assert _backend_pid(engine) == second_pid  # and again, while `first` sleeps
    finally:
        engine.dispose()
