"""Deterministic genomes for sheets and tests: seeded random pets and one-trait walks."""

from __future__ import annotations

import random

from .genome import TRAIT_COUNT

# A gen-0-like spread: mostly base variants, rarer as the tier climbs.
_TIER_RANGES = ((0, 16), (16, 24), (24, 28), (28, 30), (30, 31))
_TIER_WEIGHTS = (70, 18, 7, 3.5, 1.5)


def genome_from_genes(genes_by_trait: list[list[int]]) -> int:
    """Pack [trait][position] variants into a 256-bit genome (docs/genetics.md's layout)."""
    genome = 0
    for trait, genes in enumerate(genes_by_trait):
        for position, variant in enumerate(genes):
            genome |= variant << (5 * (4 * trait + position))
    return genome


def genome_from_visible(variants: list[int] | tuple[int, ...]) -> int:
    """A genome whose dominant genes are `variants` and whose recessive genes are zero."""
    return genome_from_genes([[variant, 0, 0, 0] for variant in variants])


def _variant(rng: random.Random) -> int:
    low, high = rng.choices(_TIER_RANGES, weights=_TIER_WEIGHTS)[0]
    return rng.randrange(low, high)


def random_genomes(count: int, seed: int) -> list[int]:
    """`count` valid genomes (every gene 0..30, reserved bits zero), the same for a seed."""
    rng = random.Random(seed)
    return [
        genome_from_genes([[_variant(rng) for _ in range(4)] for _ in range(TRAIT_COUNT)])
        for _ in range(count)
    ]


def trait_walk(trait: int, base: tuple[int, ...]) -> list[int]:
    """Genomes equal to `base` except trait `trait`, which walks through variants 0..30."""
    walk = []
    for variant in range(31):
        variants = list(base)
        variants[trait] = variant
        walk.append(genome_from_visible(variants))
    return walk
