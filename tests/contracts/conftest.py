"""Fixtures for the contract tests: one GenomeHarness per module (deployed before brownie's
per-test snapshots, so every test reuses it)."""

import pytest


@pytest.fixture(scope="module")
def harness(GenomeHarness, accounts):  # type: ignore[no-untyped-def]
    return GenomeHarness.deploy({"from": accounts[0]})
