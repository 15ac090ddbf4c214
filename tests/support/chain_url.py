"""The test chain's RPC URL, for the suites that play on it."""

from __future__ import annotations

import os

import pytest


def rpc_url_or_skip() -> str:
    """PAWCHAIN_TEST_RPC_URL: a Ganache with the project's settings that bin/test started.
    Without it the test asking is skipped (run through bin/test)."""
    url = os.environ.get("PAWCHAIN_TEST_RPC_URL")
    if not url:
        pytest.skip("PAWCHAIN_TEST_RPC_URL is not set (bin/test starts a test chain and sets it)")
    return url
