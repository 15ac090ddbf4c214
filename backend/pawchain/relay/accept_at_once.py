"""PostgreSQL, a web process: a request accepted in one statement (the budget's reservation, the
request's row and its claims), so in one round trip.

A web process on PostgreSQL accepts a request without a nonce and records it later in a batch
(pawchain.relay.nonce_batch). Accepting took four round trips: psycopg's BEGIN (sent alone),
the budget's upsert, the row's INSERT, the COMMIT, each waking a server process that waits for
a core on the busy machine (docs/relay.md, "Measured"). Here the three writes are one statement
with data-modifying CTEs: the row is inserted only if the budget's upsert returned a row (the
gas fits today), and its claims are inserted beside it. One statement is atomic alone, so a
request that claims nothing (most: no lock row to take first, pawchain.relay.claims_held)
runs it in autocommit mode: no BEGIN, no COMMIT. The guarantees are the separate statements':
the upsert judges the budget on the latest committed row (ON CONFLICT locks it), a twin under
the same key or forwarder nonce fails the row's unique index and the whole statement rolls back
(the reservation with it), and nothing of a refused request is stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    Connection,
    Numeric,
    Select,
    String,
    cast,
    column,
    insert,
    literal,
    select,
    true,
    values,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import ReturningInsert

from pawchain.relay.claims import Claim
from pawchain.store.relay_models import RelayClaim, RelayTransaction
from pawchain.store.types import UINT256_DIGITS, Uint256


def accept_at_once(
    database: Session | Connection,
    row: dict[str, Any],
    reservation: ReturningInsert[Any] | None,
    chain_id: int,
    claims: Sequence[Claim],
) -> int | None:
    """Insert the request `row` (its columns by name) if `reservation` (budget.reservation; None:
    nobody's budget pays) returned a row, and its `claims`; the row's id, or None if the budget
    refused it (nothing stored). IntegrityError: a twin holds its key or forwarder nonce."""
    return database.execute(_statement(row, reservation, chain_id, claims)).scalar()


def _statement(
    row: dict[str, Any],
    reservation: ReturningInsert[Any] | None,
    chain_id: int,
    claims: Sequence[Claim],
) -> Select[Any]:
    table = RelayTransaction.__table__
    # None left out: the column's NULL (a JSON column would store the JSON value null)
    given = {name: value for name, value in row.items() if value is not None}
    source = select(
        *(literal(value, table.c[name].type).label(name) for name, value in given.items())
    )
    if reservation is not None:
        reserved = reservation.cte("reserved")
        source = source.where(select(reserved).exists())
    accepted = insert(table).from_select(list(given), source).returning(table.c.id).cte("accepted")
    statement = select(accepted.c.id)
    recorded = [(claim.what, claim.amount) for claim in claims if claim.records]
    if recorded:
        claimed = values(column("what", String), column("amount", Uint256()), name="claimed").data(
            recorded
        )
        # VALUES of NULLs alone are text to PostgreSQL: the column's type (Uint256's there) said
        amount = cast(claimed.c.amount, Numeric(UINT256_DIGITS, 0))
        statement = statement.add_cte(
            insert(RelayClaim.__table__)
            .from_select(
                ["transaction_id", "what", "chain_id", "amount"],
                select(accepted.c.id, claimed.c.what, literal(chain_id), amount).select_from(
                    accepted.join(claimed, true())
                ),
            )
            .cte("claims")
        )
    return statement
