"""The genome's layout in the Python twin: encode/decode, gene reading, validity."""

import random
import re
from pathlib import Path

import pytest

from pawchain.rules.genetics import GenomeError, decode, dominant_traits, encode, gene, is_valid
from pawchain.rules.genetics.genome import (
    GENE_COUNT,
    RESERVED_VARIANT,
    TRAIT_BITS,
    TRAIT_COUNT,
    TRAIT_NAMES,
    variant_tier,
)

RULES = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def random_decoded(rng: random.Random) -> list[int]:
    return [rng.randrange(31) for _ in range(GENE_COUNT)]


def test_encode_then_decode_gives_back_the_genes() -> None:
    rng = random.Random(7)
    for _ in range(500):
        genes = random_decoded(rng)
        assert decode(encode(genes)) == genes


def test_decode_then_encode_gives_back_a_valid_genome() -> None:
    rng = random.Random(8)
    for _ in range(500):
        genome = encode(random_decoded(rng))
        assert encode(decode(genome)) == genome


def test_gene_of_trait_and_position_sits_at_bits_five_times_index() -> None:
    genome = encode([(4 * t + p) % 31 for t in range(8) for p in range(4)])
    assert gene(genome, 0, 0) == 0
    assert gene(genome, 2, 3) == 11
    assert gene(genome, 7, 3) == 0  # 31 % 31
    assert (genome >> (5 * (4 * 5 + 1))) & 31 == gene(genome, 5, 1) == 21


def test_dominant_traits_are_position_zero_of_each_trait() -> None:
    genes = [0] * GENE_COUNT
    for t in range(TRAIT_COUNT):
        genes[4 * t] = 20 + t
        genes[4 * t + 1] = 1  # recessive genes must not show
    assert dominant_traits(encode(genes)) == [20 + t for t in range(TRAIT_COUNT)]


def test_the_traits_are_the_documented_ones_in_order_and_place() -> None:
    # The trait table of the rules, read from the document (not restated here): trait, name,
    # first and last bit.
    rows = re.findall(r"^\| (\d) \| ([a-z ]+) \| (\d+)–(\d+) \|$", RULES.read_text(), re.MULTILINE)
    documented = [(int(t), name, int(first), int(last)) for t, name, first, last in rows]
    assert documented == [
        (t, name, t * TRAIT_BITS, (t + 1) * TRAIT_BITS - 1) for t, name in enumerate(TRAIT_NAMES)
    ]
    assert len(documented) == TRAIT_COUNT == 8


@pytest.mark.parametrize("variant", [31, 32, -1])
def test_encode_refuses_a_variant_outside_0_to_30(variant: int) -> None:
    genes = [0] * GENE_COUNT
    genes[13] = variant
    with pytest.raises(GenomeError, match="gene 13"):
        encode(genes)


def test_encode_refuses_a_wrong_gene_count() -> None:
    with pytest.raises(GenomeError):
        encode([0] * 31)


@pytest.mark.parametrize(("trait", "position"), [(8, 0), (0, 4), (-1, 0)])
def test_gene_refuses_a_trait_or_position_out_of_range(trait: int, position: int) -> None:
    with pytest.raises(GenomeError):
        gene(0, trait, position)


def test_genomes_of_variants_0_to_30_are_valid() -> None:
    assert is_valid(0)
    assert is_valid(encode([30] * GENE_COUNT))
    rng = random.Random(9)
    assert all(is_valid(encode(random_decoded(rng))) for _ in range(200))


@pytest.mark.parametrize("index", range(GENE_COUNT))
def test_a_gene_of_31_anywhere_makes_a_genome_invalid(index: int) -> None:
    genome = encode([30] * GENE_COUNT) | (RESERVED_VARIANT << (5 * index))
    assert not is_valid(genome)


@pytest.mark.parametrize("bit", [160, 161, 200, 255])
def test_a_reserved_bit_makes_a_genome_invalid(bit: int) -> None:
    assert not is_valid(1 << bit)


def test_words_outside_256_bits_are_invalid() -> None:
    assert not is_valid(-1)
    assert not is_valid(1 << 256)


def test_variant_tier_follows_the_published_tier_boundaries() -> None:
    expected = [0] * 16 + [1] * 8 + [2] * 4 + [3] * 2 + [4]
    assert [variant_tier(variant) for variant in range(31)] == expected
    for invalid in (31, 32, -1):
        with pytest.raises(GenomeError):
            variant_tier(invalid)
