"""Gene mixing: how a matron's and a sire's genomes and a random seed make a child's.

A gene-by-gene reading of the rules in ``docs/genetics.md`` (the contract's
``Genome.mix`` does the same with bit tricks; a differential test keeps them equal).
Trait t uses only the seed's 32-bit slice ``r = (seed >> 32t) & 0xFFFFFFFF``:

- bits 0..5: the matron's swaps of pairs (3,2), (2,1), (1,0), two bits each, in that order;
  a pair swaps when both its bits are 0 (p = 1/4);
- bits 6..11: the sire's swaps, the same way;
- bit 12 + p: the parent of the child's gene at position p (0 matron, 1 sire);
- bits 16 + 3p .. 18 + 3p: the mutation roll at position p, 0..7.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Final

from pawchain.rules.genetics.genome import (
    FIRST_TIER_I,
    FIRST_TIER_II,
    GENE_BITS,
    GENE_MASK,
    GENES_PER_TRAIT,
    GENOME_MASK,
    TIER_IV,
    TRAIT_BITS,
    TRAIT_COUNT,
    GenomeError,
)

SEED_BITS_PER_TRAIT: Final = 32
SEED_SLICE_MASK: Final = (1 << SEED_BITS_PER_TRAIT) - 1

# Bits of a trait's slice r.
MATRON_SWAP_BITS: Final = 0  # bits 0..5
SIRE_SWAP_BITS: Final = 6  # bits 6..11
PARENT_CHOICE_BIT: Final = 12  # bit 12 + p
MUTATION_ROLL_BIT: Final = 16  # bits 16 + 3p .. 18 + 3p
MUTATION_ROLL_WIDTH: Final = 3

# The adjacent pairs, in the order they may swap: the most recessive pair first, so a
# recessive gene can climb more than one place.
SWAP_PAIRS: Final[tuple[tuple[int, int], ...]] = ((3, 2), (2, 1), (1, 0))
SWAP_CHANCE: Final = Fraction(1, 4)  # both of a pair's two bits are 0
SIRE_CHANCE: Final = Fraction(1, 2)

# A mutation happens when the 0..7 roll is below the threshold of the mutant's tier.
MUTATION_ROLL_SIDES: Final = 1 << MUTATION_ROLL_WIDTH  # 8
TIER_I_ROLL_THRESHOLD: Final = 2  # p = 1/4 for mutants 16..23
HIGHER_TIER_ROLL_THRESHOLD: Final = 1  # p = 1/8 for mutants 24..30


def _check_word(name: str, value: int) -> None:
    if not 0 <= value <= GENOME_MASK:
        raise GenomeError(f"{name} must be a 256-bit unsigned number, got {value}")


def trait_randomness(seed: int, trait: int) -> int:
    """The 32 random bits that decide trait ``trait``."""
    return (seed >> (SEED_BITS_PER_TRAIT * trait)) & SEED_SLICE_MASK


def swap_decisions(r: int, first_bit: int) -> tuple[bool, ...]:
    """Whether each of SWAP_PAIRS swaps, from the six bits of r starting at ``first_bit``."""
    return tuple((r >> (first_bit + 2 * k)) & 0b11 == 0 for k in range(len(SWAP_PAIRS)))


def apply_swaps(genes: Sequence[int], decisions: Sequence[bool]) -> list[int]:
    """One parent's four genes of a trait after the swaps, applied in SWAP_PAIRS order."""
    swapped = list(genes)
    for (upper, lower), swap in zip(SWAP_PAIRS, decisions, strict=True):
        if swap:
            swapped[upper], swapped[lower] = swapped[lower], swapped[upper]
    return swapped


def mutant_of(a: int, b: int) -> int | None:
    """The mutant two parent genes can give, or None.

    Parents 2j and 2j+1 (|a - b| = 1, the smaller even) with 2j < 30 give 16 + j:
    0/1 -> 16, ..., 14/15 -> 23, 16/17 -> 24, ..., 28/29 -> 30.
    """
    low = min(a, b)
    if abs(a - b) == 1 and low % 2 == 0 and low < TIER_IV:
        return FIRST_TIER_I + low // 2
    return None


def mutation_roll_threshold(mutant: int) -> int:
    """The roll (0..7) must be below this for the mutation to happen."""
    return TIER_I_ROLL_THRESHOLD if mutant < FIRST_TIER_II else HIGHER_TIER_ROLL_THRESHOLD


def mutation_chance(mutant: int) -> Fraction:
    """Probability that an eligible pair mutates into ``mutant``: 1/4 tier I, 1/8 above."""
    return Fraction(mutation_roll_threshold(mutant), MUTATION_ROLL_SIDES)


def child_gene(a: int, b: int, from_sire: bool, roll: int) -> int:
    """The child's gene at one position from the parents' genes there (after swaps)."""
    mutant = mutant_of(a, b)
    if mutant is not None and roll < mutation_roll_threshold(mutant):
        return mutant
    return b if from_sire else a


def mix_trait(matron: Sequence[int], sire: Sequence[int], r: int) -> list[int]:
    """The child's four genes of one trait from the parents' four and the trait's 32 bits."""
    m = apply_swaps(matron, swap_decisions(r, MATRON_SWAP_BITS))
    s = apply_swaps(sire, swap_decisions(r, SIRE_SWAP_BITS))
    return [
        child_gene(
            m[p],
            s[p],
            from_sire=bool((r >> (PARENT_CHOICE_BIT + p)) & 1),
            roll=(r >> (MUTATION_ROLL_BIT + MUTATION_ROLL_WIDTH * p)) & (MUTATION_ROLL_SIDES - 1),
        )
        for p in range(GENES_PER_TRAIT)
    ]


def _trait_of(genes: int, trait: int) -> list[int]:
    word = genes >> (TRAIT_BITS * trait)
    return [(word >> (GENE_BITS * p)) & GENE_MASK for p in range(GENES_PER_TRAIT)]


def mix(matron_genes: int, sire_genes: int, seed: int) -> int:
    """The child's genome, exactly as the contract's ``Genome.mix`` computes it.

    Defined for any 256-bit inputs: reserved bits are ignored (the child's are zero) and a
    31 is inherited like any other variant. Valid parents always give a valid child.
    """
    _check_word("matron_genes", matron_genes)
    _check_word("sire_genes", sire_genes)
    _check_word("seed", seed)
    child = 0
    for trait in range(TRAIT_COUNT):
        genes = mix_trait(
            _trait_of(matron_genes, trait),
            _trait_of(sire_genes, trait),
            trait_randomness(seed, trait),
        )
        for p, variant in enumerate(genes):
            child |= variant << (GENE_BITS * (GENES_PER_TRAIT * trait + p))
    return child
