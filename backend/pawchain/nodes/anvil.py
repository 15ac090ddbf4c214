"""Anvil 1.7.1 (npm `@foundry-rs/anvil-linux-amd64`, Foundry's node): the second local node.

Started with the same chain id, mnemonic, balances and block gas limit as Ganache, and the
same hardfork (shanghai) so the same bytecode runs; `cancun` is available for the gas
comparison. Like Ganache it mines each transaction in a block of its own as it arrives
(automine). It keeps its chain in memory and writes it whole to one JSON file (`--state`:
loaded at start, written on SIGTERM or SIGINT and every STATE_INTERVAL_SECONDS), blocks,
receipts and logs included, so pets and their history survive a restart. A SIGKILL loses
what happened since the last periodic write (at most STATE_INTERVAL_SECONDS).
"""

from __future__ import annotations

from pathlib import Path

from pawchain.nodes.settings import (
    ACCOUNT_BALANCE_ETHER,
    ACCOUNT_COUNT,
    BLOCK_GAS_LIMIT,
    CHAIN_ID,
    MNEMONIC,
    REPO_ROOT,
    ChainSettings,
)

LABEL = "Anvil"
BIN = REPO_ROOT / "node_modules" / "@foundry-rs" / "anvil-linux-amd64" / "bin" / "anvil"
HARDFORKS = ("shanghai", "cancun")
CLIENT_PREFIX = "anvil/"  # web3_clientVersion
# Anvil has no miner_stop/miner_start: automine off keeps transactions in the pool, and one
# evm_mine takes them all into a block, as Ganache's miner_start does.
PAUSE_MINING: tuple[tuple[str, list[object]], ...] = (("evm_setAutomine", [False]),)
RESUME_MINING: tuple[tuple[str, list[object]], ...] = (
    ("evm_mine", []),
    ("evm_setAutomine", [True]),
)
SET_STORAGE = "anvil_setStorageAt"  # [address, slot, value], as Ganache's evm_setAccountStorageAt
STATE_FILE = "anvil-state.json"
STATE_INTERVAL_SECONDS = 5  # a small game's state is a few hundred kB: cheap to rewrite


def state_path(db_path: Path) -> Path:
    """Where Anvil keeps a chain whose data folder is `db_path` (beside Ganache's files, which
    it never reads: switching nodes deploys afresh, see pawchain.deployment)."""
    return db_path / STATE_FILE


def command(settings: ChainSettings) -> list[str]:
    """The Anvil command line for these settings."""
    if settings.hardfork not in HARDFORKS:
        raise ValueError(
            f"the game runs Anvil with {' or '.join(HARDFORKS)}, not {settings.hardfork!r}"
        )
    command = [
        str(BIN),
        "--host",
        settings.host,
        "--port",
        str(settings.port),
        "--chain-id",
        str(CHAIN_ID),
        "--hardfork",
        settings.hardfork,
        "--mnemonic",
        MNEMONIC,
        "--accounts",
        str(ACCOUNT_COUNT),
        "--balance",
        str(ACCOUNT_BALANCE_ETHER),
        "--gas-limit",
        str(BLOCK_GAS_LIMIT),
        "--quiet",
    ]
    if settings.db_path is not None:
        command += [
            "--state",
            str(state_path(settings.db_path)),
            "--state-interval",
            str(STATE_INTERVAL_SECONDS),
        ]
    return command
