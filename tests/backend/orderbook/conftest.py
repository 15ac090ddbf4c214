"""Order book fixtures: a game deployed for these tests on the test chain, indexed into a
database of each backend (SQLite, then PostgreSQL), and the API on it with the chain's clock.

The tests change the chain (transfers, auctions, cancels, fills), so the game is their own,
not the web tests' season; each test mints the pets it plays with and syncs the indexer when
it wants the indexed facts to catch up.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from pawchain import deployment as records
from pawchain.config import RateLimitSettings, Settings
from pawchain.web import create_app
from pawchain.web.core.database import engine_of
from tests.backend.orderbook.book import Book
from tests.support.databases import BACKENDS, databases
from tests.support.indexing import indexer_for
from tests.support.pet_game import PetGame


@pytest.fixture(scope="package")
def order_game(chain_url: str) -> PetGame:
    return PetGame.deploy(chain_url, seed=11)


def make_book(
    game: PetGame,
    database_url: str,
    folder: Path,
    engines: list[Engine],
    rpc_url: str | None = None,
) -> Book:
    """The API and an indexer of `game` on the (empty) database at `database_url`."""
    indexer = indexer_for(database_url, game, engines)
    indexer.sync()
    deployment_path = folder / "deployment.json"
    records.write(deployment_path, game.deployment())
    settings = Settings(
        database_url=database_url,
        rpc_url=rpc_url or game.rpc_url,
        deployment_path=deployment_path,
        _secret_key=secrets.token_hex(32),  # players sign in
        rate_limits=RateLimitSettings(enabled=False),
    )  # many players' orders from one IP
    app = create_app(settings)
    app.config.update(
        TESTING=True, CLOCK=lambda: int(game.web3.eth.get_block("latest")["timestamp"])
    )
    return Book(game, app, indexer)


@pytest.fixture(scope="package", params=BACKENDS)
def book(
    request: pytest.FixtureRequest, order_game: PetGame, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Book]:
    engines: list[Engine] = []
    with databases(request.param, tmp_path_factory.mktemp("orders-db")) as make:
        made = make_book(order_game, make(), tmp_path_factory.mktemp("orders-deployment"), engines)
        yield made
        engine_of(made.app).dispose()
        for engine in engines:
            engine.dispose()
