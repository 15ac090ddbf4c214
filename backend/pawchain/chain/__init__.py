"""The chain as the server sees it: web3.py, the contracts' ABIs, their addresses.

Imports nothing else of the game; the addresses come from the caller (the deployment record).
"""

from pawchain.chain.abis import ALL_CONTRACTS, CONTRACTS, load_abi
from pawchain.chain.client import (
    BlockHeader,
    ChainError,
    ChainReader,
    DecodedLog,
    untimed_blocks,
)

__all__ = [
    "ALL_CONTRACTS",
    "CONTRACTS",
    "BlockHeader",
    "ChainError",
    "ChainReader",
    "DecodedLog",
    "load_abi",
    "untimed_blocks",
]
