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
from contextlib import ExitStack
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
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
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.dml import ReturningInsert

from pawchain.relay.budget import refuse_spent, reservation
from pawchain.relay.call import Readings
from pawchain.relay.claims import Claim
from pawchain.relay.claims_held import refuse_colliding
from pawchain.store import transaction
from pawchain.store.relay_models import RelayClaim, RelayTransaction
from pawchain.store.types import UINT256_DIGITS, Uint256


def accept_at_once(
    sessions: sessionmaker[Session],
    autocommit: Engine,
    row: dict[str, Any],
    readings: Readings,
    budget: int,
    now: float,
) -> int:
    """Insert the request `row` (its columns by name, `queued` without a nonce), reserve its
    gas in its sponsor's budget (`budget` a day) and record its claims (`readings.claims`);
    its id. A request that claims something takes its claims' locks and counts theirs first
    (relay.claims_held), in one transaction with the statement; one that claims nothing sends
    the statement alone on `autocommit` (an engine in autocommit mode). BudgetSpent or
    GasAboveBudget (nothing stored); IntegrityError: a twin holds its key or forwarder nonce."""
    player, gas, chain_id = row["sponsored"], row["gas_limit"], row["chain_id"]
    reserved = None if player is None else reservation(player, gas, budget, now)
    with ExitStack() as stack:
        database: Session | Connection
        if readings.claims:
            database = session = stack.enter_context(transaction(sessions))
            refuse_colliding(session, chain_id, row["idempotency_key"], readings, now)
        else:
            database = stack.enter_context(autocommit.connect())
        statement = _statement(row, reserved, chain_id, readings.claims)
        row_id: int | None = database.execute(statement).scalar()
        if row_id is None:  # the reservation returned no row: the gas does not fit today
            refuse_spent(database, player, gas, budget, now)
    return row_id


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
