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

from sqlalchemy import case, update
from sqlalchemy.orm import Session, sessionmaker

from pawchain.relay.crash import crash_point
from pawchain.relay.fees import Fees
from pawchain.relay.group_commit import GroupCommit
from pawchain.relay.nonces import take_nonces
from pawchain.relay.write_turn import WriteTurn
from pawchain.store import transaction
from pawchain.store.relay_models import RelayAttempt, RelayTransaction
from pawchain.store.wakeups import RECORDED_CHANNEL, announcing

# `row`'s transaction under a nonce, signed and stored as an attempt (RelaySender's signer)
Signer = Callable[[Session, RelayTransaction, Fees, int], RelayAttempt]


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
    sessions: sessionmaker[Session],
    chain_id: int,
    address: str,
    write_turn: WriteTurn,
    sign: Signer,
    broadcasts: bool,
) -> NonceBatches | None:
    """The batches of a web process (`broadcasts` False) on PostgreSQL; None elsewhere."""
    if broadcasts or write_turn.sqlite:
        return None
    return NonceBatches(sessions, chain_id, address, write_turn, sign)


class NonceBatches:
    """`batches(row, fees)`: (nonce, hash) of the accepted `row`, recorded in a batch; None if
    the tracker dispatched it meanwhile (it takes a request left without a nonce for the
    grace: its process seemed dead). Raises what recording raised (the request stays queued
    without a nonce, and the tracker dispatches it after the grace)."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        chain_id: int,
        address: str,
        write_turn: WriteTurn,
        sign: Signer,
    ) -> None:
        self._sessions, self._chain_id, self._address = sessions, chain_id, address
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
        ids = [accepted.row.id for accepted in batch]
        recorded = {}
        with self._write_turn(), transaction(self._sessions) as session:
            # The worker is woken at commit; asked in the lock's statement (no round trip)
            nonces = take_nonces(
                session,
                self._chain_id,
                self._address,
                len(batch),
                also=[announcing(RECORDED_CHANNEL)],
            )
            # Under the lock, which RelaySender.dispatch takes too: a row without a nonce now
            # gets none but ours. One statement numbers them and finds any numbered meanwhile.
            given = set(
                session.scalars(
                    update(RelayTransaction)
                    .where(RelayTransaction.id.in_(ids), RelayTransaction.nonce.is_(None))
                    .values(
                        nonce=case(dict(zip(ids, nonces, strict=True)), value=RelayTransaction.id)
                    )
                    .returning(RelayTransaction.id)
                    .execution_options(synchronize_session=False)
                )
            )
            if len(given) < len(ids):
                raise _Numbered(set(ids) - given)
            for accepted, nonce in zip(batch, nonces, strict=True):
                attempt = self._sign(session, accepted.row, accepted.fees, nonce)
                recorded[accepted.row.id] = (nonce, attempt.tx_hash)
            crash_point("signed")
        return recorded
