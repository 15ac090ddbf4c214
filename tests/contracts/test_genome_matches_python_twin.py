"""Differential test: Genome.sol (through GenomeHarness, eth_call) and the Python twin agree.

Thousands of genomes and seeds, batched so that one eth_call mixes hundreds of inputs.
"""

import random

import brownie
import pytest

from pawchain.rules import genetics
from pawchain.rules.genetics.genome import GENE_COUNT, GENOME_MASK
from tests.support.genomes import (
    adversarial_pairs,
    random_invalid,
    random_neighbourly,
    random_valid,
    uniform_genome,
)

BATCH = 500
MIX_GAS_CEILING = 20_000  # a loose guard; measured about 7,000 typical, 9,100 worst case


def assert_mixes_match(harness, matrons: list[int], sires: list[int], seeds: list[int]) -> None:
    for start in range(0, len(matrons), BATCH):
        stop = start + BATCH
        children = harness.mixMany(matrons[start:stop], sires[start:stop], seeds[start:stop])
        for matron, sire, seed, child in zip(
            matrons[start:stop], sires[start:stop], seeds[start:stop], children, strict=True
        ):
            assert child == genetics.mix(matron, sire, seed), (hex(matron), hex(sire), hex(seed))


# (random.Random seed, genome generator, how many pairs): random genomes of each kind.
RANDOM_MIXES = {
    "valid": ("mix random valid", random_valid, 1_000),
    "full_of_mutation_pairs": ("mix neighbourly", random_neighbourly, 500),
    "invalid": ("mix invalid", random_invalid, 200),
}


@pytest.mark.parametrize("kind", RANDOM_MIXES)
def test_mix_matches_twin_for_random_genomes(harness, kind: str) -> None:
    rng_seed, random_genome, n = RANDOM_MIXES[kind]
    rng = random.Random(rng_seed)
    assert_mixes_match(
        harness,
        [random_genome(rng) for _ in range(n)],
        [random_genome(rng) for _ in range(n)],
        [rng.getrandbits(256) for _ in range(n)],
    )


def test_mix_matches_twin_for_adversarial_genomes_and_seeds(harness) -> None:
    rng = random.Random("mix adversarial")
    matrons, sires, seeds = [], [], []
    for matron, sire in adversarial_pairs():
        for seed in [0, GENOME_MASK, *(rng.getrandbits(256) for _ in range(6))]:
            matrons.append(matron)
            sires.append(sire)
            seeds.append(seed)
    assert len(matrons) > 300
    assert_mixes_match(harness, matrons, sires, seeds)


def test_validity_and_rarity_tier_match_twin(harness) -> None:
    rng = random.Random("classify")
    genomes = [random_valid(rng) for _ in range(500)] + [random_invalid(rng) for _ in range(500)]
    genomes += [random_neighbourly(rng) for _ in range(500)]  # rare dominants are common here
    genomes += [0, GENOME_MASK, uniform_genome(30), uniform_genome(31), 1 << 160, 1 << 255]
    genomes += [uniform_genome(15) | sum(16 << (20 * t) for t in range(k)) for k in range(9)]
    for start in range(0, len(genomes), BATCH):
        chunk = genomes[start : start + BATCH]
        valid, tiers = harness.classifyMany(chunk)
        for genome, chain_valid, chain_tier in zip(chunk, valid, tiers, strict=True):
            assert chain_valid == genetics.is_valid(genome), hex(genome)
            assert chain_tier == genetics.rarity_tier(genome), hex(genome)
    assert {genetics.rarity_tier(genome) for genome in genomes} == set(range(6))  # every tier seen


def test_decode_and_dominant_traits_match_twin(harness) -> None:
    rng = random.Random("decode")
    genomes = [random_valid(rng) for _ in range(60)] + [
        random_invalid(rng) for _ in range(60)
    ]  # slow to return
    decoded, dominant = harness.decodeMany(genomes)
    for genome, chain_decoded, chain_dominant in zip(genomes, decoded, dominant, strict=True):
        assert list(chain_decoded) == genetics.decode(genome)
        assert list(chain_dominant) == genetics.dominant_traits(genome)


def test_encode_and_gene_match_twin(harness) -> None:
    rng = random.Random("encode")
    for _ in range(20):
        genes = [rng.randrange(31) for _ in range(GENE_COUNT)]
        genome = harness.encode(genes)
        assert genome == genetics.encode(genes)
        trait, position = rng.randrange(8), rng.randrange(4)
        assert harness.gene(genome, trait, position) == genetics.gene(genome, trait, position)


@pytest.mark.parametrize("index", [0, 13, 31])
def test_encode_reverts_on_the_reserved_variant(harness, index: int) -> None:
    genes = [30] * GENE_COUNT
    genes[index] = 31
    with brownie.reverts(revert_pattern=r"GenomeInvalidVariant.*"):  # type: ignore[attr-defined]  # brownie's plugin adds it
        harness.encode(genes)


def test_gene_reverts_out_of_range(harness) -> None:
    with brownie.reverts(revert_pattern=r"GenomeGeneOutOfRange.*"):  # type: ignore[attr-defined]  # brownie's plugin adds it
        harness.gene(0, 8, 0)
    with brownie.reverts(revert_pattern=r"GenomeGeneOutOfRange.*"):  # type: ignore[attr-defined]  # brownie's plugin adds it
        harness.gene(0, 0, 4)


def test_mix_gas_stays_under_the_ceiling(harness) -> None:
    rng = random.Random("gas")
    cases = {
        "random valid parents": (random_valid(rng), random_valid(rng)),
        "all 32 genes mutation pairs (0/1)": (uniform_genome(0), uniform_genome(1)),
        "all 32 genes mutation pairs (28/29)": (uniform_genome(28), uniform_genome(29)),
    }
    worst = 0
    for name, (matron, sire) in cases.items():
        used = [harness.mixGasUsed(matron, sire, rng.getrandbits(256))[1] for _ in range(10)]
        print(f"\nGenome.mix gas, {name}: min {min(used)}, max {max(used)}")
        worst = max(worst, *used)
    valid_gas = harness.isValidGasUsed(random_valid(rng))[1]
    tier_gas = harness.rarityTierGasUsed(random_valid(rng))[1]
    print(f"Genome.isValid gas {valid_gas}, Genome.rarityTier gas {tier_gas}")
    assert worst < MIX_GAS_CEILING
    assert valid_gas < 1_000 and tier_gas < 1_000
