"""Fixtures of the server tests: real databases (SQLite and PostgreSQL) and the test chain.

- `new_database` makes empty databases of one backend; tests that take it (or `database_url`)
  run once on SQLite and once on PostgreSQL. PostgreSQL is the server at
  PAWCHAIN_TEST_POSTGRES_URL, which bin/test starts; each database is created for the test
  and dropped after it (tests/support/databases.py). Without the variable the PostgreSQL
  half is skipped, saying why.
- Every request reads the data version (`fresh_data_version`, answer_cache.py).
- `chain_url` is bin/test's fresh Ganache (PAWCHAIN_TEST_RPC_URL); `season` a PetToken on it
  with two seasons of play; `make_indexer` indexes a game into a database;
  `indexed_by_the_cli` has the `pawchain` command index the season (`environment`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from pawchain import deployment as records
from pawchain.cli.main import main
from pawchain.indexer import Indexer
from pawchain.store import make_engine
from pawchain.web.core import answer_cache
from tests.support.chain_url import rpc_url_or_skip
from tests.support.databases import BACKENDS, databases
from tests.support.indexing import IndexerMaker, indexer_for
from tests.support.pet_game import PetGame, played_game


@pytest.fixture(autouse=True)
def fresh_data_version(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every request of the test apps reads the data version (a server keeps it for
    answer_cache.VERSION_SECONDS): tests write and read again at once."""
    monkeypatch.setattr(answer_cache, "VERSION_SECONDS", 0.0)


@pytest.fixture(params=BACKENDS)
def new_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """A maker of empty databases (URLs) of one backend, dropped after the test."""
    with databases(request.param, tmp_path) as make:
        yield make


@pytest.fixture
def database_url(new_database: Callable[[], str]) -> str:
    """One empty database (SQLite, then PostgreSQL)."""
    return new_database()


@pytest.fixture(scope="session")
def chain_url() -> str:
    """The test chain's RPC URL: a Ganache with the project's settings that bin/test started."""
    return rpc_url_or_skip()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on `database_url`, disposed after the test (closing its connections)."""
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def season(chain_url: str) -> PetGame:
    """A PetToken with a season of play behind it, shared by the tests that only read it (of
    any module: playing it takes 15-40 s; the tests that change a game deploy their own)."""
    return played_game(chain_url)


@pytest.fixture
def make_indexer() -> Iterator[IndexerMaker]:
    """make_indexer(database_url, game, reports=None, **options): an indexer of `game` into a
    migrated database."""
    engines: list[Engine] = []
    yield lambda database_url, game, reports=None, **options: indexer_for(
        database_url, game, engines, reports, **options
    )
    for engine in engines:
        engine.dispose()


@pytest.fixture
def environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, season: PetGame, database_url: str
) -> None:
    """The `pawchain` command's settings for this season and database."""
    record = tmp_path / "deployment.json"
    records.write(record, season.deployment())
    monkeypatch.setenv("PAWCHAIN_DATABASE_URL", database_url)
    monkeypatch.setenv("PAWCHAIN_RPC_URL", season.rpc_url)
    monkeypatch.setenv("PAWCHAIN_DEPLOYMENT", str(record))


@pytest.fixture
def indexed_by_the_cli(
    environment: None, season: PetGame, database_url: str, make_indexer: IndexerMaker
) -> Indexer:
    """The season indexed by `pawchain index --once`; returns an indexer on that database
    (for a test to change its rows behind the command's back)."""
    assert main(["index", "--once"]) == 0
    return make_indexer(database_url, season)
