"""How often each rarity tier occurs: generation-0 mints and the births of their children.

`measure_ladder` mints generation-0 genomes (gen0.gen0_genes) and breeds pairs of them with
the contract's own mixing rule (its Python twin, mixing.mix), as `pawchain tiers` prints and
docs/genetics.md shows. A ladder holds when every tier is strictly rarer than the one below.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Final

from pawchain.rules.genetics.gen0 import gen0_genes
from pawchain.rules.genetics.genome import GENOME_BITS
from pawchain.rules.genetics.mixing import mix
from pawchain.rules.genetics.rarity import RARITY_TIER_NAMES, rarity_tier

DEFAULT_SAMPLE: Final = 10_000
DEFAULT_RNG_SEED: Final = 15  # the same frequencies every run


@dataclass(frozen=True)
class TierCounts:
    """How many pets of each tier (Common first) among `total`."""

    counts: tuple[int, ...]

    @classmethod
    def of(cls, genomes: Sequence[int]) -> TierCounts:
        tally = Counter(rarity_tier(genes) for genes in genomes)
        return cls(tuple(tally[tier] for tier in range(len(RARITY_TIER_NAMES))))

    @property
    def total(self) -> int:
        return sum(self.counts)

    def is_ladder(self) -> bool:
        """True when each tier is strictly rarer than the one below it (Common the most
        frequent, Legendary the rarest)."""
        return all(lower > upper for lower, upper in pairwise(self.counts))

    def percent(self, tier: int) -> float:
        return 100 * self.counts[tier] / self.total if self.total else 0.0


@dataclass(frozen=True)
class Ladder:
    """Tier counts of generation-0 mints and of births from random pairs of them."""

    gen0: TierCounts
    births: TierCounts

    def table(self) -> str:
        """A Markdown table: one row per tier, counts and shares of mints and births."""
        rows = [
            f"| tier | generation-0 mints ({self.gen0.total:,}) | births ({self.births.total:,}) |",
            "|---|---|---|",
        ]
        for tier, name in enumerate(RARITY_TIER_NAMES):
            rows.append(
                f"| {name} | {self.gen0.counts[tier]:,} ({self.gen0.percent(tier):.1f}%) "
                f"| {self.births.counts[tier]:,} ({self.births.percent(tier):.1f}%) |"
            )
        return "\n".join(rows)


def measure_ladder(
    mints: int = DEFAULT_SAMPLE, births: int = DEFAULT_SAMPLE, rng_seed: int = DEFAULT_RNG_SEED
) -> Ladder:
    """Mint `mints` generation-0 genomes, then `births` children, each of two distinct
    generation-0 pets drawn uniformly (any two may breed: they have no parents to share) with
    a uniform 256-bit seed, as the contract's hashed birth seed is."""
    if mints < 2 or births < 0:
        raise ValueError("at least two mints (a pair to breed) and no negative births")
    rng = random.Random(rng_seed)
    parents = [gen0_genes(rng) for _ in range(mints)]
    children = []
    for _ in range(births):
        matron, sire = rng.sample(parents, 2)
        children.append(mix(matron, sire, rng.getrandbits(GENOME_BITS)))
    return Ladder(TierCounts.of(parents), TierCounts.of(children))
