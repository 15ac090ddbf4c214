"""Genomes to test with: random valid ones, neighbour-heavy ones, adversarial and invalid ones."""

from __future__ import annotations

import random

from pawchain.rules.genetics import encode
from pawchain.rules.genetics.genome import GENE_AREA_BITS, GENE_COUNT, GENOME_MASK

ALL_ONES_GENES = sum(1 << (5 * i) for i in range(GENE_COUNT))  # a 1 in every gene's low bit
RESERVED_MASK = GENOME_MASK ^ ((1 << GENE_AREA_BITS) - 1)
# Variants around the mutation pairs: 0/1 (tier I), 14/15, 16/17 (tier II), 28/29 (tier IV), 30.
NEIGHBOURLY_VARIANTS = (0, 1, 2, 3, 14, 15, 16, 17, 22, 23, 24, 25, 28, 29, 30)


def uniform_genome(variant: int) -> int:
    """Every gene the same variant (31 allowed, to build invalid genomes)."""
    return variant * ALL_ONES_GENES


def random_valid(rng: random.Random) -> int:
    """Each of the 32 genes uniformly 0..30."""
    return encode([rng.randrange(31) for _ in range(GENE_COUNT)])


def random_neighbourly(rng: random.Random) -> int:
    """Genes drawn from variants next to mutation pairs, so mutations are frequent."""
    return encode([rng.choice(NEIGHBOURLY_VARIANTS) for _ in range(GENE_COUNT)])


def random_invalid(rng: random.Random) -> int:
    """A valid genome spoiled by some 31s, some reserved bits, or both."""
    genome = random_valid(rng)
    spoil = rng.randrange(3)
    if spoil in (0, 2):
        for index in rng.sample(range(GENE_COUNT), rng.randint(1, 4)):
            genome |= 31 << (5 * index)
    if spoil in (1, 2):
        genome |= rng.getrandbits(256) & RESERVED_MASK or 1 << 255
    return genome


def adversarial_pairs() -> list[tuple[int, int]]:
    """Parent pairs at the edges of the rules."""
    pairs = [
        (0, 0),
        (uniform_genome(30), uniform_genome(30)),
        (uniform_genome(30), uniform_genome(31)),  # 30/31: neighbours without a mutant
        (uniform_genome(31), uniform_genome(31)),
        (GENOME_MASK, GENOME_MASK),
        (GENOME_MASK, 0),
        (RESERVED_MASK, RESERVED_MASK | uniform_genome(1)),
    ]
    for low in range(0, 30, 2):  # every mutation pair, at every position, both ways round
        pairs.append((uniform_genome(low), uniform_genome(low + 1)))
        pairs.append((uniform_genome(low + 1), uniform_genome(low)))
    for odd in (1, 15, 29):  # odd-low neighbours never mutate
        pairs.append((uniform_genome(odd), uniform_genome(odd + 1)))
    return pairs
