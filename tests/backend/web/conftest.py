"""Web API fixtures: an app on a database indexed from a real season on the test chain.

`app` is built once per backend (SQLite, then PostgreSQL) for the whole web package; the
API only reads, so tests share it. Its clock is the test chain's latest block time (the season moved the chain's
clock ahead of the wall clock), so "cooling down" means what the contract would say.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from apiflask import APIFlask
from flask.testing import FlaskClient
from sqlalchemy import Engine

from pawchain import deployment as records
from pawchain.config import RateLimitSettings, Settings
from pawchain.store import Pet
from pawchain.web import create_app
from pawchain.web.core.database import engine_of
from tests.backend.web.fancy import breed_bandits
from tests.backend.web.helpers import pets_in
from tests.support.databases import BACKENDS, databases
from tests.support.indexing import indexer_for
from tests.support.pet_game import PetGame


@pytest.fixture(scope="package")
def web_season(season: PetGame) -> PetGame:
    """Two seasons of play (the session's `season`, played once: its other tests compare an
    index with whatever the chain holds, so what is added here changes none of them), two
    Bandits bred (fancy.py), then a fresh breeding: the seasons' births moved the clock past
    every cooldown, and the API's status filters need a pet still cooling down."""
    game = season
    breed_bandits(game)
    owner = game.account(7)
    matron, sire = game.mint(owner), game.mint(owner)
    game.breed(matron, sire)  # the matron is pregnant, the sire cools down (1 minute at least)
    return game


@pytest.fixture(scope="package", params=BACKENDS)
def indexed_database(
    request: pytest.FixtureRequest, web_season: PetGame, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A database of one backend with `web_season` indexed into it, shared by the web tests
    (they only read pets; the tests that write one put the row back; sign-in tests add nonces,
    the pet name tests names, which they delete)."""
    engines: list[Engine] = []
    with databases(request.param, tmp_path_factory.mktemp("web-db")) as make:
        url = make()
        indexer_for(url, web_season, engines).sync()
        yield url
        for engine in engines:
            engine.dispose()


@pytest.fixture(scope="package")
def app(
    indexed_database: str,
    web_season: PetGame,
    chain_url: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[APIFlask]:
    """The API on the indexed season, judging time by the test chain's clock."""
    deployment_path = Path(tmp_path_factory.mktemp("deployment")) / "deployment.json"
    records.write(deployment_path, web_season.deployment())
    settings = Settings(
        database_url=indexed_database,
        rpc_url=chain_url,
        deployment_path=deployment_path,
        _secret_key=secrets.token_hex(32),  # players can sign in (tests/backend/web/sign_in.py)
        # every test here comes from one IP and signs in at will; test_rate_limits.py
        # builds apps of its own with the limits on
        rate_limits=RateLimitSettings(enabled=False),
    )
    app = create_app(settings)
    latest_block_time = int(web_season.web3.eth.get_block("latest")["timestamp"])
    app.config.update(TESTING=True, CLOCK=lambda: latest_block_time)
    yield app
    engine_of(app).dispose()


@pytest.fixture(scope="package")
def all_pets(app: APIFlask) -> list[Pet]:
    """Every pet row, read straight from the database."""
    return pets_in(app)


@pytest.fixture(scope="package")
def chain_now(app: APIFlask) -> int:
    """The time the app judges by: the test chain's latest block."""
    return int(app.config["CLOCK"]())


@pytest.fixture
def api(app: APIFlask) -> FlaskClient:
    """A test client of `app`."""
    return app.test_client()
