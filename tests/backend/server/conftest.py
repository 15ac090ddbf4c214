"""Indexer fixtures: PetToken deployed on the test chain, indexers on real databases, and a
table-by-table dump to compare two databases."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import select

from pawchain.chain import ChainReader
from pawchain.indexer import Indexer, IndexerOptions, Target
from pawchain.store import BOOKKEEPING_TABLES, Base, make_engine, migrate, session_factory
from tests.support.pet_game import PetGame, play_season

Dump = dict[str, list[tuple[Any, ...]]]


@pytest.fixture(scope="module")
def season(chain_url: str) -> PetGame:
    """A PetToken with a season of play behind it, shared by the tests that only read it."""
    game = PetGame.deploy(chain_url)
    play_season(game)
    play_season(game, owners=(4, 5, 6))
    return game


IndexerMaker = Callable[..., Indexer]


@pytest.fixture
def make_indexer() -> Iterator[IndexerMaker]:
    """make_indexer(database_url, game, **options): an indexer of `game` into a migrated database."""
    engines = []

    def make(database_url: str, game: PetGame, reports: list[str] | None = None, **options: Any) -> Indexer:
        engine = make_engine(database_url)
        engines.append(engine)
        migrate.upgrade(engine)
        deployment = game.deployment()
        reader = ChainReader(game.web3.provider.endpoint_uri, {"PetToken": game.pets.address})
        target = Target(deployment.chain_id, deployment.deploy_block, deployment.deploy_block_hash)
        report = reports.append if reports is not None else lambda message: None
        return Indexer(reader, session_factory(engine), target, IndexerOptions(**options), report=report)

    yield make
    for engine in engines:
        engine.dispose()


def dump(indexer: Indexer, bookkeeping: bool = False) -> Dump:
    """Every row of every table (but the indexer's bookkeeping, unless asked), in key order."""
    with indexer.sessions() as session:
        return {
            table.name: [tuple(row) for row in session.execute(select(table).order_by(*table.primary_key.columns))]
            for table in Base.metadata.sorted_tables
            if bookkeeping or table.name not in BOOKKEEPING_TABLES
        }
