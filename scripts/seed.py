"""Fills a fresh game with generation-0 pets, so a newcomer can breed at once, and puts a
few more up in generation-0 auctions, so a player with a wallet of their own (no pets yet)
can buy a first one.

`seed_gen0` and `seed_gen0_auctions` are what the run command imports; `main()` only wires it for `brownie run
scripts/seed.py`. Genes are drawn from the rarity ladder (pawchain.rules.genetics.gen0) with a
`random.Random` the caller seeds, so the same seed gives the same pets on every fresh chain.
The pets go to the player accounts only (pawchain.nodes.settings.PLAYER_ACCOUNTS), never to
the admin's or the relay's. `random_genes` (uniform genes) is the gas benchmark's.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Sequence

# brownie's base class of every account that signs: unlocked on the node (accounts[0]) or
# holding its key (accounts.add(key)).
from brownie.network.account import _PrivateKeyAccount as Account
from tqdm import tqdm

from pawchain.nodes.settings import PLAYER_ACCOUNTS
from pawchain.rules.genetics.gen0 import gen0_genes

# The genome's layout (docs/genetics.md): 8 traits x 4 genes x 5 bits = 160 bits; bits
# 160..255 are reserved and zero. Variant 31 is reserved, so a valid gene is 0..30.
TRAITS = 8
GENES_PER_TRAIT = 4
GENE_BITS = 5
MAX_VARIANT = 30

DEFAULT_COUNT = 36  # four or five pets for each of the eight player accounts
DEFAULT_SEED = 1337  # the same pets on every fresh chain


def random_genes(rng: random.Random) -> int:
    """A valid genome with every gene drawn uniformly from the valid variants 0..30."""
    genes = 0
    for position in range(TRAITS * GENES_PER_TRAIT):
        genes |= rng.randint(0, MAX_VARIANT) << (GENE_BITS * position)
    return genes


def seed_gen0(
    pets,
    operator: Account,
    owners: Sequence[Account],
    count: int,
    rng: random.Random,
    progress: bool = True,
) -> list[int]:
    """Mint `count` generation-0 pets with genes from the ladder, dealt to `owners` in turn.

    Dealing in turn gives every owner count // len(owners) pets or one more, so with at
    least two owners each, anyone can breed two of their own at once. `operator` must hold
    the operator role. Returns the new pets' ids in minting order.
    """
    if not owners:
        raise ValueError("at least one owner is needed")
    minted: list[int] = []
    # Not on a terminal (CI, a log file) tqdm would print a line per update: show none there.
    shown = progress and sys.stderr.isatty()
    for index in tqdm(
        range(count), desc="minting generation-0 pets", unit="pet", disable=not shown
    ):
        tx = pets.mintGen0(
            gen0_genes(rng), owners[index % len(owners)], {"from": operator}, silent=True
        )
        minted.append(tx.events["Birth"]["petId"])  # events, not return_value: no trace needed
    return minted


def seed_gen0_auctions(auctions, operator: Account, count: int, rng: random.Random) -> list[int]:
    """Mint `count` generation-0 pets with genes from the ladder into generation-0 auctions of
    the auction house `auctions` (each starts at its next generation-0 price and falls to the
    floor in a day: docs/rules.md). `operator` must hold OPERATOR_ROLE on the house. Returns
    the new pets' ids."""
    return [
        auctions.createGen0Auction(gen0_genes(rng), {"from": operator}, silent=True).events[
            "AuctionCreated"
        ]["petId"]
        for _ in range(count)
    ]


def main() -> None:
    """Seed this session's latest PetToken (deploying the whole game if there is none) for the players."""
    # Imported here, not above: the project's contracts exist in `brownie` only once a
    # project is loaded, and the benchmark imports random_genes before that.
    from brownie import PetToken, accounts  # type: ignore[attr-defined]  # added at run time

    from scripts.deploy import deploy_game

    pets = PetToken[-1] if len(PetToken) else deploy_game(accounts[0]).pets
    players = [accounts[index] for index in PLAYER_ACCOUNTS]
    ids = seed_gen0(pets, accounts[0], players, DEFAULT_COUNT, random.Random(DEFAULT_SEED))
    print(
        f"minted pets {ids[0]}..{ids[-1]} for {len(players)} players on PetToken at {pets.address}"
    )
