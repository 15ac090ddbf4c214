"""Ganache 7.9.2 (npm `ganache`): the game's default local node.

It mines each transaction in its own block before answering eth_sendTransaction, keeps its
state in a LevelDB folder (--database.dbPath) and writes it as it goes; SIGTERM flushes it.
"""

from __future__ import annotations

from pathlib import Path

from pawchain.nodes.settings import (
    ACCOUNT_BALANCE_ETHER,
    ACCOUNT_COUNT,
    BLOCK_GAS_LIMIT,
    CHAIN_ID,
    MNEMONIC,
    NODE_MODULES_BIN,
    ChainSettings,
)

LABEL = "Ganache"
BIN = NODE_MODULES_BIN / "ganache"
HARDFORKS = ("shanghai",)  # its newest
CLIENT_PREFIX = "ganache/"  # web3_clientVersion
# Tests hold transactions in the pool, then let the node mine them all (pawchain.devchain).
PAUSE_MINING: tuple[tuple[str, list[object]], ...] = (("miner_stop", []),)
RESUME_MINING: tuple[tuple[str, list[object]], ...] = (("miner_start", []),)
SET_STORAGE = "evm_setAccountStorageAt"  # [address, slot, value]: tests that skip to a state


def state_path(db_path: Path) -> Path:
    """Where Ganache keeps a chain whose data folder is `db_path`: the folder itself."""
    return db_path


def command(settings: ChainSettings) -> list[str]:
    """The Ganache command line for these settings."""
    if settings.hardfork not in HARDFORKS:
        raise ValueError(f"Ganache has no hardfork {settings.hardfork!r} (newest: shanghai)")
    command = [
        str(BIN),
        "--server.host",
        settings.host,
        "--server.port",
        str(settings.port),
        "--chain.chainId",
        str(CHAIN_ID),
        "--chain.networkId",
        str(CHAIN_ID),
        "--chain.hardfork",
        settings.hardfork,
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
        command += ["--database.dbPath", str(state_path(settings.db_path))]
    return command
