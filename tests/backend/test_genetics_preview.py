"""The breeding preview: exact odds, checked by hand and against the mixing rules."""

import random
from collections import Counter
from fractions import Fraction
from itertools import product

import pytest

from pawchain.rules.genetics import encode, preview
from pawchain.rules.genetics.genome import GENE_COUNT
from pawchain.rules.genetics.mixing import mix_trait
from pawchain.rules.genetics.preview import swap_outcomes, trait_preview


def uniform(trait_variants: list[list[int]]) -> int:
    genes = [0] * GENE_COUNT
    for t, variants in enumerate(trait_variants):
        genes[4 * t : 4 * t + 4] = variants
    return encode(genes)


def random_genome(rng: random.Random) -> int:
    return encode([rng.randrange(31) for _ in range(GENE_COUNT)])


def test_every_distribution_sums_to_one() -> None:
    rng = random.Random(3)
    for _ in range(10):
        for trait in preview(random_genome(rng), random_genome(rng)):
            assert len(trait.positions) == 4
            for odds in trait.positions:
                assert sum(odds.values()) == 1
                assert all(chance > 0 for chance in odds.values())


def test_one_parent_swap_outcomes_have_the_spec_weights() -> None:
    outcomes = swap_outcomes([0, 2, 4, 6])
    assert len(outcomes) == 8
    assert outcomes[(0, 2, 4, 6)] == Fraction(27, 64)  # no swap: (3/4)^3
    assert outcomes[(6, 0, 2, 4)] == Fraction(1, 64)  # all three swaps
    assert outcomes[(0, 2, 6, 4)] == Fraction(9, 64)  # only the most recessive pair
    assert sum(outcomes.values()) == 1


def test_identical_homozygous_parents_breed_true() -> None:
    genome = uniform([[v] * 4 for v in (0, 5, 16, 23, 24, 29, 30, 7)])
    for trait, variant in zip(preview(genome, genome), (0, 5, 16, 23, 24, 29, 30, 7), strict=True):
        assert trait.positions == ({variant: Fraction(1)},) * 4


def test_tier_one_neighbours_give_the_mutant_a_quarter_of_the_time() -> None:
    trait = trait_preview(uniform([[0] * 4]), uniform([[1] * 4]), 0)
    assert trait.positions == ({0: Fraction(3, 8), 1: Fraction(3, 8), 16: Fraction(1, 4)},) * 4


def test_higher_tier_neighbours_give_the_mutant_an_eighth_of_the_time() -> None:
    trait = trait_preview(uniform([[29] * 4]), uniform([[28] * 4]), 0)
    assert trait.dominant == {28: Fraction(7, 16), 29: Fraction(7, 16), 30: Fraction(1, 8)}


def test_a_hand_computed_mixed_case_matches() -> None:
    # Matron [0, 2, 4, 6]: after swaps her dominant is 0 (3/4), 2 (3/16), 4 (3/64), 6 (1/64).
    # Sire [1, 20, 20, 20]: his dominant is 1 (3/4) or 20 (1/4).
    # 0 meets 1 with 9/16 and then mutates to 16 with 1/4: 9/64 for variant 16.
    trait = trait_preview(uniform([[0, 2, 4, 6]]), uniform([[1, 20, 20, 20]]), 0)
    assert trait.dominant == {
        0: Fraction(39, 128),
        1: Fraction(39, 128),
        2: Fraction(12, 128),
        4: Fraction(3, 128),
        6: Fraction(1, 128),
        16: Fraction(18, 128),
        20: Fraction(16, 128),
    }


def test_names_follow_the_trait_order() -> None:
    names = [trait.name for trait in preview(0, 0)]
    assert names[0] == "body shape" and names[7] == "belly colour"


@pytest.mark.parametrize("position", [0, 3])
def test_preview_equals_counting_every_relevant_random_bit_pattern(position: int) -> None:
    """Position p depends on the 12 swap bits, bit 12+p and its 3-bit roll: 2^16 patterns."""
    # Neighbours everywhere, so swaps decide whether a tier I or a tier II mutation is possible.
    matron_trait = [0, 16, 2, 17]
    sire_trait = [1, 17, 3, 16]
    counts: Counter[int] = Counter()
    for swaps, parent, roll in product(range(1 << 12), (0, 1), range(8)):
        r = swaps | parent << (12 + position) | roll << (16 + 3 * position)
        counts[mix_trait(matron_trait, sire_trait, r)[position]] += 1
    total = sum(counts.values())
    expected = {variant: Fraction(n, total) for variant, n in sorted(counts.items())}
    genomes = uniform([matron_trait]), uniform([sire_trait])
    assert trait_preview(*genomes, 0).positions[position] == expected
