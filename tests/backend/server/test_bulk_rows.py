"""Upserting rows by the database's fastest path (store/bulk_rows.py) writes what it is given,
on SQLite and PostgreSQL: 256-bit values exactly, references between the rows, and each call
only its own rows, however many calls a transaction or a connection makes, after a rolled-back
one too (on PostgreSQL the rows pass through a temporary table that lives as long as the
connection, made by the first transaction that upserts, which may roll back)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, select

from pawchain.store import Pet, make_engine, migrate, session_factory, transaction
from pawchain.store.bulk_rows import upsert_rows

BIG = 2**256 - 1  # no 64-bit column holds it


class Refused(Exception):
    """Ends a transaction with a rollback."""


def _pet(pet_id: int, owner: str, **values: Any) -> dict[str, Any]:
    references = {"matron_id": None, "sire_id": None, "siring_with_id": None}
    return {
        **{column.key: 0 for column in Pet.__table__.c},
        **references,
        "id": pet_id,
        "owner": owner,
        "fancy": None,
        "birth_seed": None,
        **values,
    }


def _owners(engine: Engine) -> dict[int, tuple[str, int, int | None]]:
    with engine.connect() as connection:
        rows = connection.execute(select(Pet.id, Pet.owner, Pet.genes, Pet.matron_id))
        return {pet_id: (owner, genes, matron) for pet_id, owner, genes, matron in rows}


def test_each_upsert_writes_its_own_rows(database_url: str) -> None:
    engine = make_engine(database_url, pool_size=1, max_overflow=0)  # one connection, reused
    try:
        migrate.upgrade(engine)
        sessions = session_factory(engine)
        table = Pet.__table__
        alice, bob, carol = ("0x" + digit * 40 for digit in "abc")
        with pytest.raises(Refused), transaction(sessions) as session:
            upsert_rows(session, table, [_pet(1, carol)])
            raise Refused  # rolled back: the row, and the temporary table made for it
        assert _owners(engine) == {}
        with transaction(sessions) as session:
            upsert_rows(session, table, [_pet(1, alice, genes=BIG), _pet(2, alice)])
            # The second call in the same transaction: pet 2 changes, pet 3 (a child of
            # pet 1) is new, pet 1 is not given and keeps its row.
            upsert_rows(session, table, [_pet(2, bob), _pet(3, bob, matron_id=1)])
        assert _owners(engine) == {1: (alice, BIG, None), 2: (bob, 0, None), 3: (bob, 0, 1)}
        with transaction(sessions) as session:  # the same connection, a later transaction
            upsert_rows(session, table, [_pet(1, carol, genes=BIG - 1)])
        assert _owners(engine) == {1: (carol, BIG - 1, None), 2: (bob, 0, None), 3: (bob, 0, 1)}
    finally:
        engine.dispose()
