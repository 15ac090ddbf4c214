"""The project's local chain: one place that knows how the development node is started.

The game's run command keeps its chain in a data folder so that pets survive restarts; the
tests start a fresh, in-memory chain on another port. Both use the same settings, so what
passes in the tests is what a player's local game runs on. The node is Ganache unless
PAWCHAIN_CHAIN=anvil chooses Anvil; each node's command line lives in pawchain.nodes.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from pawchain.nodes import NODES, node

# Re-exported: the rest of the project imports the shared settings from here.
from pawchain.nodes.settings import (
    ACCOUNT_BALANCE_ETHER,
    ACCOUNT_COUNT,
    BLOCK_GAS_LIMIT,
    CHAIN_ID,
    HARDFORK,
    MNEMONIC,
    REPO_ROOT,
    ChainSettings,
)

__all__ = [
    "ACCOUNT_BALANCE_ETHER",
    "ACCOUNT_COUNT",
    "BLOCK_GAS_LIMIT",
    "CHAIN_ID",
    "GAME_PORT",
    "HARDFORK",
    "MNEMONIC",
    "RELAY_ACCOUNT",
    "REPO_ROOT",
    "TEST_PORT",
    "ChainSettings",
    "DevchainError",
    "development_key",
    "is_listening",
    "main",
    "mined_receipt",
    "node_at",
    "node_command",
    "pause_mining",
    "resume_mining",
    "rpc_call",
    "set_storage",
    "start",
    "stop",
]

GAME_PORT = 8545
TEST_PORT = 8546


class DevchainError(RuntimeError):
    """The local chain could not be started or reached."""


def node_command(settings: ChainSettings) -> list[str]:
    """The command line of the node `settings` names, with the project's settings."""
    chosen = node(settings.node)
    if not chosen.BIN.exists():
        raise DevchainError(f"{chosen.BIN} is missing: run bin/setup first")
    try:
        return list(chosen.command(settings))
    except ValueError as exc:
        raise DevchainError(str(exc)) from exc


RELAY_ACCOUNT = (
    9  # the local game's relay account; the web app's development wallet offers 1-8 as players
)


def development_key(index: int) -> str:
    """The private key of development account `index` (public by design: MNEMONIC). Never
    printed; for the local chain only."""
    from eth_account import Account  # here: the chain commands need no eth_account otherwise

    Account.enable_unaudited_hdwallet_features()
    return Account.from_mnemonic(MNEMONIC, account_path=f"m/44'/60'/0'/0/{index}").key.to_0x_hex()


def rpc_call(url: str, method: str, params: list[Any] | None = None, timeout: float = 2.0) -> Any:
    """One JSON-RPC call: its result as JSON decodes it; raises DevchainError if the node does
    not answer."""
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params or []})
    request = urllib.request.Request(url, body.encode(), {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            reply = json.load(response)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise DevchainError(f"no JSON-RPC answer from {url}: {exc}") from exc
    if "error" in reply:
        raise DevchainError(f"{method} failed: {reply['error']}")
    return reply["result"]


def is_listening(settings: ChainSettings) -> bool:
    """True if some node already answers at this address."""
    try:
        rpc_call(settings.rpc_url, "eth_chainId", timeout=0.5)
    except DevchainError:
        return False
    return True


def mined_receipt(url: str, tx_hash: str, timeout: float = 30.0) -> dict:
    """The receipt of `tx_hash`, waiting for it: Ganache mines a transaction before it answers
    eth_sendTransaction, Anvil just after."""
    deadline = time.monotonic() + timeout
    while True:
        receipt = rpc_call(url, "eth_getTransactionReceipt", [tx_hash])
        if isinstance(receipt, dict):
            return receipt
        if time.monotonic() > deadline:
            raise DevchainError(f"{tx_hash} was not mined within {timeout:.0f} s")
        time.sleep(0.05)


def node_at(url: str) -> str:
    """Which of our nodes answers at `url` ("ganache" or "anvil"), by its client version."""
    client = str(rpc_call(url, "web3_clientVersion")).lower()
    for name, module in NODES.items():
        if client.startswith(module.CLIENT_PREFIX):
            return name
    raise DevchainError(f"{url} runs {client}, not one of the game's local nodes")


def pause_mining(url: str) -> None:
    """Keep new transactions in the node's pool until resume_mining (tests of the relay)."""
    for method, params in node(node_at(url)).PAUSE_MINING:
        rpc_call(url, method, list(params))


def resume_mining(url: str) -> None:
    """Mine what the pool holds, and each new transaction again as it arrives."""
    for method, params in node(node_at(url)).RESUME_MINING:
        rpc_call(url, method, list(params))


def set_storage(url: str, address: str, slot: int, value: int) -> None:
    """Write one storage word of a contract (tests that skip ahead to a state)."""
    words = ["0x" + number.to_bytes(32, "big").hex() for number in (slot, value)]
    rpc_call(url, node(node_at(url)).SET_STORAGE, [address, *words])


def start(
    settings: ChainSettings, log_path: Path | None = None, timeout: float = 60.0
) -> subprocess.Popen:
    """Start the node `settings` names and return once it answers JSON-RPC.

    Raises DevchainError if something else already listens on the port (attaching to a
    stranger's chain would mix test and game state) or if the node does not come up.
    """
    if is_listening(settings):
        raise DevchainError(f"a node already listens on {settings.rpc_url}")
    if settings.db_path is not None:
        settings.db_path.mkdir(parents=True, exist_ok=True)
    # Our copy of the log file is closed once the node started: it holds its own (ours would
    # leak, a ResourceWarning in tests).
    with contextlib.ExitStack() as stack:
        log = stack.enter_context(open(log_path, "ab")) if log_path else subprocess.DEVNULL
        process = subprocess.Popen(
            node_command(settings),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C in the terminal reaches us; we stop the node cleanly
        )
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise DevchainError(
                    f"{settings.node} exited with code {process.returncode}; see {log_path or 'its output'}"
                )
            if is_listening(settings):
                return process
            time.sleep(0.2)
    except BaseException:
        # Interrupted while waiting (Ctrl-C, SIGTERM): the node is in its own session, so no
        # signal reaches it; stop it here or it outlives us.
        stop(process)
        raise
    stop(process)
    raise DevchainError(
        f"{settings.node} did not answer on {settings.rpc_url} within {timeout:.0f} s"
    )


def stop(process: subprocess.Popen, timeout: float = 20.0) -> None:
    """Stop the node gently (Ganache flushes its database, Anvil writes its state file on
    SIGTERM), then firmly."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Run the project's local chain (PAWCHAIN_CHAIN: ganache or anvil) in the foreground."
    )
    parser.add_argument("--port", type=int, default=GAME_PORT)
    parser.add_argument(
        "--db", type=Path, default=None, help="data folder; omit for an in-memory chain"
    )
    parser.add_argument("--fresh", action="store_true", help="delete the data folder first")
    return parser.parse_args(argv)


def _exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    """Entry point: start a chain and hold it until interrupted."""
    args = _parse_args(sys.argv[1:] if argv is None else argv)
    # `kill PID` must stop the node too, as Ctrl-C does: by default SIGTERM ends Python
    # without running the `finally` below, and the node (its own session) would live on.
    signal.signal(signal.SIGTERM, _exit_on_signal)
    if args.fresh and args.db is not None and args.db.exists():
        shutil.rmtree(args.db)
    settings = ChainSettings(port=args.port, db_path=args.db)
    process = start(settings)  # stops the node itself if interrupted before it answers
    try:
        # Inside the try: a signal that arrives while we print must still stop the node.
        kept = f"kept in {args.db}" if args.db else "in memory"
        print(f"{settings.node} {settings.rpc_url} chain id {CHAIN_ID} ({kept})")
        process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop(process)
    return 0


if __name__ == "__main__":
    os.chdir(REPO_ROOT)
    sys.exit(main())
