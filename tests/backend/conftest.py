"""Fixtures of the server tests: real databases (SQLite and PostgreSQL) and the test chain.

- `new_database` makes empty databases of one backend; tests that take it (or `database_url`)
  run once on SQLite and once on PostgreSQL. PostgreSQL is the server at
  PAWCHAIN_TEST_POSTGRES_URL, which bin/test starts; each database is created for the test
  and dropped after it. Without the variable the PostgreSQL half is skipped, saying why.
- `module_database`: the same, one database per module and backend (suites that only read).
- `chain_url` is bin/test's fresh Ganache (PAWCHAIN_TEST_RPC_URL); `season` a PetToken on it
  with two seasons of play; `make_indexer` indexes a game into a database.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from pawchain.store import make_engine
from tests.support.indexing import IndexerMaker, indexer_for
from tests.support.pet_game import PetGame, play_season

BACKENDS = ("sqlite", "postgresql")


@contextmanager
def databases(backend: str, folder: Path) -> Iterator[Callable[[], str]]:
    """A maker of empty databases (URLs) of `backend`, dropped at exit (SQLite files in `folder`)."""
    if backend == "sqlite":
        count = iter(range(1_000))
        yield lambda: f"sqlite:///{folder / f'pawchain-{next(count)}.db'}"
        return
    server = os.environ.get("PAWCHAIN_TEST_POSTGRES_URL")
    if not server:
        pytest.skip("PAWCHAIN_TEST_POSTGRES_URL is not set (bin/test starts a PostgreSQL and sets it)")
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    created: list[str] = []

    def make() -> str:
        name = f"pawchain_test_{uuid.uuid4().hex[:16]}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        created.append(name)
        return make_url(server).set(database=name).render_as_string(hide_password=False)

    try:
        yield make
    finally:
        with admin.connect() as connection:
            for name in created:
                # FORCE: an indexer killed by a test may leave a connection the server has not reaped yet.
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def new_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """A maker of empty databases (URLs) of one backend, dropped after the test."""
    with databases(request.param, tmp_path) as make:
        yield make


@pytest.fixture(scope="module", params=BACKENDS)
def module_database(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One empty database of one backend shared by a module's tests (read-only suites)."""
    with databases(request.param, tmp_path_factory.mktemp("db")) as make:
        yield make()


@pytest.fixture
def database_url(new_database: Callable[[], str]) -> str:
    """One empty database (SQLite, then PostgreSQL)."""
    return new_database()


@pytest.fixture(scope="session")
def chain_url() -> str:
    """The test chain's RPC URL: a Ganache with the project's settings that bin/test started."""
    url = os.environ.get("PAWCHAIN_TEST_RPC_URL")
    if not url:
        pytest.skip("PAWCHAIN_TEST_RPC_URL is not set (bin/test starts a test chain and sets it)")
    return url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on `database_url`, disposed after the test (closing its connections)."""
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def season(chain_url: str) -> PetGame:
    """A PetToken with a season of play behind it, shared by the tests that only read it."""
    game = PetGame.deploy(chain_url)
    play_season(game)
    play_season(game, owners=(4, 5, 6))
    return game


@pytest.fixture
def make_indexer() -> Iterator[IndexerMaker]:
    """make_indexer(database_url, game, reports=None, **options): an indexer of `game` into a
    migrated database."""
    engines: list[Engine] = []
    yield lambda database_url, game, reports=None, **options: indexer_for(database_url, game, engines, reports, **options)
    for engine in engines:
        engine.dispose()
