"""The genome's layout: reading, writing and validating the 256-bit gene word.

Mirrors ``contracts/libraries/Genome.sol``; the rules are in ``docs/genetics.md``. Gene
(trait t, position p) is the 5-bit variant at bits ``5*(4t+p) .. 5*(4t+p)+4``; position 0
is the dominant (shown) gene, 3 the most recessive. Bits 160..255 are reserved and zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

TRAIT_NAMES: Final[tuple[str, ...]] = (
    "body shape",
    "pattern",
    "eye shape",
    "eye colour",
    "mouth",
    "body colour",
    "pattern colour",
    "belly colour",
)
TRAIT_COUNT: Final = len(TRAIT_NAMES)  # 8
GENES_PER_TRAIT: Final = 4  # position 0 dominant .. 3 most recessive
GENE_COUNT: Final = TRAIT_COUNT * GENES_PER_TRAIT  # 32
GENE_BITS: Final = 5
GENE_MASK: Final = (1 << GENE_BITS) - 1
TRAIT_BITS: Final = GENES_PER_TRAIT * GENE_BITS  # 20
TRAIT_MASK: Final = (1 << TRAIT_BITS) - 1
GENE_AREA_BITS: Final = TRAIT_COUNT * TRAIT_BITS  # 160; bits above are reserved
GENOME_BITS: Final = 256
GENOME_MASK: Final = (1 << GENOME_BITS) - 1

# Variant tiers: the first variant of each; 31 is reserved and never valid.
FIRST_TIER_I: Final = 16
FIRST_TIER_II: Final = 24
FIRST_TIER_III: Final = 28
TIER_IV: Final = 30
RESERVED_VARIANT: Final = 31
MAX_VARIANT: Final = TIER_IV


class GenomeError(ValueError):
    """A genome, gene index or variant outside the rules."""


def variant_tier(variant: int) -> int:
    """The mutation tier of a variant: 0 base (0-15), 1..4 for tiers I..IV (16-23, 24-27,
    28-29, 30). Raises GenomeError for the reserved 31 and anything outside 0..31."""
    if not 0 <= variant < RESERVED_VARIANT:
        raise GenomeError(f"variant {variant} has no tier (0..30; 31 is reserved)")
    return sum(
        1 for first in (FIRST_TIER_I, FIRST_TIER_II, FIRST_TIER_III, TIER_IV) if variant >= first
    )


def gene_index(trait: int, position: int) -> int:
    """Index 4t + p of gene (trait, position) in a decoded genome."""
    if not (0 <= trait < TRAIT_COUNT and 0 <= position < GENES_PER_TRAIT):
        raise GenomeError(f"no gene at trait {trait}, position {position}")
    return GENES_PER_TRAIT * trait + position


def gene(genes: int, trait: int, position: int) -> int:
    """The variant of ``trait`` at ``position`` (0 dominant .. 3 most recessive)."""
    return (genes >> (GENE_BITS * gene_index(trait, position))) & GENE_MASK


def trait_genes(genes: int, trait: int) -> list[int]:
    """The four genes of one trait, dominant first."""
    return [gene(genes, trait, position) for position in range(GENES_PER_TRAIT)]


# Where each trait's dominant gene starts: dominant_traits reads a genome of every pet the
# indexer writes and every fancy it checks, so it shifts by these without gene()'s checks.
_DOMINANT_SHIFTS: Final = tuple(TRAIT_BITS * trait for trait in range(TRAIT_COUNT))


def dominant_traits(genes: int) -> list[int]:
    """The dominant (shown) variant of each trait, in trait order."""
    return [(genes >> shift) & GENE_MASK for shift in _DOMINANT_SHIFTS]


def decode(genes: int) -> list[int]:
    """All 32 genes, gene (t, p) at index 4t + p. Reserved bits are ignored."""
    return [(genes >> (GENE_BITS * index)) & GENE_MASK for index in range(GENE_COUNT)]


def encode(decoded: Sequence[int]) -> int:
    """The genome holding these 32 genes (index 4t + p); reserved bits zero.

    Raises GenomeError unless there are 32 variants, each 0..30 (like the contract, which
    reverts with ``GenomeInvalidVariant(index, variant)`` on a variant above 30).
    """
    if len(decoded) != GENE_COUNT:
        raise GenomeError(f"a genome has {GENE_COUNT} genes, not {len(decoded)}")
    genes = 0
    for index, variant in enumerate(decoded):
        if not 0 <= variant <= MAX_VARIANT:
            raise GenomeError(f"gene {index} has variant {variant}; variants are 0..{MAX_VARIANT}")
        genes |= variant << (GENE_BITS * index)
    return genes


def is_valid(genes: int) -> bool:
    """True when the word fits 256 bits, no gene is 31 and the reserved bits are zero."""
    if not 0 <= genes <= GENOME_MASK or genes >> GENE_AREA_BITS:
        return False
    return RESERVED_VARIANT not in decode(genes)
