"""The rarity ladder: generation-0 mints and their children, each tier rarer than the one
below (docs/genetics.md, "The ladder"), measured as `pawchain tiers` prints it."""

import random
import re
from itertools import pairwise

import pytest

from pawchain.cli.main import main
from pawchain.devchain import REPO_ROOT
from pawchain.rules.genetics import RARITY_TIER_NAMES, is_valid, rarity_tier
from pawchain.rules.genetics.gen0 import gen0_genes, gen0_tier_chance, rare_counts_of_tier
from pawchain.rules.genetics.ladder import TierCounts, measure_ladder
from pawchain.rules.genetics.rarity import rare_trait_count

MODERATE_SAMPLE = "2000"  # about 0.3 s; the documented figures use 10,000 of each
APP_TIERS = "src/components/rarity.ts"  # the tier explanation in the web app


def test_the_command_prints_a_ladder_of_mints_and_births(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["tiers", "--mints", MODERATE_SAMPLE, "--births", MODERATE_SAMPLE]) == 0
    out, err = capsys.readouterr()
    rows = [
        line for line in out.splitlines() if line.split(" | ")[0].strip("| ") in RARITY_TIER_NAMES
    ]
    assert [row.split(" | ")[0].strip("| ") for row in rows] == list(RARITY_TIER_NAMES)
    for column in (1, 2):  # mints, births: counts strictly fall from Common to Legendary
        counts = [int(row.split(" | ")[column].split()[0].replace(",", "")) for row in rows]
        assert sum(counts) == int(MODERATE_SAMPLE)
        assert all(lower > upper for lower, upper in pairwise(counts)), counts
    assert "each tier is rarer than the one below" in err


def test_uniform_genes_are_not_a_ladder() -> None:
    """What the seed drew before: every gene uniform over 0..30 makes Epic the commonest."""
    rng = random.Random(1)
    uniform = [sum(rng.randint(0, 30) << (5 * i) for i in range(32)) for _ in range(2000)]
    counts = TierCounts.of(uniform)
    assert not counts.is_ladder()
    assert max(range(6), key=lambda tier: counts.counts[tier]) == RARITY_TIER_NAMES.index("Epic")


def test_equal_neighbours_are_not_a_ladder() -> None:
    assert TierCounts((5, 4, 3, 2, 1, 0)).is_ladder()
    assert not TierCounts((5, 4, 3, 2, 1, 1)).is_ladder()


def test_gen0_genomes_are_valid_and_their_rare_count_fits_their_tier() -> None:
    rng = random.Random(2)
    for _ in range(500):
        genes = gen0_genes(rng)
        assert is_valid(genes)
        assert rare_trait_count(genes) in rare_counts_of_tier(rarity_tier(genes))


def test_each_gen0_tier_is_half_as_likely_as_the_one_below() -> None:
    chances = [gen0_tier_chance(tier) for tier in range(len(RARITY_TIER_NAMES))]
    assert sum(chances) == 1
    assert all(lower == 2 * upper for lower, upper in pairwise(chances))


def test_the_documented_frequencies_are_what_the_command_prints() -> None:
    """docs/genetics.md's table and the app's tier explanation hold the default run's figures."""
    ladder = measure_ladder()
    assert ladder.gen0.is_ladder() and ladder.births.is_ladder()
    assert ladder.table() in (REPO_ROOT / "docs" / "genetics.md").read_text()
    app = re.findall(
        r"gen0: ([\d.]+), births: ([\d.]+)", (REPO_ROOT / "frontend" / APP_TIERS).read_text()
    )
    assert app == [
        (f"{ladder.gen0.percent(tier):.1f}", f"{ladder.births.percent(tier):.1f}")
        for tier in range(len(RARITY_TIER_NAMES))
    ], f"{APP_TIERS} does not show the figures of `pawchain tiers`"
