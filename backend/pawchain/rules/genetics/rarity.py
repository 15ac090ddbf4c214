"""A pet's rarity tier, from how many of its shown traits are rare.

One published rule, used by the contract (``Genome.rarityTier``) and the backend alike:
a trait is rare when its dominant gene is tier I or above (variant 16 or more), and the
count of rare traits sets the tier (Laici Gou's ladder, see docs/genetics.md).
"""

from __future__ import annotations

from typing import Final

from pawchain.rules.genetics.genome import FIRST_TIER_I, TRAIT_COUNT, dominant_traits

RARITY_TIER_NAMES: Final[tuple[str, ...]] = (
    "Common",
    "Rare",
    "Excellent",
    "Epic",
    "Mythical",
    "Legendary",
)

# The fewest rare traits each tier needs: 0-1 Common, 2 Rare, 3 Excellent, 4-5 Epic,
# 6-7 Mythical, 8 Legendary.
TIER_MIN_RARE_TRAITS: Final[tuple[int, ...]] = (0, 2, 3, 4, 6, 8)


def is_rare_variant(variant: int) -> bool:
    """True for a variant of tier I or above."""
    return variant >= FIRST_TIER_I


def rare_trait_count(genes: int) -> int:
    """How many of the eight traits show a rare variant."""
    return sum(1 for variant in dominant_traits(genes) if is_rare_variant(variant))


def tier_for_rare_count(count: int) -> int:
    """The rarity tier (0 Common .. 5 Legendary) of a pet with ``count`` rare traits."""
    if not 0 <= count <= TRAIT_COUNT:
        raise ValueError(f"a pet has 0..{TRAIT_COUNT} rare traits, not {count}")
    return max(tier for tier, least in enumerate(TIER_MIN_RARE_TRAITS) if count >= least)


def rarity_tier(genes: int) -> int:
    """The rarity tier of a genome: 0 Common, 1 Rare, 2 Excellent, 3 Epic, 4 Mythical, 5 Legendary."""
    return tier_for_rare_count(rare_trait_count(genes))


def rarity_tier_name(genes: int) -> str:
    """The rarity tier's name, e.g. "Epic"."""
    return RARITY_TIER_NAMES[rarity_tier(genes)]
