"""A web process's accepted requests numbered, signed and recorded in batches (PostgreSQL).

A web process commits each request without a nonce (its claims, budget and row: no lock shared
by all requests), then hands it here: the requests waiting in the process at that moment get
their nonces with one `UPDATE … next_nonce = next_nonce + k` (the account's row lock, waited
for and held once per batch, not once per request), their signed transactions, and one commit
(pawchain.relay.group_commit). Under 16 clients on PostgreSQL the per-request lock was 76 % of
a request's time (docs/relay.md, "Nonces in batches").

Not on SQLite: it lets one writer in at a time, so accepting transactions never overlap there
and a batch would only add a turn of its write lock (measured worse). Not in the worker: it
sends what it records at once, one request at a time (births, the tracker's dispatch).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any, LiteralString

from sqlalchemy import Engine

from pawchain.relay.crash import crash_point
from pawchain.relay.fees import Fees
from pawchain.relay.group_commit import GroupCommit
from pawchain.relay.write_turn import WriteTurn
from pawchain.store.pipeline import pipelined
from pawchain.store.relay_models import RelayAttempt, RelayTransaction
from pawchain.store.wakeups import RECORDED_CHANNEL

# `row`'s transaction under a nonce, signed, as an attempt to store (RelaySender's signer)
Signer = Callable[[RelayTransaction, Fees, int], RelayAttempt]


@dataclass(frozen=True)
class _Accepted:
    """A request committed without a nonce, and the fees it is to be signed with."""

    row: RelayTransaction
    fees: Fees


class _Numbered(Exception):
    """Requests of the batch that got a nonce from elsewhere meanwhile (the batch rolls back)."""

    def __init__(self, ids: Collection[int]) -> None:
        super().__init__(ids)
        self.ids = ids


def nonce_batches(
    engine: Engine,
    chain_id: int,
    address: str,
    write_turn: WriteTurn,
    sign: Signer,
    broadcasts: bool,
) -> NonceBatches | None:
    """The batches of a web process (`broadcasts` False) on PostgreSQL; None elsewhere."""
    if broadcasts or write_turn.sqlite:
        return None
    return NonceBatches(engine, chain_id, address, write_turn, sign)


class NonceBatches:
    """`batches(row, fees)`: (nonce, hash) of the accepted `row`, recorded in a batch; None if
    the tracker dispatched it meanwhile (it takes a request left without a nonce for the
    grace: its process seemed dead). Raises what recording raised (the request stays queued
    without a nonce, and the tracker dispatches it after the grace)."""

    def __init__(
        self, engine: Engine, chain_id: int, address: str, write_turn: WriteTurn, sign: Signer
    ) -> None:
        self._engine, self._chain_id, self._address = engine, chain_id, address
        self._write_turn, self._sign = write_turn, sign
        self._group = GroupCommit(self._record)

    def __call__(self, row: RelayTransaction, fees: Fees) -> tuple[int, str] | None:
        return self._group(_Accepted(row, fees))

    def _record(self, batch: Sequence[_Accepted]) -> list[tuple[int, str] | None]:
        """One database transaction: len(batch) nonces taken (the lock), the rows numbered,
        the attempts signed and stored, the worker notified, all committed together (the
        outbox: before any byte reaches a node). Requests numbered elsewhere meanwhile are
        left out and the rest taken again (their nonces roll back: no gap)."""
        waiting = list(batch)
        recorded: dict[int, tuple[int, str]] = {}
        while waiting:
            try:
                recorded = self._record_once(waiting)
                break
            except _Numbered as numbered:
                waiting = [accepted for accepted in waiting if accepted.row.id not in numbered.ids]
        return [recorded.get(accepted.row.id) for accepted in batch]

    def _record_once(self, batch: list[_Accepted]) -> dict[int, tuple[int, str]]:
        """Two round trips (store.pipeline): BEGIN, the nonces taken (the lock; the worker's
        notification asked in the same statement) and the rows numbered, together; then, once
        signed, the attempts inserted and COMMIT, together."""
        ids = [accepted.row.id for accepted in batch]
        count = len(batch)
        account = {"chain_id": self._chain_id, "address": self._address, "count": count}
        with self._write_turn(), self._engine.connect() as connection, connection.begin():
            taken = _TAKE_NONCES, {**account, "channel": RECORDED_CHANNEL}
            numbered = _NUMBER_ROWS, {**account, "ids": ids}
            [(next_nonce, _)], given = pipelined(connection, [taken, numbered])
            if len(given) < count:
                raise _Numbered(set(ids) - {id_ for (id_,) in given})
            attempts = [
                self._sign(accepted.row, accepted.fees, nonce)
                for accepted, nonce in zip(
                    batch, range(next_nonce - count, next_nonce), strict=True
                )
            ]
            crash_point("signed")
            pipelined(connection, [(_INSERT_ATTEMPTS, _columns(attempts))], commit=True)
        return {attempt.transaction_id: (attempt.nonce, attempt.tx_hash) for attempt in attempts}


# A batch's statements (SQL for psycopg's pipeline mode: store.pipeline). The lock: the
# account's counter moved on by the batch's size (pawchain.relay.nonces' UPDATE for k nonces),
# its RETURNING queueing the worker's notification (sent at commit) without a round trip.
_TAKE_NONCES: LiteralString = """
UPDATE relay_accounts SET next_nonce = next_nonce + %(count)s
WHERE chain_id = %(chain_id)s AND address = %(address)s
RETURNING next_nonce, pg_notify(%(channel)s, '')"""
# Then, under the lock (which RelaySender.dispatch takes too: a row without a nonce now gets
# none but ours), the rows numbered in the batch's order from the counter the UPDATE before
# moved (statements of a pipeline run one after the other); a row numbered meanwhile is not
# returned.
_NUMBER_ROWS: LiteralString = """
UPDATE relay_transactions AS request
SET nonce = account.next_nonce - %(count)s + batch.position - 1
FROM relay_accounts AS account, unnest(%(ids)s::integer[]) WITH ORDINALITY AS batch(id, position)
WHERE account.chain_id = %(chain_id)s AND account.address = %(address)s
  AND request.id = batch.id AND request.nonce IS NULL
RETURNING request.id"""
_INSERT_ATTEMPTS: LiteralString = """
INSERT INTO relay_attempts
  (tx_hash, transaction_id, nonce, max_fee_per_gas, max_priority_fee_per_gas, raw, sent_at)
SELECT * FROM unnest(
  %(tx_hash)s::varchar[], %(transaction_id)s::integer[], %(nonce)s::bigint[],
  %(max_fee_per_gas)s::numeric[], %(max_priority_fee_per_gas)s::numeric[], %(raw)s::bytea[],
  %(sent_at)s::bigint[])"""


def _columns(attempts: Sequence[RelayAttempt]) -> dict[str, list[Any]]:
    """The attempts' values column by column (_INSERT_ATTEMPTS' arrays)."""
    names = [column.key for column in RelayAttempt.__table__.columns]
    return {name: [getattr(attempt, name) for attempt in attempts] for name in names}
