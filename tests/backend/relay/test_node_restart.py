"""Ganache stopped and started again while transactions wait in its pool: the restarted node
has lost them, and the tracker sends the stored signed bytes again."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pawchain import devchain
from pawchain.relay import Call
from tests.backend.relay.conftest import RelayMaker, WebMaker
from tests.backend.relay.relay_game import RelayGame, dev_key
from tests.backend.relay.signing import forward_body, signed_request
from tests.support.ports import free_server_port


@dataclass
class PersistedChain:
    settings: devchain.ChainSettings
    process: subprocess.Popen

    def restart(self) -> None:
        """Stop Ganache (it flushes its database) and start it on the same data."""
        devchain.stop(self.process)
        self.process = devchain.start(self.settings)


@pytest.fixture
def chain(tmp_path: Path) -> Iterator[PersistedChain]:
    # this test's own chain, kept on disk, on a port chosen now (a fixed one could be another
    # run's on the same machine); the restart reuses it
    settings = devchain.ChainSettings(port=free_server_port(), db_path=tmp_path / "chain")
    chain = PersistedChain(settings, devchain.start(settings))
    try:
        yield chain
    finally:
        devchain.stop(chain.process)


def _payment(n: int) -> Call:
    """1 wei to an account (given in lower case): needs no contract on the new chain."""
    return Call(to="0x" + "ab" * 20, data=b"", value=1, idempotency_key=f"restart-{n}")


def test_transactions_in_flight_survive_a_node_restart(
    make_relay: RelayMaker, database_url: str, chain: PersistedChain
):
    relay = make_relay(database_url, dev_key(7), rpc_url=chain.settings.rpc_url)
    node = relay.sender.node
    devchain.pause_mining(chain.settings.rpc_url)
    sent = [relay.sender.submit(_payment(n)) for n in range(3)]
    assert all(node.knows(status.tx_hash or "") for status in sent)

    chain.restart()
    assert not any(node.knows(status.tx_hash or "") for status in sent)  # its pool is gone
    report = relay.tracker.tick()
    assert sorted(report.rebroadcast) == sorted(status.id for status in sent)
    relay.settle()
    for status in sent:
        final = relay.sender.status(status.id)
        assert (final.state, final.nonce, final.tx_hash) == ("mined", status.nonce, status.tx_hash)
    assert node.nonce(relay.sender.address, "latest") == 3


def test_forward_requests_accepted_over_http_survive_a_node_restart(
    make_relay: RelayMaker, make_web: WebMaker, database_url: str, chain: PersistedChain
):
    game = RelayGame.deploy_with_forwarder(chain.settings.rpc_url)
    relay = make_relay(database_url, dev_key(7), rpc_url=chain.settings.rpc_url)
    api = make_web(relay, of=game).test_client()
    devchain.pause_mining(chain.settings.rpc_url)
    accepted = []
    for n in (1, 2, 3):
        call = game.pets.functions.setApprovalForAll(game.account(8), True)
        answer = api.post(
            "/api/v1/relay/forward", json=forward_body(signed_request(game, call, dev_key(n)))
        )
        assert answer.status_code == 202, answer.json
        accepted.append(answer.get_json())
    chain.restart()  # the pool is gone; the restarted node mines again
    relay.settle()
    for status in accepted:
        final = api.get(f"/api/v1/relay/requests/{status['id']}").get_json()
        assert (final["state"], final["tx_hash"]) == ("mined", status["tx_hash"])
    assert all(
        game.pets.functions.isApprovedForAll(game.account(n), game.account(8)).call()
        for n in (1, 2, 3)
    )
