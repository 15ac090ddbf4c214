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

import functools
from contextlib import ExitStack
from typing import Any

from sqlalchemy import (
    BigInteger,
    Connection,
    Engine,
    Numeric,
    Select,
    String,
    bindparam,
    cast,
    column,
    insert,
    select,
    true,
    values,
)
from sqlalchemy.orm import Session, sessionmaker

from pawchain.relay.budget import RESERVATION, refuse_spent, reservation_values
from pawchain.relay.call import Readings
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
    # None left out: the column's NULL (a JSON column would store the JSON value null)
    given = {name: value for name, value in row.items() if value is not None}
    values = {f"row_{name}": value for name, value in given.items()}
    if player is not None:
        values |= reservation_values(player, gas, budget, now)
    recorded = [(claim.what, claim.amount) for claim in readings.claims if claim.records]
    for index, (what, amount) in enumerate(recorded):
        values |= {f"claim_what_{index}": what, f"claim_amount_{index}": amount}
    statement = _statement(tuple(given), player is not None, len(recorded))
    with ExitStack() as stack:
        database: Session | Connection
        if readings.claims:
            database = session = stack.enter_context(transaction(sessions))
            refuse_colliding(session, chain_id, row["idempotency_key"], readings, now)
        else:
            database = stack.enter_context(autocommit.connect())
        row_id: int | None = database.execute(statement, values | {"chain_id": chain_id}).scalar()
        if row_id is None:  # the reservation returned no row: the gas does not fit today
            refuse_spent(database, player, gas, budget, now)
    return row_id


# Built once per shape (the columns given, a sponsor or none, how many claims recorded), its
# values bound when it runs: building the constructs anew cost a web process about 0.3 ms a
# request, and SQLAlchemy finds a statement it has compiled by the same object's cache key.
@functools.lru_cache(maxsize=256)
def _statement(columns: tuple[str, ...], reserves: bool, claims: int) -> Select[Any]:
    table = RelayTransaction.__table__
    source = select(
        *(bindparam(f"row_{name}", type_=table.c[name].type).label(name) for name in columns)
    )
    if reserves:
        source = source.where(select(RESERVATION.cte("reserved")).exists())
    accepted = (
        insert(table).from_select(list(columns), source).returning(table.c.id).cte("accepted")
    )
    statement = select(accepted.c.id)
    if claims:
        claimed = values(column("what", String), column("amount", Uint256()), name="claimed").data(
            [
                (
                    bindparam(f"claim_what_{index}", type_=String),
                    bindparam(f"claim_amount_{index}", type_=Uint256()),
                )
                for index in range(claims)
            ]
        )
        # VALUES of NULLs alone are text to PostgreSQL: the column's type (Uint256's there) said
        amount = cast(claimed.c.amount, Numeric(UINT256_DIGITS, 0))
        chain_id = bindparam("chain_id", type_=BigInteger)
        statement = statement.add_cte(
            insert(RelayClaim.__table__)
            .from_select(
                ["transaction_id", "what", "chain_id", "amount"],
                select(accepted.c.id, claimed.c.what, chain_id, amount).select_from(
                    accepted.join(claimed, true())
                ),
            )
            .cte("claims")
        )
    return statement
