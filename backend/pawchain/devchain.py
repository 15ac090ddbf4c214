"""The project's local Ganache: one place that knows how the development chain is started.

The game's run command keeps its chain in a data folder so that pets survive restarts; the
tests start a fresh, in-memory chain on another port. Both use the same settings, so what
passes in the tests is what a player's local game runs on.
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
GANACHE_BIN = REPO_ROOT / "node_modules" / ".bin" / "ganache"

CHAIN_ID = 1337
HARDFORK = "shanghai"  # Ganache 7.9.2's newest; the contracts are compiled for it
# Ganache's well-known development mnemonic: the accounts are public and worthless by design.
MNEMONIC = "myth like bonus scare over problem client lizard pioneer submit female collect"
ACCOUNT_COUNT = 10
ACCOUNT_BALANCE_ETHER = 10_000
BLOCK_GAS_LIMIT = 30_000_000
GAME_PORT = 8545
TEST_PORT = 8546


class DevchainError(RuntimeError):
    """The local chain could not be started or reached."""


@dataclass(frozen=True)
class ChainSettings:
    """Where a local chain listens and whether it keeps its state on disk."""

    port: int
    db_path: Path | None = None  # None: in memory, gone when the process ends
    host: str = "127.0.0.1"

    @property
    def rpc_url(self) -> str:
        return f"http://{self.host}:{self.port}"


def ganache_command(settings: ChainSettings) -> list[str]:
    """The Ganache command line for these settings."""
    if not GANACHE_BIN.exists():
        raise DevchainError(f"{GANACHE_BIN} is missing: run bin/setup first")
    command = [
        str(GANACHE_BIN),
        "--server.host",
        settings.host,
        "--server.port",
        str(settings.port),
        "--chain.chainId",
        str(CHAIN_ID),
        "--chain.networkId",
        str(CHAIN_ID),
        "--chain.hardfork",
        HARDFORK,
        "--wallet.mnemonic",
        MNEMONIC,
        "--wallet.totalAccounts",
        str(ACCOUNT_COUNT),
        "--wallet.defaultBalance",
        str(ACCOUNT_BALANCE_ETHER),
        "--miner.blockGasLimit",
        str(BLOCK_GAS_LIMIT),
        "--logging.quiet",
    ]
    if settings.db_path is not None:
        command += ["--database.dbPath", str(settings.db_path)]
    return command


RELAY_ACCOUNT = (
    9  # the local game's relay account; the web app's development wallet offers 0-8 as players
)


def development_key(index: int) -> str:
    """The private key of development account `index` (public by design: MNEMONIC). Never
    printed; for the local chain only."""
    from eth_account import Account  # here: the chain commands need no eth_account otherwise

    Account.enable_unaudited_hdwallet_features()
    return Account.from_mnemonic(MNEMONIC, account_path=f"m/44'/60'/0'/0/{index}").key.to_0x_hex()


def rpc_call(url: str, method: str, params: list[Any] | None = None, timeout: float = 2.0) -> Any:
    """One JSON-RPC call: its result, as JSON decodes it; raises DevchainError if the node does
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


def start(
    settings: ChainSettings, log_path: Path | None = None, timeout: float = 60.0
) -> subprocess.Popen:
    """Start Ganache and return once it answers JSON-RPC.

    Raises DevchainError if something else already listens on the port (attaching to a
    stranger's chain would mix test and game state) or if Ganache does not come up.
    """
    if is_listening(settings):
        raise DevchainError(f"a node already listens on {settings.rpc_url}")
    if settings.db_path is not None:
        settings.db_path.mkdir(parents=True, exist_ok=True)
    # Our copy of the log file is closed once Ganache started: it holds its own (ours would
    # leak, a ResourceWarning in tests).
    with contextlib.ExitStack() as stack:
        log = stack.enter_context(open(log_path, "ab")) if log_path else subprocess.DEVNULL
        process = subprocess.Popen(
            ganache_command(settings),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C in the terminal reaches us, and we stop Ganache cleanly
        )
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise DevchainError(
                    f"ganache exited with code {process.returncode}; see {log_path or 'its output'}"
                )
            if is_listening(settings):
                return process
            time.sleep(0.2)
    except BaseException:
        # Interrupted while waiting (Ctrl-C, SIGTERM): Ganache is in its own session, so no
        # signal reaches it; stop it here or it outlives us.
        stop(process)
        raise
    stop(process)
    raise DevchainError(f"ganache did not answer on {settings.rpc_url} within {timeout:.0f} s")


def stop(process: subprocess.Popen, timeout: float = 20.0) -> None:
    """Stop Ganache gently (it flushes its database on SIGTERM), then firmly."""
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
        description="Run the project's local Ganache in the foreground."
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
    # `kill PID` must stop Ganache too, as Ctrl-C does: by default SIGTERM ends Python
    # without running the `finally` below, and Ganache (its own session) would live on.
    signal.signal(signal.SIGTERM, _exit_on_signal)
    if args.fresh and args.db is not None and args.db.exists():
        shutil.rmtree(args.db)
    settings = ChainSettings(port=args.port, db_path=args.db)
    process = start(settings)  # stops Ganache itself if interrupted before it answers
    try:
        # Inside the try: a signal that arrives while we print must still stop Ganache.
        print(
            f"ganache {settings.rpc_url} chain id {CHAIN_ID} ({'kept in ' + str(args.db) if args.db else 'in memory'})"
        )
        process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop(process)
    return 0


if __name__ == "__main__":
    os.chdir(REPO_ROOT)
    sys.exit(main())
