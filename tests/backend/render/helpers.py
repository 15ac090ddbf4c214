"""Genome builders shared by the render tests."""

from __future__ import annotations

from pawchain.render.sample_genomes import genome_from_visible

PLAIN = (0, 0, 0, 1, 1, 4, 1, 0)  # a base kitten: every trait in the base tier


def with_trait(trait: int, variant: int, base: tuple[int, ...] = PLAIN) -> int:
    variants = list(base)
    variants[trait] = variant
    return genome_from_visible(variants)
