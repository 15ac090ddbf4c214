"""The schema: migrations on an empty database, both ways, on SQLite and PostgreSQL; the
models and the migrations agree; a migration that fills a projection from the activity log
fills it as the indexer would; 256-bit integers are exact and ordered."""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Connection, Engine, inspect, select, text
from sqlalchemy.exc import IntegrityError

from pawchain.rules.genetics import TRAIT_NAMES
from pawchain.store import (
    MARKET_FEES_ROW,
    Activity,
    Base,
    MarketFees,
    Pet,
    TraitOffer,
    migrate,
    session_factory,
    transaction,
)
from pawchain.store.models import TRAIT_COLUMN_NAMES

TABLES = {
    "pets",
    "activity",
    "indexer_state",
    "recent_blocks",
    "auctions",
    "sales",
    "closed_orders",
    "order_counters",
    "market_fees",
}
TABLES |= {
    "relay_accounts",
    "relay_transactions",
    "relay_attempts",
    "sponsor_usage",
    "midwife_births",
    "relay_claims",
    "relay_claim_locks",
}  # the relay's
TABLES |= {"sign_in_nonces"}  # Sign-In with Ethereum
TABLES |= {"orders", "trait_offers", "trait_offer_picks"}  # the order book's
TABLES |= {"web_sessions", "rate_limit_counters"}  # the web server's sessions and rate-limit counts
TABLES |= {"pictures"}  # each genome's PNG, drawn once
TABLES |= {"pet_names", "pet_name_changes"}  # the names owners signed, and their counter
# "body shape" -> body_shape: the pets table has a column per shown trait, in genome order.
TRAIT_COLUMNS = [name.replace(" ", "_") for name in TRAIT_NAMES]


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def test_upgrade_downgrade_and_upgrade_again(engine: Engine):
    assert migrate.current_revision(engine) is None
    migrate.upgrade(engine)
    assert migrate.is_up_to_date(engine)
    assert _tables(engine) == TABLES
    migrate.downgrade(engine)
    assert migrate.current_revision(engine) is None
    assert _tables(engine) == set()
    migrate.upgrade(engine)
    assert _tables(engine) == TABLES


# Indexes on expressions (the auctions' price bounds): autogenerate cannot compare them
# (SQLite's reflection skips them, PostgreSQL's reads them back as text), so they are
# checked by name.
EXPRESSION_INDEXES = {
    str(index.name)
    for table in Base.metadata.tables.values()
    for index in table.indexes
    if any(not isinstance(element, Column) for element in index.expressions)
}


def _compared(item: Any, name: str | None, kind: str, reflected: bool, other: Any) -> bool:
    return not (kind == "index" and name in EXPRESSION_INDEXES)


def _index_names(connection: Connection) -> set[str]:
    if connection.dialect.name == "postgresql":
        return set(connection.scalars(text("SELECT indexname FROM pg_indexes")))
    return set(connection.scalars(text("SELECT name FROM sqlite_master WHERE type = 'index'")))


def test_the_models_match_the_migrations(engine: Engine):
    """A model change without a migration shows up here (run `pawchain db revision -m ...`)."""
    migrate.upgrade(engine)
    with engine.connect() as connection, warnings.catch_warnings():
        # What SQLAlchemy and alembic say on SQLite about the indexes they cannot compare.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression")
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": _compared}
        )
        assert compare_metadata(context, Base.metadata) == []
        assert {
            "ix_auctions_lowest_price",
            "ix_auctions_highest_price",
            *(f"ix_auctions_{trait}_rarity_tier_lowest_price" for trait in TRAIT_COLUMN_NAMES),
        } == EXPRESSION_INDEXES
        assert _index_names(connection) >= EXPRESSION_INDEXES


def test_there_is_a_column_per_shown_trait_in_genome_order():
    columns = list(Pet.__table__.columns.keys())
    assert [column for column in columns if column in TRAIT_COLUMNS] == TRAIT_COLUMNS


def _pet(pet_id: int, genes: int, fee: int) -> Pet:
    zero = dict.fromkeys(TRAIT_COLUMNS, 0)
    return Pet(
        id=pet_id,
        owner="0x" + "1" * 40,
        genes=genes,
        rarity_tier=0,
        generation=0,
        birth_time=0,
        birth_block=0,
        cooldown_end=0,
        cooldown_index=0,
        breedings=0,
        birth_fee=fee,
        litters=0,
        pet_nonce=0,
        updated_block=0,
        **zero,
    )


def _fee_event(block: int, contract: str, event: str, args: dict[str, Any]) -> dict[str, Any]:
    position = {"block_number": block, "tx_hash": f"0x{block:064x}", "log_index": 0, "tx_index": 0}
    return {
        **position,
        "block_hash": f"0x{block:064x}",
        "block_time": block,
        "contract": contract,
        "event": event,
        "args": args,
        "event_id": block,
    }


def test_the_fees_migration_fills_the_fees_in_force_from_the_activity_log(engine: Engine):
    migrate.upgrade(engine, "0020_name_changes")
    events = [
        _fee_event(1, "PetToken", "RoyaltyChanged", {"royaltyBps": 250}),
        _fee_event(2, "OrderBook", "CutChanged", {"cutBps": 375}),
        _fee_event(3, "ClockAuctionHouse", "CutChanged", {"cutBps": 900}),  # not the book's
        _fee_event(4, "OrderBook", "CutChanged", {"cutBps": 500}),
    ]
    with engine.begin() as connection:
        connection.execute(Activity.__table__.insert(), events)
    migrate.upgrade(engine)
    with session_factory(engine)() as session:
        fees = session.get(MarketFees, MARKET_FEES_ROW)
        assert fees is not None
        assert (fees.cut_bps, fees.royalty_bps, fees.updated_block) == (500, 250, 4)


def test_the_trait_offer_migration_keeps_the_first_of_twins(engine: Engine):
    """Offers stored twice before a standing offer was stored once: the twins are withdrawn
    (at their creation), the first stands, and the same terms cannot be stored again."""
    migrate.upgrade(engine, "0021_market_fees")
    terms = {"trait": "mouth", "variant": 4, "max_price": 10**16, "expiry": 2_000}
    rows = [
        {"id": 1, "buyer": "0x" + "a" * 40, **terms, "created_at": 10, "withdrawn_at": None},
        {"id": 2, "buyer": "0x" + "a" * 40, **terms, "created_at": 11, "withdrawn_at": None},
        {"id": 3, "buyer": "0x" + "a" * 40, **terms, "created_at": 12, "withdrawn_at": None},
        {"id": 4, "buyer": "0x" + "b" * 40, **terms, "created_at": 13, "withdrawn_at": None},
        {"id": 5, "buyer": "0x" + "a" * 40, **terms, "created_at": 14, "withdrawn_at": 9},
    ]
    with engine.begin() as connection:
        connection.execute(TraitOffer.__table__.insert(), rows)
    migrate.upgrade(engine)
    with engine.connect() as connection:
        withdrawn = connection.execute(
            select(TraitOffer.id, TraitOffer.withdrawn_at).order_by(TraitOffer.id)
        ).all()
    assert [tuple(row) for row in withdrawn] == [(1, None), (2, 11), (3, 12), (4, None), (5, 9)]
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(TraitOffer.__table__.insert(), [{**rows[0], "id": 6}])


def test_uint256_values_are_exact_and_ordered(engine: Engine):
    migrate.upgrade(engine)
    sessions = session_factory(engine)
    values = [2**256 - 1, 0, 2**160 - 1, 10**18, 2**64 + 1]
    with transaction(sessions) as session:
        session.add_all(_pet(i + 1, genes, fee=genes) for i, genes in enumerate(values))
    with sessions() as session:
        assert sorted(session.scalars(select(Pet.genes))) == sorted(values)
        assert list(session.scalars(select(Pet.birth_fee).order_by(Pet.birth_fee))) == sorted(
            values
        )
        assert list(
            session.scalars(select(Pet.id).where(Pet.birth_fee > 2**64).order_by(Pet.id))
        ) == [1, 3, 5]
