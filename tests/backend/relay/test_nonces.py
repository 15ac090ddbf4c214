"""The nonce manager under load: concurrent submissions from threads (and from two web
processes on PostgreSQL, which record while the test's relay sends, as the worker does) become
consecutive nonces, no gap, no duplicate, each mined once."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

from pawchain.store import RelayTransaction
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
