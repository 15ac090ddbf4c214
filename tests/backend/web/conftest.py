"""Web API fixtures: an app on a database indexed from a real season on the test chain.

`app` is built once per module and backend (SQLite, then PostgreSQL); the API only reads, so
tests share it. Its clock is the test chain's latest block time (the season moved the chain's
clock ahead of the wall clock), so "cooling down" means what the contract would say.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from apiflask import APIFlask
from flask.testing import FlaskClient
from sqlalchemy import Engine

from pawchain import deployment as records
from pawchain.config import Settings
from pawchain.web import create_app
from pawchain.web.database import engine_of
from tests.support.indexing import indexer_for
from tests.support.pet_game import PetGame


@pytest.fixture(scope="module")
def season(season: PetGame) -> PetGame:
    """The shared season, ending with a fresh breeding: the season's births moved the clock
    past every cooldown, and the API's status filters need a pet still cooling down."""
    owner = season.account(7)
    matron, sire = season.mint(owner), season.mint(owner)
    season.breed(matron, sire)  # the matron is pregnant, the sire cools down (1 minute at least)
    return season


@pytest.fixture(scope="module")
def indexed_database(module_database: str, season: PetGame) -> Iterator[str]:
    """`module_database` with `season` indexed into it."""
    engines: list[Engine] = []
    indexer_for(module_database, season, engines).sync()
    yield module_database
    for engine in engines:
        engine.dispose()


@pytest.fixture(scope="module")
def app(indexed_database: str, season: PetGame, chain_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[APIFlask]:
    """The API on the indexed season, judging time by the test chain's clock."""
    deployment_path = Path(tmp_path_factory.mktemp("deployment")) / "deployment.json"
    records.write(deployment_path, season.deployment())
    settings = Settings(database_url=indexed_database, rpc_url=chain_url, deployment_path=deployment_path)
    app = create_app(settings)
    app.config.update(TESTING=True, CLOCK=lambda: season.web3.eth.get_block("latest")["timestamp"])
    yield app
    engine_of(app).dispose()


@pytest.fixture
def api(app: APIFlask) -> FlaskClient:
    """A test client of `app`."""
    return app.test_client()
