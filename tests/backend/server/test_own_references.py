"""The indexer's batch transaction (store.own_references): on SQLite the database leaves the
pets' references to the writer, and the pets projection still refuses a dangling one; the
connection goes back to the pool enforcing them again. On PostgreSQL nothing changes."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, event, func, select
from sqlalchemy.exc import IntegrityError

from pawchain.indexer.handlers import HandlerError
from pawchain.indexer.handlers.pets import ROW_COLUMNS, PetProjection, PetState, row_values
from pawchain.store import Pet, migrate, session_factory, transaction
from pawchain.store.own_references import (
    references_enforced,
    transaction_checking_own_references,
)

# A refused reference: the projection's own check, or the database's at commit.
REFUSED = (HandlerError, IntegrityError)


def _born(owner_digit: str, matron: int | None = None, siring_with: int | None = None) -> PetState:
    return PetState(
        owner="0x" + owner_digit * 40,
        born=True,
        genes=12345,
        matron_id=matron,
        sire_id=matron,
        siring_with_id=siring_with,
        generation=1 if matron else 0,
    )


def _pets(engine: Engine) -> int:
    with session_factory(engine)() as session:
        return int(session.scalar(select(func.count()).select_from(Pet)) or 0)


def test_references_within_the_batch_and_to_stored_pets_pass(engine: Engine):
    migrate.upgrade(engine)
    sessions = session_factory(engine)
    with transaction_checking_own_references(sessions) as session:
        # Pet 1 is pregnant by pet 3, written after it in the same batch.
        PetProjection().save(session, {1: _born("1", siring_with=3), 3: _born("3")})
    with transaction_checking_own_references(sessions) as session:
        PetProjection().save(session, {4: _born("4", matron=1, siring_with=3)})
    assert _pets(engine) == 3


def test_a_pets_row_fills_every_column_once():
    assert sorted(ROW_COLUMNS) == sorted(Pet.__table__.columns.keys())


def test_pets_naming_only_each_other_are_not_looked_up(engine: Engine):
    # A catch-up writes children with their parents: only references leaving the batch can
    # dangle, so the projection's check asks the database nothing about these.
    migrate.upgrade(engine)
    selects: list[str] = []

    def record(connection: object, cursor: object, statement: str, *rest: object) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            selects.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        with transaction_checking_own_references(session_factory(engine)) as session:
            PetProjection().save(
                session, {1: _born("1", siring_with=3), 3: _born("3"), 4: _born("4", matron=1)}
            )
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert selects == [] and _pets(engine) == 3


@pytest.mark.parametrize("field", ["matron", "siring_with"])
def test_a_reference_to_a_pet_the_index_lacks_is_refused(engine: Engine, field: str):
    migrate.upgrade(engine)
    sessions = session_factory(engine)
    with pytest.raises(REFUSED), transaction_checking_own_references(sessions) as session:
        PetProjection().save(session, {1: _born("1"), 2: _born("2", **{field: 99})})
    assert _pets(engine) == 0  # nothing of the batch stays


def test_deleting_a_pet_another_names_is_refused(engine: Engine):
    migrate.upgrade(engine)
    sessions = session_factory(engine)
    with transaction_checking_own_references(sessions) as session:
        PetProjection().save(session, {1: _born("1"), 2: _born("2", matron=1)})
    with pytest.raises(REFUSED), transaction_checking_own_references(sessions) as session:
        PetProjection().save(session, {1: None})
    assert _pets(engine) == 2


def test_only_the_batch_skips_the_databases_checks(engine: Engine):
    migrate.upgrade(engine)
    sessions = session_factory(engine)
    sqlite = engine.dialect.name == "sqlite"
    with transaction_checking_own_references(sessions) as session:
        assert references_enforced(session) is not sqlite
    # Every pooled connection enforces them again, the batch's included.
    for _ in range(3):
        with transaction(sessions) as session:
            assert references_enforced(session)
    with pytest.raises(IntegrityError), transaction(sessions) as session:
        session.add(Pet(**_row(7, matron=99)))


def test_a_failed_batch_gives_back_a_checking_connection(engine: Engine):
    migrate.upgrade(engine)
    sessions = session_factory(engine)
    with pytest.raises(RuntimeError), transaction_checking_own_references(sessions) as session:
        PetProjection().save(session, {1: _born("1")})
        raise RuntimeError("the batch fails")
    assert _pets(engine) == 0
    with transaction(sessions) as session:
        assert references_enforced(session)


def _row(pet_id: int, matron: int) -> dict[str, object]:
    return dict(zip(ROW_COLUMNS, row_values(pet_id, _born("5", matron=matron)), strict=True))
