"""pawchain.devchain starts the chain the contracts are compiled for, and only when it should.

Each test runs on both nodes (Ganache and Anvil, pawchain.nodes), whatever PAWCHAIN_CHAIN
says, and starts its own chain on a free port (tests/support/ports.py), so these run beside a
test chain, a game chain or another run of the suite.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pawchain import devchain, nodes
from tests.support.ports import free_server_port

ALICE, BOB = 0, 1  # account indexes


@pytest.fixture(params=sorted(nodes.NODES))
def node(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each node in turn; PAWCHAIN_CHAIN names it for what the test starts in a subprocess."""
    if not nodes.node(request.param).BIN.exists():
        pytest.fail(f"{nodes.node(request.param).BIN} is missing: run bin/setup")
    monkeypatch.setenv(nodes.ENVIRONMENT, request.param)
    return str(request.param)


@pytest.fixture
def port() -> int:
    return free_server_port()


class Chain:
    """A started devchain and a terse JSON-RPC client for it."""

    def __init__(self, settings: devchain.ChainSettings) -> None:
        self.settings = settings
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = devchain.start(self.settings)

    def stop(self) -> None:
        if self.process is not None:
            devchain.stop(self.process)
            self.process = None

    def rpc(self, method: str, *params: Any) -> Any:
        return devchain.rpc_call(self.settings.rpc_url, method, list(params), timeout=10)

    def account(self, index: int) -> str:
        return self.rpc("eth_accounts")[index]

    def send(self, **tx: Any) -> dict[str, Any]:
        """Send a transaction from an unlocked account and return its receipt."""
        tx_hash = self.rpc("eth_sendTransaction", tx)
        return devchain.mined_receipt(self.settings.rpc_url, tx_hash)


@pytest.fixture
def chain_factory(node: str) -> Iterator[Any]:
    """Makes chains of the node under test and stops every one of them, whatever the test does."""
    chains: list[Chain] = []

    def make(port: int, db_path: Path | None = None) -> Chain:
        chain = Chain(devchain.ChainSettings(port=port, db_path=db_path, node=node))
        chains.append(chain)
        return chain

    yield make
    for chain in chains:
        chain.stop()


def test_chain_id_and_shanghai_hardfork(chain_factory: Any, port: int) -> None:
    chain = chain_factory(port)
    chain.start()
    assert int(chain.rpc("eth_chainId"), 16) == devchain.CHAIN_ID == 1337
    assert "withdrawalsRoot" in chain.rpc(
        "eth_getBlockByNumber", "latest", False
    )  # Shanghai block header


def test_push0_init_code_deploys(chain_factory: Any, port: int) -> None:
    """solc 0.8.20+ emits PUSH0 for Shanghai; an older hardfork would revert this deploy."""
    chain = chain_factory(port)
    chain.start()
    receipt = chain.send(
        **{"from": chain.account(ALICE), "data": "0x5f5ff3", "gas": hex(100_000)}
    )  # PUSH0 PUSH0 RETURN
    assert receipt["status"] == "0x1"
    assert receipt["contractAddress"]


def test_state_survives_a_restart_with_a_db_path(
    chain_factory: Any, port: int, tmp_path: Path
) -> None:
    chain = chain_factory(port, db_path=tmp_path / "chain")
    chain.start()
    alice, bob = chain.account(ALICE), chain.account(BOB)
    receipt = chain.send(**{"from": alice, "to": bob, "value": hex(10**18)})
    assert receipt["status"] == "0x1"
    block, bob_balance = chain.rpc("eth_blockNumber"), chain.rpc("eth_getBalance", bob, "latest")
    assert int(block, 16) >= 1

    chain.stop()
    chain.start()
    assert chain.rpc("eth_blockNumber") == block
    assert chain.rpc("eth_getBalance", bob, "latest") == bob_balance
    assert (
        chain.rpc("eth_getTransactionReceipt", receipt["transactionHash"])["blockNumber"]
        == receipt["blockNumber"]
    )


def test_refuses_to_start_beside_a_running_chain(chain_factory: Any, port: int) -> None:
    chain_factory(port).start()
    with pytest.raises(devchain.DevchainError, match="already listens"):
        chain_factory(port).start()


def test_refuses_to_start_when_something_else_holds_the_port(chain_factory: Any, port: int) -> None:
    with socket.socket() as squatter:
        squatter.setsockopt(
            socket.SOL_SOCKET, socket.SO_REUSEADDR, 1
        )  # a chain may just have left it
        squatter.bind(("127.0.0.1", port))
        squatter.listen()
        with pytest.raises(devchain.DevchainError):
            chain_factory(port).start()


def test_terminating_the_command_stops_the_node(node: str, port: int) -> None:
    """`kill PID` on `python -m pawchain.devchain` must not leave an orphaned node."""
    settings = devchain.ChainSettings(port=port, node=node)
    command = subprocess.Popen(
        [sys.executable, "-m", "pawchain.devchain", "--port", str(port)], stdout=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while not devchain.is_listening(settings):
            assert command.poll() is None and time.monotonic() < deadline, "the chain did not start"
            time.sleep(0.2)
        command.terminate()
        command.wait(timeout=30)
        assert not devchain.is_listening(settings)
    finally:
        command.kill()


def test_same_accounts_and_balances_on_both_nodes(chain_factory: Any, port: int) -> None:
    chain = chain_factory(port)
    chain.start()
    accounts = chain.rpc("eth_accounts")
    assert len(accounts) == devchain.ACCOUNT_COUNT
    assert accounts[0].lower() == "0x90f8bf6a479f320ead074411a4b0e7944ea8c9c1"  # MNEMONIC's first
    balance = int(chain.rpc("eth_getBalance", accounts[9], "latest"), 16)
    assert balance == devchain.ACCOUNT_BALANCE_ETHER * 10**18
    latest = chain.rpc("eth_getBlockByNumber", "latest", False)
    assert int(latest["gasLimit"], 16) == devchain.BLOCK_GAS_LIMIT


def test_only_anvil_runs_cancun(node: str, port: int) -> None:
    settings = devchain.ChainSettings(port=port, node=node, hardfork="cancun")
    if node == "ganache":
        with pytest.raises(devchain.DevchainError, match="no hardfork"):
            devchain.start(settings)
        return
    chain = Chain(settings)
    chain.start()
    try:
        latest = chain.rpc("eth_getBlockByNumber", "latest", False)
        assert "blobGasUsed" in latest  # a Cancun block header
    finally:
        chain.stop()


def test_anvil_keeps_all_but_the_last_seconds_through_a_sigkill(port: int, tmp_path: Path) -> None:
    """Anvil writes its state file every STATE_INTERVAL_SECONDS (and on SIGTERM): a SIGKILL
    loses at most the transactions of the last interval, never the whole chain."""
    settings = devchain.ChainSettings(port=port, db_path=tmp_path / "chain", node="anvil")
    chain = Chain(settings)
    chain.start()
    try:
        alice, bob = chain.account(ALICE), chain.account(BOB)
        kept = chain.send(**{"from": alice, "to": bob, "value": hex(10**18)})
        time.sleep(nodes.anvil.STATE_INTERVAL_SECONDS + 1.5)  # a periodic write has happened since
        assert chain.process is not None
        chain.process.kill()
        chain.process.wait()
        chain.process = None
        chain.start()
        receipt = chain.rpc("eth_getTransactionReceipt", kept["transactionHash"])
        assert receipt["blockNumber"] == kept["blockNumber"]
    finally:
        chain.stop()
