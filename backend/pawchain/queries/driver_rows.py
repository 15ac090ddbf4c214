"""A fixed Core SELECT run straight on the connection's DB-API cursor: for the busiest
one-row reads (a pet page, its metadata), whose statement never changes.

SQLAlchemy's execution wraps each statement in its result machinery, and on PostgreSQL
that reads psycopg's `cursor.description`, which builds a Column object per column on
every call: for the pet row's 30 columns, SQLAlchemy's path cost 125 us of CPU a lookup
against 54 us for the bare cursor (profiled, 100,000 pets), a tenth of a pet page. Here the
statement is compiled once per dialect and its rows come back as named tuples, read like
SQLAlchemy's rows (row.genes, row.name, tuple(row)), with the column types' own result
conversions (Uint256's int()). The driver still prepares the statement server-side
(psycopg's prepare_threshold: the SQL text is the same at every call).
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Dialect, Engine, Select
from sqlalchemy.exc import DBAPIError, OperationalError, StatementError
from sqlalchemy.pool import PoolProxiedConnection

Converter = Callable[[Any], Any] | None


class ReadTarget(Protocol):
    """What a read needs of a connection: a SQLAlchemy Connection, or a PooledReads."""

    @property
    def dialect(self) -> Dialect: ...

    @property
    def connection(self) -> PoolProxiedConnection: ...

    def invalidate(self, exception: BaseException | None = None) -> None: ...


@dataclass(frozen=True)
class PooledReads:
    """A pooled DB-API connection lent for reads alone, without SQLAlchemy's Connection
    around it (`pooled_reads`)."""

    dialect: Dialect
    connection: PoolProxiedConnection

    def invalidate(self, exception: BaseException | None = None) -> None:
        self.connection.invalidate(exception)


@contextmanager
def pooled_reads(engine: Engine) -> Iterator[PooledReads]:
    """A connection of `engine`'s pool for statements read through DriverRows, in autocommit
    on PostgreSQL (no BEGIN and ROLLBACK: one round trip a statement), handed back to the
    pool as it came (out of autocommit, for the sessions that share the pool).
    Straight from the pool: with SQLAlchemy's Connection, and its setting and resetting of
    the isolation level, a read cost 109 us of CPU against 84 (docs/benchmarks.md, HTTP). On
    SQLite a read is outside any transaction already (its driver begins one only before a
    write)."""
    dialect = engine.dialect
    pooled = engine.raw_connection()  # the pool's checkout events run (store/idle_ping.py)
    autocommit = dialect.name == "postgresql"
    try:
        refused = _set_autocommit(dialect, pooled, True) if autocommit else None
        if refused is not None:
            raise OperationalError("autocommit", None, refused, connection_invalidated=True)
        yield PooledReads(dialect, pooled)
    finally:
        if autocommit and pooled.dbapi_connection is not None:  # None: invalidated
            _set_autocommit(dialect, pooled, False)
        pooled.close()


def _set_autocommit(
    dialect: Dialect, pooled: PoolProxiedConnection, on: bool
) -> BaseException | None:
    """Set psycopg's autocommit; the driver's error, with the connection dropped from the
    pool, if it refuses (a connection it found closed): the API answers that 503, as it
    does any lost connection."""
    dbapi_connection = pooled.dbapi_connection
    assert dbapi_connection is not None
    try:
        dbapi_connection.autocommit = on
    except dialect.loaded_dbapi.Error as error:
        pooled.invalidate(error)
        return error
    return None


class DriverRows:
    """`statement` (a Core SELECT whose bound parameters are all named and given at each
    call as plain ints and strings, needing no conversion) run on the DB-API cursor."""

    def __init__(self, statement: Select[Any]) -> None:
        self.statement = statement
        keys = list(statement.selected_columns.keys())
        # The column names are the statement's, known only at run time.
        self.row_type: Any = namedtuple("DriverRow", keys)  # type: ignore[misc]
        # Per dialect name; threads that race to fill them store the same values.
        self._compiled: dict[str, tuple[str, tuple[str, ...] | None]] = {}
        self._converters: dict[str, list[Converter]] = {}

    def first(self, connection: ReadTarget, params: Mapping[str, Any]) -> Any | None:
        """The statement's first row for `params` (a named tuple of its columns), or None."""
        dialect = connection.dialect
        sql, positions = self._sql(dialect)
        bound = params if positions is None else tuple(params[name] for name in positions)
        dbapi_connection = connection.connection.dbapi_connection
        assert dbapi_connection is not None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(sql, bound)
            row = cursor.fetchone()
            if row is None:
                return None
            converters = self._converters.get(dialect.name)
            if converters is None:
                converters = self._converters[dialect.name] = self._converters_of(
                    dialect, cursor.description
                )
        except dialect.loaded_dbapi.Error as error:
            raise _wrapped(connection, error, sql, bound) from error
        finally:
            cursor.close()
        return self.row_type._make(
            value if convert is None or value is None else convert(value)
            for convert, value in zip(converters, row, strict=True)
        )

    def _sql(self, dialect: Dialect) -> tuple[str, tuple[str, ...] | None]:
        """The SQL text for `dialect` and, for a positional paramstyle, the parameters' order."""
        found = self._compiled.get(dialect.name)
        if found is None:
            compiled = self.statement.compile(dialect=dialect)
            positions = tuple(compiled.positiontup or ()) if compiled.positional else None
            found = self._compiled[dialect.name] = (compiled.string, positions)
        return found

    def _converters_of(self, dialect: Dialect, description: Any) -> list[Converter]:
        """Each column type's result conversion for the driver's type codes (built-in types'
        codes are fixed, so the first row's description serves every later call)."""
        return [
            column.type.dialect_impl(dialect).result_processor(dialect, described[1])
            for column, described in zip(self.statement.selected_columns, description, strict=True)
        ]


def _wrapped(connection: ReadTarget, error: Any, sql: str, bound: Any) -> StatementError:
    """`error` as SQLAlchemy would raise it (an OperationalError is the API's 503), with a
    connection the server dropped invalidated, so that the pool replaces it."""
    dialect = connection.dialect
    lost = dialect.is_disconnect(error, connection.connection.dbapi_connection, None)
    if lost:
        connection.invalidate(error)
    return DBAPIError.instance(
        sql,
        bound,
        error,
        dialect.loaded_dbapi.Error,
        connection_invalidated=lost,
        dialect=dialect,
    )
