"""The ABIs the server ships (pawchain/chain/abi) are the ones the contracts compile to."""

from __future__ import annotations

import pytest

from pawchain.chain import abis


@pytest.mark.parametrize("name", abis.ALL_CONTRACTS)
def test_committed_abi_matches_the_build(name: str):
    if not (abis.BUILD_DIR / f"{name}.json").exists():
        pytest.skip("no brownie build (bin/test compiles before the tests)")
    assert abis.load_abi(name) == abis.build_abi(name), "stale ABI: run `python -m pawchain.chain`"
