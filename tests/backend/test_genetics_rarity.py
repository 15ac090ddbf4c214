"""The rarity ladder: the count of rare shown traits sets a pet's tier."""

import pytest

from pawchain.rules.genetics import RARITY_TIER_NAMES, encode, rarity_tier, rarity_tier_name
from pawchain.rules.genetics.genome import GENE_COUNT
from pawchain.rules.genetics.rarity import tier_for_rare_count

# From docs/genetics.md: 0-1 Common, 2 Rare, 3 Excellent, 4-5 Epic, 6-7 Mythical, 8 Legendary.
LADDER = {
    0: "Common",
    1: "Common",
    2: "Rare",
    3: "Excellent",
    4: "Epic",
    5: "Epic",
    6: "Mythical",
    7: "Mythical",
    8: "Legendary",
}


def genome_with_rare_traits(count: int, rare: int = 16, common: int = 15) -> int:
    genes = [common] * GENE_COUNT
    for trait in range(count):
        genes[4 * trait] = rare
    return encode(genes)


def test_tier_names_run_from_common_to_legendary() -> None:
    assert RARITY_TIER_NAMES == ("Common", "Rare", "Excellent", "Epic", "Mythical", "Legendary")


@pytest.mark.parametrize("count", range(9))
def test_each_count_of_rare_traits_gives_the_spec_tier(count: int) -> None:
    genome = genome_with_rare_traits(count)
    assert rarity_tier_name(genome) == LADDER[count]
    assert RARITY_TIER_NAMES[rarity_tier(genome)] == LADDER[count]
    assert RARITY_TIER_NAMES[tier_for_rare_count(count)] == LADDER[count]


def test_only_the_dominant_gene_decides_rarity() -> None:
    genes = [30] * GENE_COUNT
    for trait in range(8):
        genes[4 * trait] = 0
    assert rarity_tier_name(encode(genes)) == "Common"


@pytest.mark.parametrize(("variant", "rare"), [(15, False), (16, True), (23, True), (30, True)])
def test_a_trait_is_rare_from_variant_16(variant: int, rare: bool) -> None:
    genome = genome_with_rare_traits(8, rare=variant, common=0)
    assert rarity_tier_name(genome) == ("Legendary" if rare else "Common")


def test_a_rare_count_outside_0_to_8_is_refused() -> None:
    with pytest.raises(ValueError):
        tier_for_rare_count(9)
