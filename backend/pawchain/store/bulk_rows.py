"""Writing many rows in one transaction by each database's fastest path: COPY on PostgreSQL
(an upsert through a temporary table), the driver's own executemany on SQLite.

The indexer writes a few thousand rows a batch. Through SQLAlchemy's executemany each row's
parameters are processed one by one in Python, and psycopg sends one statement per row: that
was most of the indexer's writing time (docs/benchmarks.md). Here each column's value is
converted once by the column type's own bind processing (so a Uint256 is stored exactly as
SQLAlchemy stores it, JSON as its serializer writes it), then the rows go to the driver as
plain tuples. Works in the caller's session and transaction: nothing is committed here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Column, Dialect, Table
from sqlalchemy.orm import Session

Converter = Callable[[Any], Any]


def insert_rows(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """INSERT every row (a mapping with a value for every column of `table`)."""
    if rows:
        insert_values(session, table, *_as_values(session, table, rows))


def insert_values(
    session: Session, table: Table, columns: Sequence[str], values: Sequence[tuple[Any, ...]]
) -> None:
    """INSERT rows given as tuples of `columns`' values, each already as the driver takes it
    (through column_converter where the column's type converts)."""
    if not values:
        return
    connection = session.connection()
    dialect = connection.dialect
    if dialect.name == "postgresql":
        _copy(session, _quoted(dialect, table.name), columns, values)
        return
    connection.exec_driver_sql(_insert_sql(dialect, table.name, columns), values)


def column_converter(column: Column[Any], dialect: Dialect) -> Converter:
    """How a value of `column` goes to the driver (what insert_rows does with each value)."""
    convert = _converter(column.type, dialect)
    return convert if convert is not None else _same


def _same(value: Any) -> Any:
    return value


def driver_values(
    table: Table, columns: Sequence[str], dialect: Dialect
) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    """How a row of `columns`' Python values goes to the driver: each value through its
    column type's conversion (only the columns whose type converts are touched)."""
    converting = [
        (index, convert)
        for index, name in enumerate(columns)
        if (convert := _converter(table.c[name].type, dialect)) is not None
    ]
    if not converting:
        return _same

    def as_driver(row: tuple[Any, ...]) -> tuple[Any, ...]:
        value = list(row)
        for index, convert in converting:
            if value[index] is not None:
                value[index] = convert(value[index])
        return tuple(value)

    return as_driver


def upsert_rows(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """INSERT every row, or overwrite the stored row with the same primary key (INSERT .. ON
    CONFLICT DO UPDATE). On PostgreSQL the rows are copied into a temporary table first
    (`_staged`), from which one statement moves them: the server's and our CPU about half of
    a JSON parameter's (docs/benchmarks.md, "Indexer")."""
    if rows:
        upsert_values(session, table, *_as_values(session, table, rows))


def _as_values(
    session: Session, table: Table, rows: Sequence[Mapping[str, Any]]
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Every column of `table`, and each row's values of them as the driver takes them."""
    columns = [column.name for column in table.columns]
    return columns, _tuples(table, session.connection().dialect, rows)


def upsert_values(
    session: Session, table: Table, columns: Sequence[str], values: Sequence[tuple[Any, ...]]
) -> None:
    """upsert_rows of rows given as tuples of `columns`' values (every column of `table`, in
    any order), each already as the driver takes it (driver_values)."""
    if not values:
        return
    connection = session.connection()
    dialect = connection.dialect
    keys = [column.name for column in table.primary_key.columns]
    conflict = (
        f" ON CONFLICT ({', '.join(_quoted(dialect, name) for name in keys)}) DO UPDATE SET "
        + ", ".join(
            f"{_quoted(dialect, name)} = excluded.{_quoted(dialect, name)}"
            for name in columns
            if name not in keys
        )
    )
    if dialect.name == "postgresql":
        names = ", ".join(_quoted(dialect, name) for name in columns)
        staged = _staged(session, table, columns, values)
        # Emptied as it is read, so a second upsert in the transaction starts from nothing.
        connection.exec_driver_sql(
            f"WITH incoming AS (DELETE FROM {staged} RETURNING {names}) "
            f"INSERT INTO {_quoted(dialect, table.name)} ({names}) "
            f"SELECT {names} FROM incoming{conflict}"
        )
        return
    connection.exec_driver_sql(_insert_sql(dialect, table.name, columns) + conflict, values)


def _staged(
    session: Session, table: Table, columns: Sequence[str], values: Sequence[tuple[Any, ...]]
) -> str:
    """COPY `values` into this connection's temporary twin of `table` (same columns and
    types, emptied at every commit); returns its quoted name.

    COPY's text is what both sides read fastest: a batch's 850 pets cost the server 10 ms of
    CPU this way and 20 as one JSON parameter read by `jsonb_to_recordset`, this process 4
    and 8 (no `json.dumps`). The table lives as long as the connection; `IF NOT EXISTS` every
    time (one short statement), as a transaction that made it and rolled back takes it away."""
    dialect = session.connection().dialect
    staged = _quoted(dialect, f"incoming_{table.name}")
    session.connection().exec_driver_sql(
        f"CREATE TEMPORARY TABLE IF NOT EXISTS {staged} "
        f"(LIKE {_quoted(dialect, table.name)}) ON COMMIT DELETE ROWS"
    )
    _copy(session, staged, columns, values)
    return staged


def _quoted(dialect: Dialect, name: str) -> str:
    return dialect.identifier_preparer.quote(name)  # e.g. `to`, an SQL keyword


def _insert_sql(dialect: Dialect, table: str, columns: Sequence[str]) -> str:
    marks = ", ".join("?" for _ in columns)  # sqlite3's parameter style
    names = ", ".join(_quoted(dialect, name) for name in columns)
    return f"INSERT INTO {_quoted(dialect, table)} ({names}) VALUES ({marks})"


def _tuples(
    table: Table, dialect: Dialect, rows: Sequence[Mapping[str, Any]]
) -> list[tuple[Any, ...]]:
    """The rows as the driver takes them (driver_values, every column in the table's order)."""
    columns = [column.name for column in table.columns]
    read = itemgetter(*columns)
    as_driver = driver_values(table, columns, dialect)
    return [as_driver(read(row)) for row in rows]


def _converter(kind: Any, dialect: Dialect) -> Converter | None:
    if isinstance(kind, JSON):
        # psycopg adapts JSON itself on the normal path; COPY takes the text.
        serialise: Converter = (
            json.dumps if dialect.name == "postgresql" else kind.bind_processor(dialect)
        )
        return serialise
    converter: Converter | None = kind.bind_processor(dialect)
    return converter


def _copy(
    session: Session, target: str, columns: Sequence[str], values: Sequence[tuple[Any, ...]]
) -> None:
    """PostgreSQL's COPY FROM STDIN of `values` into `target` (psycopg 3)."""
    connection = session.connection()
    quoted = ", ".join(_quoted(connection.dialect, name) for name in columns)
    driver: Any = connection.connection.driver_connection  # psycopg's own: its cursors copy
    with driver.cursor() as cursor, cursor.copy(f"COPY {target} ({quoted}) FROM STDIN") as copy:
        for row in values:
            copy.write_row(row)
