"""The relay as it runs: gunicorn (2 workers × 8 threads: submit in several processes at once)
and the `pawchain relay` worker process, over real HTTP. 50 concurrent requests leave no
nonce gap and no duplicate; the server and the worker restarted (killed) while transactions
wait in the pool lose nothing; the worker's midwife delivers a prepaid birth and books it."""

from __future__ import annotations

import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from eth_account import Account
from eth_typing import HexStr
from sqlalchemy import select

from pawchain import devchain
from pawchain.store import MidwifeBirth, RelayTransaction
from tests.backend.relay.conftest import Relay
from tests.backend.relay.relay_game import RelayGame
from tests.backend.relay.signing import forward_body, signed_request
from tests.support.indexing import indexer_for
from tests.support.relay_server import (
    Worker,
    http_json,
    relay_settings,
    relay_worker,
    wait_for_states,
    web_server,
)

CONCURRENT = 50
FEE = 10**15
WEEK = 7 * 24 * 3600


@pytest.fixture
def settings(relay: Relay, game: RelayGame, chain_url: str, tmp_path: Path) -> dict[str, str]:
    url = relay.sessions.kw["bind"].url.render_as_string(hide_password=False)
    return relay_settings(
        url, chain_url, game.deployment(), relay.sender.settings.signing_key, tmp_path
    )


def new_players(count: int) -> list[str]:
    """Keys of players who never held ether: gasless play needs none."""
    return [Account.create().key.to_0x_hex() for _ in range(count)]


def approval_body(game: RelayGame, key: str, operator: int = 8) -> dict:
    return forward_body(
        signed_request(
            game, game.pets.functions.setApprovalForAll(game.account(operator), True), key
        )
    )


def nonces(relay: Relay) -> list[int]:
    with relay.sessions() as session:
        return sorted(n for n in session.scalars(select(RelayTransaction.nonce)) if n is not None)


def test_50_concurrent_http_requests_get_consecutive_nonces(
    settings: dict[str, str], relay: Relay, game: RelayGame, tmp_path: Path
):
    bodies = [approval_body(game, key) for key in new_players(CONCURRENT)]
    with (
        web_server(settings, tmp_path / "web.log") as url,
        relay_worker(settings, tmp_path / "relay.log"),
    ):
        with ThreadPoolExecutor(CONCURRENT) as pool:
            answers = list(
                pool.map(
                    lambda body: http_json("POST", f"{url}/api/v1/relay/forward", body), bodies
                )
            )
        assert [status for status, _ in answers] == [202] * CONCURRENT, answers
        ids = [body["id"] for _, body in answers]
        statuses = wait_for_states(url, ids, {"mined", "failed"})
    assert {status["state"] for status in statuses.values()} == {"mined"}
    assert nonces(relay) == list(range(CONCURRENT))  # no gap, no duplicate
    node = relay.sender.node
    assert (
        node.nonce(relay.sender.address, "latest") == CONCURRENT
    )  # the chain counts exactly these
    hashes = {status["tx_hash"] for status in statuses.values()}
    receipts = [node.receipt(h) for h in hashes]
    assert len(hashes) == CONCURRENT and all(
        receipt is not None and receipt.status == 1 for receipt in receipts
    )


def test_server_and_worker_killed_with_transactions_in_flight_lose_nothing(
    settings: dict[str, str], relay: Relay, game: RelayGame, tmp_path: Path
):
    first, later = new_players(4), new_players(3)
    with game.miner_stopped():
        with web_server(settings, tmp_path / "web.log") as url:
            worker = Worker(settings, tmp_path / "relay.log", "relay")
            accepted = [
                http_json("POST", f"{url}/api/v1/relay/forward", approval_body(game, key))
                for key in first
            ]
            assert [status for status, _ in accepted] == [202] * len(first)
            # the worker broadcasts them: in the node's pool, not mined
            wait_for_states(url, [body["id"] for _, body in accepted], {"sent"})
            assert worker.stop(signal.SIGKILL) == -signal.SIGKILL  # a crash: nothing is flushed
        # gunicorn stopped; a new server and a new worker on the same database
        with (
            web_server(settings, tmp_path / "web.log") as url,
            relay_worker(settings, tmp_path / "relay.log"),
        ):
            again = http_json("POST", f"{url}/api/v1/relay/forward", approval_body(game, first[0]))
            assert (again[0], again[1]["id"]) == (
                202,
                accepted[0][1]["id"],
            )  # the same request: one transaction
            more = [
                http_json("POST", f"{url}/api/v1/relay/forward", approval_body(game, key))
                for key in later
            ]
            devchain.resume_mining(game.rpc_url)
            ids = [body["id"] for _, body in accepted + more]
            statuses = wait_for_states(url, ids, {"mined", "failed"})
    assert {status["state"] for status in statuses.values()} == {"mined"}
    assert nonces(relay) == list(range(len(first) + len(later)))
    assert relay.sender.node.nonce(relay.sender.address, "latest") == len(first) + len(later)


def test_the_worker_delivers_a_prepaid_birth_and_books_it(
    settings: dict[str, str], relay: Relay, game: RelayGame, database_url: str, tmp_path: Path
):
    owner = game.account(1)
    game.set_birth_fee(FEE)
    matron, sire = game.mint(owner), game.mint(owner)
    game.breed(matron, sire, fee=FEE)
    game.advance(
        WEEK
    )  # due by the chain's clock (the worker judges by the chain's latest block or the wall clock)
    engines: list = []
    indexer = indexer_for(database_url, game, engines)
    indexer.sync()
    balance_before = game.web3.eth.get_balance(relay.sender.address)
    with relay_worker(settings, tmp_path / "relay.log", "--mine-when-waiting") as worker:
        deadline = time.monotonic() + 60
        while True:
            with relay.sessions() as session:
                births = session.scalars(
                    select(MidwifeBirth).where(MidwifeBirth.matron_id == matron)
                ).all()
            if births and births[0].spent is not None:
                break
            assert worker.process.poll() is None, (tmp_path / "relay.log").read_text()
            assert time.monotonic() < deadline, (tmp_path / "relay.log").read_text()
            time.sleep(0.3)
    (booked,) = births
    assert (booked.note, booked.earned) == ("born", FEE)
    assert tuple(game.pets.functions.getPet(booked.child_id).call())[3:5] == (matron, sire)
    # The midwife sealed the pregnancy's seed first (the game's cost, not booked per birth).
    with relay.sessions() as session:
        seals = session.scalars(
            select(RelayTransaction).where(RelayTransaction.idempotency_key.like("seal:%"))
        ).all()
    receipts = [game.web3.eth.get_transaction_receipt(HexStr(row.tx_hash or "")) for row in seals]
    sealing = sum(receipt["gasUsed"] * receipt["effectiveGasPrice"] for receipt in receipts)
    assert booked.spent is not None
    assert (
        game.web3.eth.get_balance(relay.sender.address)
        == balance_before + FEE - booked.spent - sealing
    )
    assert "midwife: sent giveBirth" in (tmp_path / "relay.log").read_text()
    game.set_birth_fee(0)
    for engine in engines:
        engine.dispose()
