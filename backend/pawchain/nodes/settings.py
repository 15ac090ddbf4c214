"""What every local node of the game shares: the chain's identity, accounts and limits.

Both nodes start from these, so the same deployment script, the same development wallet and
the same tests run on either (pawchain.nodes.ganache, pawchain.nodes.anvil).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
NODE_MODULES_BIN = REPO_ROOT / "node_modules" / ".bin"

CHAIN_ID = 1337
# Ganache's well-known development mnemonic: the accounts are public and worthless by design.
MNEMONIC = "myth like bonus scare over problem client lizard pioneer submit female collect"
HARDFORK = "shanghai"  # Ganache 7.9.2's newest; the contracts are compiled for it
ACCOUNT_COUNT = 10
# Account 0 deploys and holds the admin, operator and treasury roles; the last is the relay's
# (pawchain.devchain.RELAY_ACCOUNT). The others are the players': only they get seeded pets,
# and the web app's development wallet offers only them.
PLAYER_ACCOUNTS = range(1, ACCOUNT_COUNT - 1)
ACCOUNT_BALANCE_ETHER = 10_000
BLOCK_GAS_LIMIT = 30_000_000


def seed_pet_owner(index: int) -> int:
    """The development account dealt the `index`-th seeded pet: the players in turn."""
    return PLAYER_ACCOUNTS[index % len(PLAYER_ACCOUNTS)]


def _chosen_node() -> str:
    from pawchain.nodes import chosen_name  # here: the package imports this module

    return chosen_name()


@dataclass(frozen=True)
class ChainSettings:
    """Where a local chain listens, which node runs it and whether it keeps its state on disk."""

    port: int
    db_path: Path | None = None  # a folder; None: in memory, gone when the process ends
    host: str = "127.0.0.1"
    node: str = field(default_factory=_chosen_node)  # "ganache" or "anvil" (PAWCHAIN_CHAIN)
    hardfork: str = HARDFORK  # what the contracts are compiled for (cancun: Anvil only)

    @property
    def rpc_url(self) -> str:
        return f"http://{self.host}:{self.port}"
