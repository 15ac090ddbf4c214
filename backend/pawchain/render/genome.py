"""Reading the genome for drawing: the eight visible variants and the tiers they imply.

The layout and the tier rules are the published ones of pawchain.rules.genetics (the twin of the
contract's Genome library); this module only adapts them to what the drawing code needs.
The renderer reads nothing but the dominant genes, so recessive genes and the reserved bits
160..255 never change a picture. pawchain.rules.genetics is a pure leaf package, so render stays
free of database, chain and web imports.
"""

from __future__ import annotations

from pawchain.rules.genetics.genome import (
    GENOME_BITS,
    RESERVED_VARIANT,
    TRAIT_COUNT,
    dominant_traits,
    variant_tier,
)
from pawchain.rules.genetics.rarity import is_rare_variant, tier_for_rare_count

__all__ = [
    "GENOME_BITS",
    "RESERVED_VARIANT",
    "TRAIT_COUNT",
    "dominant_variants",
    "mutation_tier",
    "rarity_tier",
]


def dominant_variants(genes: int) -> tuple[int, ...]:
    """The visible variant (0..31) of each trait, in trait order 0..7."""
    if not 0 <= genes < 1 << GENOME_BITS:
        raise ValueError(f"genes must be a 256-bit unsigned integer, got {genes!r}")
    return tuple(dominant_traits(genes))


def mutation_tier(variant: int) -> int:
    """0 for a base variant (0-15), then I..IV as 1..4; the reserved 31 has no tier."""
    return variant_tier(variant)  # GenomeError is a ValueError


def rarity_tier(variants: tuple[int, ...]) -> int:
    """The pet's rarity tier, 0 Common .. 5 Legendary, from its visible variants."""
    return tier_for_rare_count(sum(1 for variant in variants if is_rare_variant(variant)))
