"""Pawchain's genetics in Python: the twin of contracts/libraries/Genome.sol.

The rules are specified in docs/genetics.md; a differential test requires this package and
the contract to give identical answers. Pure Python, no third-party imports.

- ``genome``: the 256-bit layout, encode/decode, validity
- ``rarity``: a pet's rarity tier (0 Common .. 5 Legendary)
- ``mixing``: how two genomes and a seed make a child's
- ``preview``: the exact odds of a child's variants (breeding preview)
"""

from pawchain.rules.genetics.genome import (
    GENE_COUNT,
    TRAIT_COUNT,
    TRAIT_NAMES,
    GenomeError,
    decode,
    dominant_traits,
    encode,
    gene,
    is_valid,
)
from pawchain.rules.genetics.mixing import mix
from pawchain.rules.genetics.preview import TraitPreview, preview
from pawchain.rules.genetics.rarity import RARITY_TIER_NAMES, rarity_tier, rarity_tier_name

__all__ = [
    "GENE_COUNT",
    "RARITY_TIER_NAMES",
    "TRAIT_COUNT",
    "TRAIT_NAMES",
    "GenomeError",
    "TraitPreview",
    "decode",
    "dominant_traits",
    "encode",
    "gene",
    "is_valid",
    "mix",
    "preview",
    "rarity_tier",
    "rarity_tier_name",
]
