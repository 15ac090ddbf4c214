"""Gene mixing in the Python twin, decision by decision, against docs/genetics.md."""

import random
from collections.abc import Sequence
from fractions import Fraction

import pytest

from pawchain.rules.genetics import GenomeError, encode, is_valid, mix
from pawchain.rules.genetics.genome import GENE_COUNT, trait_genes
from pawchain.rules.genetics.mixing import mutant_of, mutation_chance

NO_SWAP = (False, False, False)


def trait_bits(
    matron_swaps: Sequence[bool] = NO_SWAP,
    sire_swaps: Sequence[bool] = NO_SWAP,
    from_sire: Sequence[int] = (0, 0, 0, 0),
    rolls: Sequence[int] = (7, 7, 7, 7),
) -> int:
    """A trait's 32 random bits spelling out each decision (a swap is two 0 bits)."""
    r = 0
    for k, swap in enumerate(matron_swaps):
        r |= (0 if swap else 0b11) << (2 * k)
    for k, swap in enumerate(sire_swaps):
        r |= (0 if swap else 0b11) << (6 + 2 * k)
    for p, parent in enumerate(from_sire):
        r |= parent << (12 + p)
    for p, roll in enumerate(rolls):
        r |= roll << (16 + 3 * p)
    return r


def seed_of(slices: dict[int, int], default: int | None = None) -> int:
    """A seed whose trait t slice is slices[t] (or ``default``, no swap/matron/no mutation)."""
    fallback = trait_bits() if default is None else default
    return sum(slices.get(t, fallback) << (32 * t) for t in range(8))


def uniform(trait_variants: Sequence[Sequence[int]]) -> int:
    """A genome from each trait's four genes (dominant first); traits not given are all 0."""
    genes = [0] * GENE_COUNT
    for t, variants in enumerate(trait_variants):
        genes[4 * t : 4 * t + 4] = variants
    return encode(genes)


MATRON = uniform([[0, 2, 4, 6]] * 8)
SIRE = uniform([[8, 10, 12, 14]] * 8)


def child_trait(r: int, matron: int = MATRON, sire: int = SIRE, trait: int = 0) -> list[int]:
    return trait_genes(mix(matron, sire, seed_of({trait: r})), trait)


# --- swaps ------------------------------------------------------------------------------


def test_without_swaps_or_mutation_the_matron_side_copies_the_matron() -> None:
    assert child_trait(trait_bits()) == [0, 2, 4, 6]


def test_a_pair_swaps_when_its_two_bits_are_zero() -> None:
    assert child_trait(trait_bits(matron_swaps=(True, False, False))) == [0, 2, 6, 4]
    assert child_trait(trait_bits(matron_swaps=(False, True, False))) == [0, 4, 2, 6]
    assert child_trait(trait_bits(matron_swaps=(False, False, True))) == [2, 0, 4, 6]


@pytest.mark.parametrize("pair_bits", [0b01, 0b10, 0b11])
def test_a_pair_does_not_swap_when_either_bit_is_one(pair_bits: int) -> None:
    r = trait_bits() & ~0b11 | pair_bits
    assert child_trait(r) == [0, 2, 4, 6]


def test_swaps_run_most_recessive_first_so_a_gene_can_climb_to_dominant() -> None:
    assert child_trait(trait_bits(matron_swaps=(True, True, True))) == [6, 0, 2, 4]
    assert child_trait(trait_bits(matron_swaps=(True, True, False))) == [0, 6, 2, 4]


def test_the_sire_swaps_use_bits_6_to_11() -> None:
    everything_from_sire = (1, 1, 1, 1)
    assert child_trait(trait_bits(from_sire=everything_from_sire)) == [8, 10, 12, 14]
    assert child_trait(
        trait_bits(sire_swaps=(True, True, True), from_sire=everything_from_sire)
    ) == [14, 8, 10, 12]
    # the matron's swap bits do not touch the sire's genes
    assert child_trait(
        trait_bits(matron_swaps=(True, True, True), from_sire=everything_from_sire)
    ) == [8, 10, 12, 14]


# --- parent choice ----------------------------------------------------------------------


def test_bit_12_plus_p_picks_the_parent_of_gene_p() -> None:
    assert child_trait(trait_bits(from_sire=(1, 0, 1, 0))) == [8, 2, 12, 6]
    assert child_trait(trait_bits(from_sire=(0, 1, 1, 0))) == [0, 10, 12, 6]


def test_the_parent_is_chosen_after_both_parents_swapped() -> None:
    r = trait_bits(
        matron_swaps=(False, False, True), sire_swaps=(True, False, False), from_sire=(0, 0, 0, 1)
    )
    assert child_trait(r) == [2, 0, 4, 12]


def test_each_trait_uses_its_own_32_bit_slice_of_the_seed() -> None:
    r = trait_bits(matron_swaps=(True, True, True), from_sire=(0, 1, 0, 1))
    for trait in range(8):
        child = mix(MATRON, SIRE, seed_of({trait: r}))
        for t in range(8):
            assert trait_genes(child, t) == ([6, 10, 2, 14] if t == trait else [0, 2, 4, 6])


# --- mutation ---------------------------------------------------------------------------

# The spec's table: 0/1->16, ..., 14/15->23, 16/17->24, ..., 22/23->27, 24/25->28, 26/27->29, 28/29->30
MUTATION_TABLE = {
    0: 16,
    2: 17,
    4: 18,
    6: 19,
    8: 20,
    10: 21,
    12: 22,
    14: 23,
    16: 24,
    18: 25,
    20: 26,
    22: 27,
    24: 28,
    26: 29,
    28: 30,
}


def test_mutants_follow_the_spec_table_in_either_order() -> None:
    for low, mutant in MUTATION_TABLE.items():
        assert mutant_of(low, low + 1) == mutant
        assert mutant_of(low + 1, low) == mutant


def test_no_other_pair_of_variants_has_a_mutant() -> None:
    for a in range(32):
        for b in range(32):
            if min(a, b) in MUTATION_TABLE and abs(a - b) == 1:
                continue
            assert mutant_of(a, b) is None, (a, b)


def test_tier_one_mutants_happen_with_a_quarter_and_higher_ones_with_an_eighth() -> None:
    for mutant in MUTATION_TABLE.values():
        assert mutation_chance(mutant) == (Fraction(1, 4) if mutant <= 23 else Fraction(1, 8))


@pytest.mark.parametrize(
    ("low", "mutating_rolls"),
    [(0, (0, 1)), (14, (0, 1)), (16, (0,)), (22, (0,)), (26, (0,)), (28, (0,))],
)
def test_a_mutation_happens_exactly_on_rolls_below_its_threshold(
    low: int, mutating_rolls: tuple[int, ...]
) -> None:
    matron = uniform([[low] * 4])
    sire = uniform([[low + 1] * 4])
    for roll in range(8):
        for parent in (0, 1):
            child = child_trait(
                trait_bits(from_sire=(parent,) * 4, rolls=(roll,) * 4), matron, sire
            )
            expected = MUTATION_TABLE[low] if roll in mutating_rolls else low + parent
            assert child == [expected] * 4, (roll, parent)


def test_each_position_uses_its_own_roll() -> None:
    matron = uniform([[0, 0, 0, 0]])
    sire = uniform([[1, 1, 1, 1]])
    assert child_trait(trait_bits(rolls=(0, 7, 1, 2)), matron, sire) == [16, 0, 16, 0]


def test_a_mutation_needs_the_genes_after_the_swaps_to_be_neighbours() -> None:
    matron = uniform([[0, 4, 4, 4]])
    sire = uniform([[1, 4, 4, 4]])
    mutating = trait_bits(rolls=(0, 0, 0, 0))
    assert child_trait(mutating, matron, sire) == [16, 4, 4, 4]
    swapped = trait_bits(matron_swaps=(False, False, True), rolls=(0, 0, 0, 0))
    assert child_trait(swapped, matron, sire)[0] == 4  # 4 and 1 are not neighbours


def test_neither_30_31_nor_odd_low_neighbours_mutate() -> None:
    for low in (1, 29, 30):
        matron = sum(low << (5 * p) for p in range(4))  # built by hand: 31 cannot be encoded
        sire = sum((low + 1) << (5 * p) for p in range(4))
        assert child_trait(trait_bits(rolls=(0, 0, 0, 0)), matron, sire) == [low] * 4


# --- the whole genome -------------------------------------------------------------------


def test_valid_parents_always_give_a_valid_child() -> None:
    rng = random.Random(11)
    for _ in range(300):
        matron = encode([rng.randrange(31) for _ in range(GENE_COUNT)])
        sire = encode([rng.choice((28, 29, 30)) for _ in range(GENE_COUNT)])
        assert is_valid(mix(matron, sire, rng.getrandbits(256)))


def test_the_child_reserved_bits_are_zero_whatever_the_parents_hold() -> None:
    reserved = ((1 << 96) - 1) << 160
    child = mix(MATRON | reserved, SIRE | reserved, seed_of({}, default=0))
    assert child >> 160 == 0


@pytest.mark.parametrize(
    ("matron", "sire", "seed"), [(-1, 0, 0), (0, 1 << 256, 0), (0, 0, 1 << 256)]
)
def test_mix_refuses_numbers_outside_256_bits(matron: int, sire: int, seed: int) -> None:
    with pytest.raises(GenomeError):
        mix(matron, sire, seed)
