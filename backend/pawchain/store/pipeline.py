"""PostgreSQL: several statements in one round trip (psycopg's pipeline mode).

Under load a round trip to PostgreSQL costs more than its statement: the server process it
wakes waits for a core (docs/relay.md, "Measured"). psycopg sends its BEGIN alone, and a
COMMIT is another round trip; in pipeline mode the BEGIN, the statements and the COMMIT go out
together and their answers come back together. SQLAlchemy's result objects cannot read a
pipelined cursor (they look for its rows before they have arrived), so the statements are
compiled by SQLAlchemy and run on psycopg's cursors.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, cast

import psycopg
from sqlalchemy import ClauseElement, Connection
from sqlalchemy.sql.compiler import SQLCompiler


def pipelined(
    connection: Connection, statements: Sequence[ClauseElement], commit: bool = False
) -> list[list[tuple[Any, ...]]]:
    """Run `statements` on `connection` in one round trip, in its transaction (psycopg begins
    one before the first if none is open), then COMMIT with `commit`; each statement's rows
    ([] for one that returns none). A statement that fails raises its error once all have
    been answered; the ones after it were not run, and the transaction is aborted (roll it
    back)."""
    driver = connection.connection.driver_connection
    assert isinstance(driver, psycopg.Connection)
    cursors = []
    with driver.pipeline():
        for statement in statements:
            sql, parameters = _compiled(connection, statement)
            cursor = driver.cursor()
            cursor.execute(sql, parameters)
            cursors.append(cursor)
        if commit:
            driver.commit()
    return [cursor.fetchall() if cursor.description else [] for cursor in cursors]


def _compiled(connection: Connection, statement: ClauseElement) -> tuple[str, dict[str, Any]]:
    """`statement` as psycopg takes it: its SQL and its parameters, converted by their types
    as SQLAlchemy would (e.g. a Uint256 to a Decimal)."""
    compiled = statement.compile(
        dialect=connection.dialect, compile_kwargs={"render_postcompile": True}
    )
    assert isinstance(compiled, SQLCompiler)
    parameters = dict(compiled.construct_params())
    for name, convert in compiled._bind_processors.items():  # (a tuple only for ARRAY types)
        if name in parameters:
            parameters[name] = cast(Callable[[Any], Any], convert)(parameters[name])
    return compiled.string, parameters
