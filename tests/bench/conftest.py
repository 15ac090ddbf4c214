"""Fixtures of the benchmark smoke tests: the test chain and a PostgreSQL server.

The benchmarks' code runs here at tiny sizes; figures are checked for shape and sign, never
for speed (the commands print the real figures). These tests run in bin/test's contract
suite, which has the test chain; PostgreSQL is PAWCHAIN_TEST_POSTGRES_URL when bin/test gives
one, else a throwaway cluster for the session (tools/test_postgres.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.bench.throwaway_postgres import postgres_server
from tests.support.chain_url import rpc_url_or_skip


@pytest.fixture(scope="session")
def test_chain_url() -> str:
    return rpc_url_or_skip()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with postgres_server(os.environ.get("PAWCHAIN_TEST_POSTGRES_URL")) as url:
        yield url
