"""Reading the genome for drawing: the eight visible variants and the tiers they imply.

The layout is docs/genetics.md's: trait t, gene position p at bits 5*(4t+p); position 0 is
the dominant gene, the one a pet shows. The renderer reads nothing else, so recessive genes
and the reserved bits 160..255 never change a picture.

`dominant_variants` is the only place that knows the bit layout. When the shared genetics
module lands, it becomes a one-line call into it; the tier rules below are the published
ones and can point there too.
"""

from __future__ import annotations

TRAIT_COUNT = 8
GENOME_BITS = 256
RESERVED_VARIANT = 31  # never minted: the contract refuses a genome carrying it

# Rarity tier index by number of rare visible traits (0..8): Laici Gou's ladder.
_RARITY_BY_RARE_COUNT = (0, 0, 1, 2, 3, 3, 4, 4, 5)


def dominant_variants(genes: int) -> tuple[int, ...]:
    """The visible variant (0..31) of each trait, in trait order 0..7."""
    if not 0 <= genes < 1 << GENOME_BITS:
        raise ValueError(f"genes must be a 256-bit unsigned integer, got {genes!r}")
    return tuple((genes >> (20 * trait)) & 0x1F for trait in range(TRAIT_COUNT))


def mutation_tier(variant: int) -> int:
    """0 for a base variant (0-15), then I..IV as 1..4; the reserved 31 has no tier."""
    if not 0 <= variant < RESERVED_VARIANT:
        raise ValueError(f"variant {variant} is not drawable (0..30; 31 is reserved)")
    if variant < 16:
        return 0
    if variant < 24:
        return 1
    if variant < 28:
        return 2
    if variant < 30:
        return 3
    return 4


def rarity_tier(variants: tuple[int, ...]) -> int:
    """The pet's rarity tier, 0 Common .. 5 Legendary, from its visible variants."""
    rare_count = sum(1 for variant in variants if variant >= 16)
    return _RARITY_BY_RARE_COUNT[rare_count]
