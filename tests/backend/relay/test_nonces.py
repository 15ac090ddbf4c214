"""The nonce manager under load: concurrent submissions from threads (and from two web
processes on PostgreSQL, which record while the test's relay sends, as the worker does) become
consecutive nonces, no gap, no duplicate, each mined once."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import event, func, select

from pawchain.relay import nonce_batch as nonce_batch_module
from pawchain.store import RelayTransaction
from pawchain.store.relay_models import RelayAttempt, SponsorUsage
from tests.backend.relay.calls import approval_call
from tests.backend.relay.conftest import Relay, RelayMaker
from tests.backend.relay.relay_game import RelayGame
from tests.support.pet_game import REPO_ROOT

REQUESTS = 50


def _assert_consecutive_and_mined(relay: Relay, first_nonce: int, count: int) -> None:
    relay.settle()
    with relay.sessions() as session:
        rows = session.scalars(select(RelayTransaction)).all()
    assert len(rows) == count
    assert sorted(row.nonce for row in rows if row.nonce is not None) == list(
        range(first_nonce, first_nonce + count)
    )
    assert {row.state for row in rows} == {"mined"}
    assert len({row.tx_hash for row in rows}) == count
    node = relay.sender.node
    assert (
        node.nonce(relay.sender.address, "latest") == first_nonce + count
    )  # the chain agrees: nothing else sent


def test_fifty_concurrent_submissions_get_consecutive_nonces(relay: Relay, game: RelayGame):
    first = relay.sender.node.nonce(relay.sender.address)
    # Blocks come after the burst, as on a live chain (and Ganache mining a block per
    # transaction would make this a test of its miner: about 4 transactions a second).
    with game.miner_stopped(), ThreadPoolExecutor(REQUESTS) as pool:
        statuses = list(
            pool.map(
                lambda i: relay.sender.submit(approval_call(game, f"load-{i}")), range(REQUESTS)
            )
        )
    assert len({status.id for status in statuses}) == REQUESTS
    _assert_consecutive_and_mined(relay, first, REQUESTS)


def test_two_processes_share_the_nonce_sequence(
    make_relay: RelayMaker, database_url: str, game: RelayGame, chain_url: str
):
    if not database_url.startswith("postgresql"):
        pytest.skip(
            "two processes writing one SQLite file is not the server's deployment; PostgreSQL is"
        )
    key = game.new_funded_key()
    relay = make_relay(database_url, key)  # migrates and registers the account
    first = relay.sender.node.nonce(relay.sender.address)
    env = {**os.environ, "PYTHONPATH": f"{REPO_ROOT / 'backend'}:{REPO_ROOT}"}
    with game.miner_stopped():
        processes = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.backend.relay.submit_many",
                    database_url,
                    chain_url,
                    key,
                    game.pets.address,
                    game.account(8),
                    f"process-{n}",
                    str(REQUESTS // 2),
                ],
                cwd=REPO_ROOT,
                env=env,
            )
            for n in range(2)
        ]
        assert [process.wait(60) for process in processes] == [0, 0]
    _assert_consecutive_and_mined(relay, first, REQUESTS)


def test_a_request_the_tracker_numbered_while_its_batch_waited_keeps_that_one_nonce(
    relay: Relay, game: RelayGame, database_url: str, monkeypatch: pytest.MonkeyPatch
):
    # A web process accepts a request, then numbers it in a batch (PostgreSQL). Here the batch
    # waits so long that the tracker takes the request for lost and dispatches it first: the
    # batch must give it no second nonce and no second signature.
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite numbers a request in the transaction that accepts it: no batch")
    web = relay.another_web_process()
    first = relay.sender.node.nonce(relay.sender.address)
    pipelined = nonce_batch_module.pipelined
    ticked: list[bool] = []

    def tracker_first(*args: Any, **kwargs: Any) -> Any:
        if not ticked:  # before the batch's first statements (its nonces)
            relay.clock.now += 60  # past the grace: the request's web process looks dead
            relay.tracker.tick()  # the worker dispatches it (its nonce, signed, sent)
            ticked.append(True)
        return pipelined(*args, **kwargs)

    monkeypatch.setattr(nonce_batch_module, "pipelined", tracker_first)
    status = web.submit(approval_call(game, "numbered-twice?"))
    assert status.nonce == first  # the tracker's, read back
    _assert_consecutive_and_mined(relay, first, 1)
    with relay.sessions() as session:
        assert session.scalar(select(func.count()).select_from(RelayAttempt)) == 1


def test_a_web_process_on_postgresql_accepts_in_one_statement_and_numbers_in_a_pipeline(
    relay: Relay, game: RelayGame, database_url: str
):
    # Round trips to PostgreSQL were a request's time in a web process (docs/relay.md,
    # "Measured"): its accepting transaction is one statement sent alone (autocommit: no BEGIN,
    # no COMMIT), and its batch's statements go in psycopg's pipeline mode, past SQLAlchemy's
    # cursor (store.pipeline). So SQLAlchemy runs exactly one statement for the request, outside
    # a transaction; the request still gets its nonce and budget. (About 0.2 s.)
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite accepts and numbers in one transaction; PostgreSQL only")
    web = relay.another_web_process()
    first = relay.sender.node.nonce(relay.sender.address)
    engine = web.sessions.kw["bind"]
    seen: list[tuple[str, bool]] = []

    def record(connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append((statement, connection.connection.driver_connection.autocommit))

    event.listen(engine, "before_cursor_execute", record)
    try:
        call = approval_call(game, "one-statement", sponsored=game.account(3))
        status = web.submit(call, looked_up=True)  # as a forward request is: no lookup first
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert [autocommit for _statement, autocommit in seen] == [True], seen
    assert "INSERT INTO relay_transactions" in seen[0][0]
    assert status.nonce == first
    with relay.sessions() as session:
        row = session.get(RelayTransaction, status.id)
        assert row is not None and session.scalar(select(SponsorUsage.gas)) == row.gas_limit
    _assert_consecutive_and_mined(relay, first, 1)
