"""Index a test game into a database: the indexer built as the CLI builds it, and a
table-by-table dump to compare two databases. Shared by the indexer and the web tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, select

from pawchain.chain import CONTRACTS, ChainReader
from pawchain.indexer import Indexer, IndexerOptions, Target
from pawchain.store import (
    BOOKKEEPING_TABLES,
    HISTORY_COLUMNS,
    Auction,
    Base,
    Pet,
    make_engine,
    migrate,
    session_factory,
)
from pawchain.store.market_models import PET_COLUMNS
from tests.support.pet_game import PetGame

Dump = dict[str, list[tuple[Any, ...]]]
IndexerMaker = Callable[..., Indexer]


def indexer_for(
    database_url: str,
    game: PetGame,
    engines: list[Engine],
    reports: list[str] | None = None,
    **options: Any,
) -> Indexer:
    """An indexer of `game` into the migrated database at `database_url`; its engine is
    appended to `engines` for the caller to dispose of."""
    engine = make_engine(database_url)
    engines.append(engine)
    migrate.upgrade(engine)
    deployment = game.deployment()
    addresses = game.addresses()
    reader = ChainReader(game.rpc_url, {name: addresses[name] for name in CONTRACTS})
    target = Target(deployment.chain_id, deployment.deploy_block, deployment.deploy_block_hash)
    report = reports.append if reports is not None else lambda message: None
    return Indexer(
        reader, session_factory(engine), target, IndexerOptions(**options), report=report
    )


def dump(indexer: Indexer, bookkeeping: bool = False) -> Dump:
    """Every row of every table (but the indexer's bookkeeping and the columns that depend on
    its history, such as event ids, unless asked), in key order."""
    with indexer.sessions() as session:
        return {
            table.name: [
                tuple(row)
                for row in session.execute(
                    select(
                        *(
                            column
                            for column in table.columns
                            if bookkeeping or f"{table.name}.{column.name}" not in HISTORY_COLUMNS
                        )
                    ).order_by(*table.primary_key.columns)
                )
            ]
            for table in Base.metadata.sorted_tables
            if bookkeeping or table.name not in BOOKKEEPING_TABLES
        }


def auction_copies_unlike_pets(indexer: Indexer) -> list[tuple[Any, ...]]:
    """The open auctions whose copies of their pet's traits and tier (store.market_models)
    differ from the pet's own row (or are missing): (pet, the copies, the pet's values)."""
    with indexer.sessions() as session:
        rows = session.execute(
            select(
                Auction.pet_id,
                *(getattr(Auction, column) for column in PET_COLUMNS),
                *(getattr(Pet, column) for column in PET_COLUMNS),
            ).join(Pet, Pet.id == Auction.pet_id)
        ).all()
    width = len(PET_COLUMNS)
    return [
        (row[0], row[1 : 1 + width], row[1 + width :])
        for row in rows
        if tuple(row[1 : 1 + width]) != tuple(row[1 + width :])
    ]
