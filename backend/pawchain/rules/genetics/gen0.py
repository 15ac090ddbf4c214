"""Generation-0 genomes drawn from the rarity ladder: the seed script's (and what an operator's
generation-0 auctions should draw: the contract takes any valid genome it is given).

Genes drawn uniformly would make every trait rare almost half the time, so most pets would
have four rare traits and be Epic. Instead the tier is drawn first, each tier half as likely
as the one below (GEN0_TIER_WEIGHTS), then genes that give exactly that tier. Rare traits
"breed true" more often than common ones (their hidden genes are rare half the time), so the
ladder survives breeding: docs/genetics.md, "The ladder", shows the frequencies that
`pawchain tiers` measures.

Pure: the caller passes the random.Random, so a seed gives the same pets every time.
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Final

from pawchain.rules.fancies import shown_fancy
from pawchain.rules.genetics.genome import (
    FIRST_TIER_I,
    FIRST_TIER_II,
    FIRST_TIER_III,
    GENES_PER_TRAIT,
    TIER_IV,
    TRAIT_COUNT,
    encode,
)
from pawchain.rules.genetics.rarity import RARITY_TIER_NAMES, TIER_MIN_RARE_TRAITS

# Chance of each tier among generation-0 pets, Common first: each half the one below.
GEN0_TIER_WEIGHTS: Final[tuple[int, ...]] = (32, 16, 8, 4, 2, 1)

# A rare variant's weight by its variant tier: tier I is twice as likely as tier II, and so on,
# as mutations climb (16..23 weight 8, 24..27 weight 4, 28..29 weight 2, 30 weight 1).
RARE_VARIANTS: Final[tuple[int, ...]] = tuple(range(FIRST_TIER_I, TIER_IV + 1))
RARE_VARIANT_WEIGHTS: Final[tuple[int, ...]] = tuple(
    8
    if variant < FIRST_TIER_II
    else 4
    if variant < FIRST_TIER_III
    else 2
    if variant < TIER_IV
    else 1
    for variant in RARE_VARIANTS
)
BASE_VARIANTS: Final = range(FIRST_TIER_I)  # 0..15, drawn uniformly

# Chance that a hidden gene (positions 1..3) is rare: half of a rare trait's, so two pets
# showing a rare trait usually pass it on; one in sixteen of a common trait's, a surprise.
HIDDEN_RARE_IN_RARE_TRAIT: Final = Fraction(1, 2)
HIDDEN_RARE_IN_COMMON_TRAIT: Final = Fraction(1, 16)


def gen0_tier_chance(tier: int) -> Fraction:
    """The chance that a generation-0 pet has rarity tier `tier` (0 Common .. 5 Legendary)."""
    return Fraction(GEN0_TIER_WEIGHTS[tier], sum(GEN0_TIER_WEIGHTS))


def rare_counts_of_tier(tier: int) -> range:
    """How many rare traits a pet of `tier` may show: Common 0-1, ..., Legendary 8."""
    last = TIER_MIN_RARE_TRAITS[tier + 1] - 1 if tier + 1 < len(RARITY_TIER_NAMES) else TRAIT_COUNT
    return range(TIER_MIN_RARE_TRAITS[tier], last + 1)


def _rare_variant(rng: random.Random) -> int:
    return rng.choices(RARE_VARIANTS, weights=RARE_VARIANT_WEIGHTS)[0]


def _gene(rng: random.Random, rare_chance: Fraction) -> int:
    return _rare_variant(rng) if rng.random() < rare_chance else rng.choice(BASE_VARIANTS)


def gen0_genes(rng: random.Random) -> int:
    """A valid generation-0 genome whose rarity tier is drawn from the ladder, showing no
    fancy's recipe (fancies are for breeding to discover: pawchain.rules.fancies).

    The tier is drawn with GEN0_TIER_WEIGHTS, then a count of rare traits that tier allows
    (uniformly), then which traits (uniformly); shown genes are rare exactly on those traits.
    A draw showing a fancy (about 1 in 250) is replaced by a draw from a generator seeded
    with it, so `rng` moves as it would without fancies and the other pets stay the same.
    """
    genes = draw_ladder_genes(rng)
    while shown_fancy(genes) is not None:
        genes = draw_ladder_genes(random.Random(genes))
    return genes


def draw_ladder_genes(rng: random.Random) -> int:
    tier = rng.choices(range(len(GEN0_TIER_WEIGHTS)), weights=GEN0_TIER_WEIGHTS)[0]
    rare_traits = set(rng.sample(range(TRAIT_COUNT), rng.choice(rare_counts_of_tier(tier))))
    genes: list[int] = []
    for trait in range(TRAIT_COUNT):
        rare = trait in rare_traits
        genes.append(_rare_variant(rng) if rare else rng.choice(BASE_VARIANTS))
        hidden = HIDDEN_RARE_IN_RARE_TRAIT if rare else HIDDEN_RARE_IN_COMMON_TRAIT
        genes.extend(_gene(rng, hidden) for _ in range(GENES_PER_TRAIT - 1))
    return encode(genes)
