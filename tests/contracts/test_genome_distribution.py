"""Genome.sol's random decisions happen with the spec's probabilities (a smaller on-chain sample)."""

import random

import pytest

from tests.support.genetics_experiments import SETUPS, Setup, check_setup

MIXES_PER_SETUP = {"swaps": 600}  # the 1/64 climb needs more trials to be told from 0
DEFAULT_MIXES = 300
BATCH = 400


@pytest.mark.parametrize("setup", SETUPS, ids=[setup.name for setup in SETUPS])
def test_each_decision_has_the_spec_probability_on_chain(harness, setup: Setup) -> None:
    rng = random.Random(f"pawchain on-chain distribution {setup.name}")
    n = MIXES_PER_SETUP.get(setup.name, DEFAULT_MIXES)
    children: list[int] = []
    for start in range(0, n, BATCH):
        count = min(BATCH, n - start)
        seeds = [rng.getrandbits(256) for _ in range(count)]
        children += harness.mixMany([setup.matron] * count, [setup.sire] * count, seeds)
    check_setup(setup, children)


def test_the_on_chain_sample_is_at_least_2000_mixes() -> None:
    assert sum(MIXES_PER_SETUP.get(setup.name, DEFAULT_MIXES) for setup in SETUPS) >= 2_000
