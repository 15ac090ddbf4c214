"""A stopped relay worker leaves no LISTEN connection of its own: the listener it made for
itself (given none) has given its connection back to the pool when run_worker returns, so the
engine can be disposed at once. A listener passed in stays the caller's to close."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.pool import QueuePool

from pawchain.relay.worker import run_worker
from pawchain.store import make_engine
from pawchain.store.wakeups import RECORDED_CHANNEL, Wakeups
from tests.backend.relay.conftest import Relay, RelayMaker
from tests.backend.relay.relay_game import RelayGame
from tests.support.databases import databases

LISTENING = f"LISTEN {RECORDED_CHANNEL}"  # the listener's last statement while it listens


@pytest.fixture
def postgres_relay(make_relay: RelayMaker, game: RelayGame, tmp_path: Path) -> Iterator[Relay]:
    """A relay on PostgreSQL (LISTEN exists there only)."""
    with databases("postgresql", tmp_path) as make:
        yield make_relay(make(), game.new_funded_key())


def _listeners(relay: Relay) -> int:
    """Server processes on `relay`'s database listening on the relay's channel."""
    observer = make_engine(_engine(relay).url.render_as_string(hide_password=False))
    try:
        with observer.connect() as connection:
            return int(
                connection.scalar(
                    text(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        " AND pid <> pg_backend_pid() AND query = :listening"
                    ),
                    {"listening": LISTENING},
                )
            )
    finally:
        observer.dispose()


def _engine(relay: Relay) -> Engine:
    engine = relay.sessions.kw["bind"]
    assert isinstance(engine, Engine) and isinstance(engine.pool, QueuePool)
    return engine


def _start(relay: Relay, wakeups: Wakeups | None) -> tuple[threading.Event, threading.Thread]:
    """run_worker in a thread, returned once a listener listens on the relay's database."""
    stop = threading.Event()
    worker = threading.Thread(
        target=run_worker,
        args=(relay.tracker, None, stop, lambda _line: None),
        kwargs={"tick_seconds": 0.05, "wakeups": wakeups},
        daemon=True,
    )
    worker.start()
    deadline = time.monotonic() + 30
    while _listeners(relay) == 0:
        assert time.monotonic() < deadline, "no listener ever listened"
        assert worker.is_alive(), "the worker ended before it listened"
        time.sleep(0.05)
    return stop, worker


def test_the_workers_own_listener_is_closed_when_it_stops(postgres_relay: Relay):
    stop, worker = _start(postgres_relay, None)
    stop.set()
    worker.join(30)
    assert not worker.is_alive()
    pool = _engine(postgres_relay).pool
    assert isinstance(pool, QueuePool) and pool.checkedout() == 0  # the listener gave it back
    assert _listeners(postgres_relay) == 0


def test_a_listener_passed_in_is_left_to_its_owner(postgres_relay: Relay):
    engine = _engine(postgres_relay)
    wakeups = Wakeups(engine, (RECORDED_CHANNEL,))
    try:
        stop, worker = _start(postgres_relay, wakeups)
        stop.set()
        worker.join(30)
        assert not worker.is_alive()
        assert _listeners(postgres_relay) == 1  # still ours
    finally:
        wakeups.close()
    assert _listeners(postgres_relay) == 0
