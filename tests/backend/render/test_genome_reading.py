"""Only the dominant genes are drawn; invalid input is refused clearly."""

import pytest
from helpers import PLAIN, with_trait

from pawchain.render import pet_traits, render_svg
from pawchain.render.genome import dominant_variants, mutation_tier, rarity_tier
from pawchain.render.sample_genomes import genome_from_genes


def test_dominant_variants_follow_the_documented_bit_layout():
    # trait t, position p at bits 5*(4t+p): put a marker at position 0 only
    genes = (7 << 0) | (9 << 5) | (3 << 20) | (30 << 140)
    assert dominant_variants(genes) == (7, 3, 0, 0, 0, 0, 0, 30)


def test_reserved_bits_do_not_change_the_picture():
    genes = with_trait(1, 5)
    assert render_svg(genes | (0xDEADBEEF << 160) | (1 << 255)) == render_svg(genes)


def test_recessive_genes_do_not_change_the_picture():
    shown = [[v, 0, 0, 0] for v in PLAIN]
    hidden = [[v, 30, 17, 31] for v in PLAIN]  # even a reserved 31 in a recessive slot
    assert render_svg(genome_from_genes(hidden)) == render_svg(genome_from_genes(shown))


@pytest.mark.parametrize("trait", range(8))
def test_a_visible_reserved_variant_raises_a_clear_error(trait):
    with pytest.raises(ValueError, match="reserved variant 31"):
        render_svg(with_trait(trait, 31))
    with pytest.raises(ValueError, match="reserved variant 31"):
        pet_traits(with_trait(trait, 31))


@pytest.mark.parametrize("genes", [-1, 1 << 256])
def test_numbers_outside_256_bits_are_refused(genes):
    with pytest.raises(ValueError, match="256-bit"):
        render_svg(genes)


def test_mutation_tiers_match_the_published_ranges():
    assert [mutation_tier(v) for v in (0, 15, 16, 23, 24, 27, 28, 29, 30)] == [
        0,
        0,
        1,
        1,
        2,
        2,
        3,
        3,
        4,
    ]


def test_rarity_tier_follows_the_ladder():
    ladder = [rarity_tier(tuple([16] * rare + [0] * (8 - rare))) for rare in range(9)]
    assert ladder == [0, 0, 1, 2, 3, 3, 4, 4, 5]
