"""Breeding preview: the exact odds of each variant a child can get, trait by trait.

Computed from the mixing rules, not by sampling. Per trait, each parent's three swaps give
at most 8 arrangements of its genes (each with probability (1/4)^k (3/4)^(3-k)); for each
of the 8 x 8 pairs of arrangements, the child's gene at a position is the mutant (with the
mutant's chance) or else either parent's gene with probability 1/2. The parent-choice bit
and the roll are independent of the swap bits, so the sums are exact.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import product

from pawchain.rules.genetics.genome import GENES_PER_TRAIT, TRAIT_COUNT, TRAIT_NAMES, trait_genes
from pawchain.rules.genetics.mixing import (
    SIRE_CHANCE,
    SWAP_CHANCE,
    SWAP_PAIRS,
    apply_swaps,
    mutant_of,
    mutation_chance,
)

Distribution = dict[int, Fraction]  # variant -> probability; the values sum to 1


@dataclass(frozen=True)
class TraitPreview:
    """Odds for one trait of the child: ``positions[p]`` is the distribution of gene p."""

    trait: int
    positions: tuple[Distribution, ...]

    @property
    def name(self) -> str:
        """The trait's name, e.g. "eye colour"."""
        return TRAIT_NAMES[self.trait]

    @property
    def dominant(self) -> Distribution:
        """The distribution of the shown (dominant) variant."""
        return self.positions[0]


def swap_outcomes(genes: Sequence[int]) -> dict[tuple[int, ...], Fraction]:
    """Every arrangement of one parent's four genes after its swaps, with its probability."""
    outcomes: defaultdict[tuple[int, ...], Fraction] = defaultdict(Fraction)
    for decisions in product((False, True), repeat=len(SWAP_PAIRS)):
        weight = Fraction(1)
        for swap in decisions:
            weight *= SWAP_CHANCE if swap else 1 - SWAP_CHANCE
        outcomes[tuple(apply_swaps(genes, decisions))] += weight
    return dict(outcomes)


def gene_distribution(a: int, b: int) -> Distribution:
    """Odds of the child's gene at a position where the parents have a and b (after swaps)."""
    odds: defaultdict[int, Fraction] = defaultdict(Fraction)
    inherited = Fraction(1)
    mutant = mutant_of(a, b)
    if mutant is not None:
        odds[mutant] += mutation_chance(mutant)
        inherited -= mutation_chance(mutant)
    odds[a] += inherited * (1 - SIRE_CHANCE)
    odds[b] += inherited * SIRE_CHANCE
    return dict(odds)


def trait_preview(matron_genes: int, sire_genes: int, trait: int) -> TraitPreview:
    """Exact odds of every variant at each of the child's four positions of one trait."""
    positions: list[defaultdict[int, Fraction]] = [
        defaultdict(Fraction) for _ in range(GENES_PER_TRAIT)
    ]
    matron = swap_outcomes(trait_genes(matron_genes, trait))
    sire = swap_outcomes(trait_genes(sire_genes, trait))
    for (m, m_weight), (s, s_weight) in product(matron.items(), sire.items()):
        weight = m_weight * s_weight
        for p in range(GENES_PER_TRAIT):
            for variant, chance in gene_distribution(m[p], s[p]).items():
                positions[p][variant] += weight * chance
    return TraitPreview(trait, tuple(dict(sorted(odds.items())) for odds in positions))


def preview(matron_genes: int, sire_genes: int) -> list[TraitPreview]:
    """The breeding preview: for each of the eight traits, the odds of the child's genes.

    ``preview(m, s)[t].dominant[v]`` is the exact probability that the child shows variant v
    for trait t.
    """
    return [trait_preview(matron_genes, sire_genes, trait) for trait in range(TRAIT_COUNT)]
