"""PostgreSQL: several statements in one round trip (psycopg's pipeline mode).

Under load a round trip to PostgreSQL costs more than its statement: the server process it
wakes waits for a core (docs/relay.md, "Measured"). psycopg sends its BEGIN alone, and a
COMMIT is another round trip; in pipeline mode the BEGIN, the statements and the COMMIT go out
together and their answers come back together. SQLAlchemy's result objects cannot read a
pipelined cursor (they look for its rows before they have arrived), so the statements are SQL
for psycopg (`%(name)s` parameters): compiling SQLAlchemy's constructs for each use cost 2 ms
of CPU for a nonce batch's three.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, LiteralString

import psycopg
from sqlalchemy import Connection

Statement = tuple[LiteralString, Mapping[str, Any]]  # SQL and its parameters


def pipelined(
    connection: Connection, statements: Sequence[Statement], commit: bool = False
) -> list[list[tuple[Any, ...]]]:
    """Run `statements` on `connection` in one round trip, in its transaction (psycopg begins
    one before the first if none is open), then COMMIT with `commit`; each statement's rows
    ([] for one that returns none). A statement that fails raises its error once all have
    been answered; the ones after it were not run, and the transaction is aborted (roll it
    back: SQLAlchemy's `connection.begin()` does)."""
    driver = connection.connection.driver_connection
    assert isinstance(driver, psycopg.Connection)
    cursors = []
    with driver.pipeline():
        for sql, parameters in statements:
            cursor = driver.cursor()
            cursor.execute(sql, parameters)
            cursors.append(cursor)
        if commit:
            driver.commit()
    return [cursor.fetchall() if cursor.description else [] for cursor in cursors]
