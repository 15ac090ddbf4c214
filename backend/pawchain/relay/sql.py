"""One statement both databases need and spell differently."""

from __future__ import annotations

from typing import Any

from sqlalchemy import BindParameter, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import ReturningInsert


def insert_if_missing(session: Session, table: Table, values: dict[str, Any]) -> None:
    """INSERT ... ON CONFLICT DO NOTHING: a row that another thread or process created first
    is left as it is, without an error that would end the transaction."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.execute(dialect.insert(table).values(**values).on_conflict_do_nothing())


def add_within_limit(
    session: Session, table: Table, keys: dict[str, Any], column: str, amount: int, limit: int
) -> bool:
    """Add `amount` to `column` of the row `keys` names (created with `amount` if missing) unless
    the sum would pass `limit`; True if it was added. One statement, INSERT ... ON CONFLICT DO
    UPDATE ... WHERE, so concurrent additions cannot both slip under the limit. `amount` must
    not pass `limit` by itself (a new row is not judged)."""
    statement = within_limit(session.get_bind().dialect.name, table, keys, column, amount, limit)
    # a row back: inserted or added (rowcount: -1 on psycopg)
    return session.execute(statement).first() is not None


def within_limit(
    dialect_name: str,
    table: Table,
    keys: dict[str, Any],
    column: str,
    amount: int | BindParameter[int],
    limit: int | BindParameter[int],
) -> ReturningInsert[Any]:
    """`add_within_limit`'s statement, returning `column` when it added (a part of a bigger
    statement on PostgreSQL, its values bound parameters: pawchain.relay.budget.RESERVATION)."""
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    statement = dialect.insert(table).values(**keys, **{column: amount})
    total = table.c[column] + statement.excluded[column]
    return statement.on_conflict_do_update(
        index_elements=list(keys), set_={column: total}, where=total <= limit
    ).returning(table.c[column])
