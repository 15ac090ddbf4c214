"""A statement read on the DB-API cursor (queries/driver_rows.py) gives what SQLAlchemy's
execution gives, on SQLite and PostgreSQL, through a SQLAlchemy Connection or a connection
straight from the pool (pooled_reads): the same values and types (256-bit integers as
ints), read by column name; None for no row; the database's errors as SQLAlchemy's, and a
PostgreSQL connection whose server process died replaced by the pool. A pooled connection
reads outside any transaction and goes back to the pool ready for a session's transaction."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import Column, Engine, Integer, MetaData, Table, select, text
from sqlalchemy.exc import DBAPIError, OperationalError

from pawchain.queries.driver_rows import DriverRows, pooled_reads
from pawchain.queries.pets import (
    PET_PAGE_ROW,
    PET_PAGE_ROW_READER,
    PET_ROW,
    PET_ROW_READER,
    pet_page_row,
    pet_row,
)
from pawchain.store import Pet, PetName, make_engine, migrate, session_factory, transaction
from tests.support.databases import databases

BIG = 2**256 - 1  # a genome and a fee no 64-bit column holds


def _pets(engine: Engine) -> None:
    """A pet with 256-bit values and a name, its child, and a pet never bred."""
    migrate.upgrade(engine)
    references = {"matron_id": None, "sire_id": None, "siring_with_id": None}
    columns = {**{column.key: 0 for column in Pet.__table__.c}, **references}
    rows = [
        {**columns, "id": 1, "genes": BIG, "birth_fee": BIG, "breedings": 1, "birth_seed": 7},
        {**columns, "id": 2, "genes": 5, "matron_id": 1},
        {**columns, "id": 3, "genes": 2**200, "birth_seed": None},
    ]
    with transaction(session_factory(engine)) as session:
        session.add_all(Pet(**{**row, "owner": "0x" + "ab" * 20}) for row in rows)
        session.flush()
        owner = "0x" + "ab" * 20
        session.add(
            PetName(
                pet_id=1,
                name="Mochi",
                name_key="mochi",
                named_by=owner,
                issued_at=1,
                signature=b"s",
            )
        )


def test_rows_are_sqlalchemys_rows(engine: Engine) -> None:
    _pets(engine)
    with engine.connect() as connection, pooled_reads(engine) as pooled:
        for pet_id in (1, 2, 3):
            for statement, reader in (
                (PET_ROW, PET_ROW_READER),
                (PET_PAGE_ROW, PET_PAGE_ROW_READER),
            ):
                expected = connection.execute(statement, {"pet_id": pet_id}).one()
                for got in (
                    reader.first(connection, {"pet_id": pet_id}),
                    reader.first(pooled, {"pet_id": pet_id}),
                ):
                    assert got is not None
                    assert tuple(got) == tuple(expected)
                    assert [type(value) for value in got] == [type(value) for value in expected]
                    assert got._fields == tuple(expected._fields)
        assert pet_row(pooled, 4) is None
        assert getattr(pet_row(connection, 1), "genes", None) == BIG
        assert getattr(pet_row(connection, 1), "name", None) == "Mochi"
        for pet_id, children in ((1, [2]), (2, [])):  # pet 2 never bred: no lookup
            page = pet_page_row(connection, pet_id)
            assert page is not None
            assert page[1] == children
            assert tuple(page[0])[:-1] == tuple(pet_row(connection, pet_id) or ())
        assert pet_row(connection, 4) is None
        assert pet_page_row(connection, 4) is None


def test_a_refused_statement_raises_sqlalchemys_error(engine: Engine) -> None:
    migrate.upgrade(engine)
    missing = Table("no_such_table", MetaData(), Column("id", Integer))
    reader = DriverRows(select(missing.c.id))
    with engine.connect() as connection, pytest.raises(DBAPIError):
        reader.first(connection, {})
    with pooled_reads(engine) as pooled, pytest.raises(DBAPIError):
        reader.first(pooled, {})
    with pooled_reads(engine) as pooled:  # the connection still reads after the refusal
        assert pet_row(pooled, 1) is None


def test_pooled_reads_leave_no_transaction_and_give_back_a_transactional_connection(
    tmp_path: Path,
) -> None:
    with databases("postgresql", tmp_path) as make:
        engine = make_engine(make(), pool_size=1, max_overflow=0)  # one connection, reused
        try:
            _pets(engine)
            with pooled_reads(engine) as pooled:
                assert pet_row(pooled, 1) is not None
                # autocommit: the read opened no transaction (no BEGIN, no ROLLBACK to send)
                driver = pooled.connection.dbapi_connection
                assert driver is not None
                assert driver.info.transaction_status.name == "IDLE"
            # The same connection, lent to a session: its writes are one transaction again,
            # so a rolled-back insert leaves nothing (in autocommit it would have stayed).
            sessions = session_factory(engine)
            with sessions() as session:
                session.begin()
                session.execute(text("UPDATE pets SET breedings = 99 WHERE id = 2"))
                session.rollback()
            with pooled_reads(engine) as pooled:
                assert getattr(pet_row(pooled, 2), "breedings", None) == 0
        finally:
            engine.dispose()


def test_a_connection_whose_server_process_died_is_replaced(tmp_path: Path) -> None:
    with databases("postgresql", tmp_path) as make:
        url = make()
        engine = make_engine(url, pool_pre_ping=False, pool_size=1, max_overflow=0)
        killer = make_engine(url)
        try:
            _pets(engine)
            with engine.connect() as connection:
                dead = connection.scalar(text("SELECT pg_backend_pid()"))
            with killer.connect() as connection:
                connection.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": dead})
            time.sleep(0.2)  # the server process is gone before the pool hands it out
            with engine.connect() as connection, pytest.raises(OperationalError):
                pet_row(connection, 1)  # the API answers this 503 (web/core/errors.py)
            with engine.connect() as connection:
                dead = connection.scalar(text("SELECT pg_backend_pid()"))
                assert getattr(pet_row(connection, 1), "name", None) == "Mochi"
            with killer.connect() as connection:
                connection.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": dead})
            time.sleep(0.2)
            with pytest.raises(OperationalError), pooled_reads(engine) as pooled:
                pet_row(pooled, 1)
            with pooled_reads(engine) as pooled:
                assert getattr(pet_row(pooled, 1), "name", None) == "Mochi"
            with engine.connect() as connection:
                assert connection.scalar(text("SELECT pg_backend_pid()")) != dead
        finally:
            killer.dispose()
            engine.dispose()
