"""Mixing's random decisions happen with the spec's probabilities (Python twin, many mixes)."""

import random

import pytest

from pawchain.rules.genetics import mix
from tests.support.genetics_experiments import SETUPS, Setup, check_setup, tally

MIXES_PER_SETUP = 12_000


def children(setup: Setup, seeds: list[int]) -> list[int]:
    return [mix(setup.matron, setup.sire, seed) for seed in seeds]


@pytest.mark.parametrize("setup", SETUPS, ids=[setup.name for setup in SETUPS])
def test_each_decision_has_the_spec_probability(setup: Setup) -> None:
    rng = random.Random(f"pawchain distribution {setup.name}")
    check_setup(setup, children(setup, [rng.getrandbits(256) for _ in range(MIXES_PER_SETUP)]))


@pytest.mark.parametrize(
    ("setup_name", "biased_seed"),
    [
        # bits that are 1 with p = 1/4 (a & b): the sire is chosen a quarter of the time
        ("parent choice", lambda rng: rng.getrandbits(256) & rng.getrandbits(256)),
        # bits that are 0 with p = 1/4 (a | b): pairs swap with p = 1/16
        ("swaps", lambda rng: rng.getrandbits(256) | rng.getrandbits(256)),
        # bits that are 0 with p = 3/4: rolls below 2 (two high bits 0) come with p = 9/16
        ("mutation 0/1", lambda rng: rng.getrandbits(256) & rng.getrandbits(256)),
        ("mutation 16/17", lambda rng: rng.getrandbits(256) & rng.getrandbits(256)),
    ],
)
def test_the_bounds_catch_a_wrong_probability(setup_name: str, biased_seed) -> None:
    """Biased seeds make the right mix behave like a wrong rule; the check must notice."""
    setup = next(setup for setup in SETUPS if setup.name == setup_name)
    rng = random.Random(f"pawchain biased {setup_name}")
    with pytest.raises(AssertionError, match="expected"):
        check_setup(setup, children(setup, [biased_seed(rng) for _ in range(2_000)]))


def test_the_swap_setup_observes_enough_matron_and_sire_genes() -> None:
    rng = random.Random(1)
    setup = next(setup for setup in SETUPS if setup.name == "swaps")
    for observation, _hits, trials in tally(
        setup, children(setup, [rng.getrandbits(256) for _ in range(100)])
    ):
        assert 300 <= trials <= 500, observation.name  # about half of 800 traits
