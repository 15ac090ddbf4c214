"""The answer cache's data version (queries/data_version.py) is one statement, a round trip
every VERSION_SECONDS per web worker, and changes with each thing it stands for: a
checkpoint's block, hash or event counter, another checkpoint, the names' counter."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, delete, event, insert, update

from pawchain.queries.data_version import data_version
from pawchain.store import IndexerState, NameChanges, migrate
from pawchain.store.name_models import ONLY_ROW

CHECKPOINT = {
    "chain_id": 1337,
    "deploy_block": 1,
    "deploy_block_hash": "0x" + "11" * 32,
    "block_number": 5,
    "block_hash": "0x" + "22" * 32,
    "last_event_id": 9,
}


def _version_and_statements(engine: Engine) -> tuple[tuple[Any, ...], list[str]]:
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    with engine.connect() as connection:
        event.listen(engine, "before_cursor_execute", record)
        try:
            version = data_version(connection)
        finally:
            event.remove(engine, "before_cursor_execute", record)
    return version, statements


def _version(engine: Engine) -> tuple[Any, ...]:
    version, statements = _version_and_statements(engine)
    assert len(statements) == 1, statements
    return version


def test_the_version_is_one_statement_that_follows_every_commit(engine: Engine) -> None:
    migrate.upgrade(engine)
    empty = _version(engine)
    assert empty == ((), 0)  # no checkpoint yet: the names' counter alone
    seen = [empty]
    changes = [
        insert(IndexerState).values(name="pets", **CHECKPOINT),
        update(IndexerState).values(block_number=6),
        update(IndexerState).values(block_hash="0x" + "33" * 32),
        update(IndexerState).values(last_event_id=10),
        insert(IndexerState).values(name="market", **CHECKPOINT),
        update(NameChanges).where(NameChanges.id == ONLY_ROW).values(counter=1),
    ]
    for change in changes:
        with engine.begin() as connection:
            connection.execute(change)
        seen.append(_version(engine))
    assert len(set(seen)) == len(seen), seen
    checkpoints: tuple[tuple[Any, ...], ...] = seen[-1][0]
    assert [checkpoint[0] for checkpoint in checkpoints] == ["market", "pets"]
    assert checkpoints[1] == ("pets", 6, "0x" + "33" * 32, 10)
    assert seen[-1][1] == 1  # the names' counter
    with engine.begin() as connection:  # a database without the names' row (never migrated)
        connection.execute(delete(NameChanges))
    assert _version(engine) == (checkpoints, None)
