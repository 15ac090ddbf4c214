"""The tracker: follows every relayed transaction to its receipt, from the database alone.

Each `tick()`:
1. dispatches requests still waiting for a nonce, oldest first (those the relay could not
   pay for when they came; it stops at the first that still cannot be paid), and broadcasts
   what web processes recorded (the outbox: they record, the worker's sender sends);
2. for each transaction in flight, looks for a receipt of any of its attempts (a replaced
   attempt may be the one mined) and records `mined` or `failed` with the decoded reason;
3. without a receipt: if the node does not know the newest attempt (it restarted and lost
   its pool, or never got it) the very same signed bytes are broadcast again, unless the
   transaction was recorded moments ago and never tried (see `_left_to_its_process`); if the node
   has had it for `resend_seconds`, it is replaced: same nonce, both fees up by 12.5% (and
   at least the current market fees);
4. a transaction none of whose attempts was mined while the chain is past its nonce (another
   transaction took it) goes back to the queue for a new nonce, unless it is a forward request
   or midwife call that was carried out meanwhile (done_elsewhere), or a forward request that
   the check would now refuse, numbered after the requests accepted since (requeue_check).
Everything it needs is in the database, so a new tracker in a new process carries on where
a stopped one left off.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from pawchain.relay.budget import correct_gas
from pawchain.relay.crash import crash_point
from pawchain.relay.done_elsewhere import close_if_done_elsewhere
from pawchain.relay.errors import RelayUnderfunded
from pawchain.relay.fees import Fees
from pawchain.relay.forward import inner_call
from pawchain.relay.node import NodeError, Receipt, Reverted, answer_of, receipt_of
from pawchain.relay.requeue_check import RequeueCheck
from pawchain.relay.revert import decode_revert
from pawchain.relay.sender import FAILED, IN_FLIGHT, MINED, QUEUED, RelaySender
from pawchain.store import transaction
from pawchain.store.relay_models import RelayAttempt, RelayTransaction
from pawchain.store.wakeups import MOVED_CHANNEL, announce

# How long a requeue waits for a late receipt of an attempt (see Tracker._receipt_appears).
# A requeue is rare (another transaction took the nonce), so waiting costs little, while a
# Ganache on a busy machine was seen answering a receipt more than a second after it counted
# the transaction in the nonce.
RECEIPT_GRACE_SECONDS = 3.0


@dataclass
class TickReport:
    """What one tick did, by transaction id."""

    dispatched: list[int] = field(default_factory=list)
    mined: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    rebroadcast: list[int] = field(default_factory=list)
    replaced: list[int] = field(default_factory=list)
    requeued: list[int] = field(default_factory=list)
    done_elsewhere: list[int] = field(default_factory=list)
    refused_on_requeue: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class _Flight:
    """A transaction in flight as a tick sees it: its nonce, whether it was recorded and never
    tried (queued, no error), and every signed attempt (best paid first)."""

    id: int
    nonce: int
    untried: bool
    attempts: list[RelayAttempt]

    @property
    def newest(self) -> RelayAttempt:
        """The attempt under the transaction's current nonce (a requeue gives it a new one)."""
        return next(attempt for attempt in self.attempts if attempt.nonce == self.nonce)


class Tracker:
    """Drives the relay account's transactions from `queued` to `mined` or `failed`."""

    def __init__(self, sender: RelaySender) -> None:
        self.sender = sender
        self.node = sender.node
        # Transactions whose nonce the chain had passed without a receipt at the last tick:
        # the next tick gives the receipt its grace (`_receipt_appears`); this one moves on.
        self._without_receipt: set[int] = set()
        self._requeue_check = RequeueCheck(sender)

    def tick(self) -> TickReport:
        report = TickReport()
        self._dispatch_waiting(report)
        if self.sender.broadcasts:
            self.sender.send_recorded()  # what web processes recorded since the last tick
        # A transaction recorded moments ago and never tried is the broadcaster's: not looked up
        # (with a backlog, asking the node about each of them every tick slowed the worker as
        # the backlog grew).
        flights = [
            flight
            for flight in self._flights()
            if not (flight.untried and self._left_to_its_process(flight.newest))
        ]
        if not flights:
            return report
        # Read before the receipts: a transaction mined in between then shows its receipt.
        chain_nonce = self.node.nonce(self.sender.address, "latest")
        answers = self._look_up(flights, chain_nonce)
        receipts: dict[int, Receipt] = {}
        for flight in flights:
            self._follow(flight, chain_nonce, answers, receipts, report)
        if receipts:
            crash_point("receipt")
            self._record(receipts)
            crash_point("mined")
            for transaction_id, receipt in receipts.items():
                (report.mined if receipt.status == 1 else report.failed).append(transaction_id)
        return report

    def run(self, stop: threading.Event, poll_seconds: float = 1.0) -> None:
        """Tick until `stop` is set; a node that does not answer is retried next time."""
        while not stop.is_set():
            with contextlib.suppress(NodeError):
                self.tick()
            stop.wait(poll_seconds)

    # ---- steps

    def _dispatch_waiting(self, report: TickReport) -> None:
        """Dispatch the requests waiting for a nonce: those that could not be paid for when they
        came (accepted without a nonce; they carry the reason) and, after the grace, any other
        (its process died before noting the reason). One accepted moments ago without a reason
        is left to its process, which is noting it now: taking it too cost a nonce-lock wait and
        the node's fees and balance per request, and held the tick up under load (measured:
        ticks of 0.3-1.4 s)."""
        with self.sender.sessions() as session:
            rows = session.execute(
                select(RelayTransaction.id, RelayTransaction.error, RelayTransaction.created_at)
                .where(
                    *self._mine(),
                    RelayTransaction.state == QUEUED,
                    RelayTransaction.nonce.is_(None),
                )
                .order_by(RelayTransaction.id)
            ).all()
        grace = self.sender.settings.recorded_grace_seconds
        now = self.sender.clock()
        waiting = [
            row.id
            for row in rows
            if row.error is not None or grace <= 0 or now >= row.created_at + 1 + grace
        ]
        for transaction_id in waiting:
            try:
                self.sender.dispatch(transaction_id)
            except RelayUnderfunded:
                return  # the later ones cost as much: wait for funds
            report.dispatched.append(transaction_id)

    def in_flight(self) -> list[int]:
        with self.sender.sessions() as session:
            return list(
                session.scalars(
                    select(RelayTransaction.id)
                    .where(
                        *self._mine(),
                        RelayTransaction.state.in_(IN_FLIGHT),
                        RelayTransaction.nonce.is_not(None),
                    )
                    .order_by(RelayTransaction.nonce)
                )
            )

    def _flights(self) -> list[_Flight]:
        """Every transaction in flight with its attempts, in nonce order (one read)."""
        with self.sender.sessions() as session:
            rows = session.execute(
                select(
                    RelayTransaction.id,
                    RelayTransaction.nonce,
                    RelayTransaction.state,
                    RelayTransaction.error,
                )
                .where(
                    *self._mine(),
                    RelayTransaction.state.in_(IN_FLIGHT),
                    RelayTransaction.nonce.is_not(None),
                )
                .order_by(RelayTransaction.nonce)
            ).all()
            attempts: dict[int, list[RelayAttempt]] = {row.id: [] for row in rows}
            for attempt in session.scalars(
                select(RelayAttempt)
                .where(RelayAttempt.transaction_id.in_(list(attempts)))
                .order_by(RelayAttempt.max_fee_per_gas.desc())
            ):
                attempts[attempt.transaction_id].append(attempt)
        return [
            _Flight(row.id, row.nonce, row.state == QUEUED and row.error is None, attempts[row.id])
            for row in rows
            if attempts[row.id]
        ]

    def _look_up(self, flights: list[_Flight], chain_nonce: int) -> dict[str, Any]:
        """One JSON-RPC batch: the receipt of every attempt whose nonce the chain has passed, and
        whether the node knows the newest attempt of every other transaction (each tick asked
        for each of them one by one: under 16 clients that was hundreds of calls a second)."""
        calls = [
            (
                "eth_getTransactionReceipt"
                if flight.nonce < chain_nonce
                else "eth_getTransactionByHash",
                attempt.tx_hash,
            )
            for flight in flights
            for attempt in (flight.attempts if flight.nonce < chain_nonce else [flight.newest])
        ]
        answers = self.node.batch(*[(method, [tx_hash]) for method, tx_hash in calls])
        return {
            f"{method}:{tx_hash}": answer_of(answer)
            for (method, tx_hash), answer in zip(calls, answers, strict=True)
        }

    def _follow(
        self,
        flight: _Flight,
        chain_nonce: int,
        answers: dict[str, Any],
        receipts: dict[int, Receipt],
        report: TickReport,
    ) -> None:
        """Move one transaction on; a receipt found goes into `receipts` (recorded by the tick,
        all in one commit)."""
        transaction_id, nonce, attempts = flight.id, flight.nonce, flight.attempts
        if nonce < chain_nonce:
            for attempt in attempts:
                receipt = receipt_of(answers[f"eth_getTransactionReceipt:{attempt.tx_hash}"])
                if receipt is not None and receipt.tx_hash.lower() == attempt.tx_hash.lower():
                    receipts[transaction_id] = receipt
                    self._without_receipt.discard(transaction_id)
                    return
            if transaction_id not in self._without_receipt:
                # Most often Ganache counted it in the nonce a moment before its receipt: the
                # next tick will see it. Waiting here held every other transaction's tick up.
                self._without_receipt.add(transaction_id)
                return
            self._without_receipt.discard(transaction_id)
            if self._receipt_appears(attempts):
                return
            # None of our attempts was mined, yet the chain is past the nonce: sent again,
            # unless it was carried out meanwhile (done_elsewhere) or would now revert behind
            # the requests accepted after it (requeue_check).
            if close_if_done_elsewhere(self.sender.sessions, self.node, transaction_id):
                report.done_elsewhere.append(transaction_id)
            elif self._requeue_check.close_if_refused(transaction_id):
                report.refused_on_requeue.append(transaction_id)
            else:
                self.sender.requeue(transaction_id)
                report.requeued.append(transaction_id)
            return
        newest = flight.newest
        if answers[f"eth_getTransactionByHash:{newest.tx_hash}"] is None:
            self.sender.broadcast(transaction_id)
            report.rebroadcast.append(transaction_id)
        elif self.sender.clock() - newest.sent_at >= self.sender.settings.resend_seconds:
            old = Fees(newest.max_fee_per_gas, newest.max_priority_fee_per_gas)
            self.sender.replace(transaction_id, old.bumped().at_least(self.sender.market_fees()))
            report.replaced.append(transaction_id)

    def _left_to_its_process(self, newest: RelayAttempt) -> bool:
        """True while a transaction recorded and not yet tried (queued, no error) is younger than
        the grace (`recorded_grace_seconds`): the process that recorded it is about to broadcast
        it (`send_recorded`, right after the commit). Broadcasting it from here too would not
        send it twice (the broadcast lock, and "already known"), but it would take the sending
        away from that process; after the grace the process is taken for dead and the tracker
        sends the recorded bytes. `sent_at` is in whole seconds (rounded down), hence the +1:
        the grace is never shorter than set."""
        grace = self.sender.settings.recorded_grace_seconds
        return grace > 0 and self.sender.clock() < newest.sent_at + 1 + grace

    def _receipt_appears(self, attempts: Sequence[RelayAttempt]) -> bool:
        """True if a receipt of one of `attempts` shows up within RECEIPT_GRACE_SECONDS.
        Ganache can count an account's mined transaction in its nonce a moment before it
        answers that transaction's receipt; a requeue signs the request anew, so concluding
        too early would send it twice (the next round records the receipt)."""
        deadline = time.monotonic() + RECEIPT_GRACE_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.1)
            if any(self.node.receipt(attempt.tx_hash) is not None for attempt in attempts):
                return True
        return False

    def _record(self, receipts: dict[int, Receipt]) -> None:
        """The receipts' outcomes, in one commit; a reverted transaction gets its reason by
        replaying the call (`_reason`, asked of the node before the database transaction)."""
        reasons: dict[int, dict[str, object]] = {}
        with self.sender.sessions() as session:
            for transaction_id, receipt in receipts.items():
                if receipt.status != 1:
                    row = session.get(RelayTransaction, transaction_id)
                    assert row is not None
                    reasons[transaction_id] = self._reason(row, receipt.block_number)
        with transaction(self.sender.sessions) as session:
            rows = session.scalars(
                select(RelayTransaction).where(RelayTransaction.id.in_(list(receipts)))
            ).all()
            for row in rows:
                self._settle(session, row, receipts[row.id], reasons.get(row.id))
            last_block = max(receipt.block_number for receipt in receipts.values())
            announce(session, MOVED_CHANNEL, str(last_block))  # the indexer, the streams

    def _settle(
        self,
        session: Session,
        row: RelayTransaction,
        receipt: Receipt,
        error: dict[str, object] | None,
    ) -> None:
        """Write one receipt's outcome on its row, and correct the player's reserved gas."""
        row.state = MINED if receipt.status == 1 else FAILED
        row.tx_hash = receipt.tx_hash
        row.block_number = receipt.block_number
        row.receipt_status = receipt.status
        row.gas_used = receipt.gas_used
        row.effective_gas_price = receipt.effective_gas_price
        row.error = error
        if row.sponsored is not None:
            correct_gas(session, row.sponsored, row.created_at, row.gas_limit, receipt.gas_used)

    def _reason(self, row: RelayTransaction, block_number: int) -> dict[str, object]:
        """Why a mined transaction reverted, by replaying it: on the state before its block, then
        on the state after it (an earlier transaction of the same block changed what it relied
        on: a pet that moved). A forward request's inner call is replayed first, because the
        forwarder's own revert hides its cause."""
        outer = {
            "from": row.sender,
            "to": row.to,
            "data": "0x" + row.data.hex(),
            "value": hex(row.value),
            "gas": hex(row.gas_limit),
        }
        inner = inner_call(row.to, row.data) if row.kind == "forward" else None
        for call in (inner, outer):
            for block in (block_number - 1, block_number):
                if call is None:
                    continue
                try:
                    self.node.call(call, hex(max(block, 0)))
                except Reverted as exc:
                    reason = decode_revert(exc.data)
                    now = self.node.chain_time()
                    return {
                        "code": "reverted",
                        "message": reason.explain(now),
                        "details": reason.to_json(now),
                    }
        return {
            "code": "reverted",
            "message": "the transaction reverted on chain (out of gas, or state changed in its block)",
        }

    def _mine(self) -> tuple[ColumnElement[bool], ...]:
        """Only this relay account's transactions on this chain."""
        return (
            RelayTransaction.chain_id == self.sender.chain_id,
            RelayTransaction.sender == self.sender.address,
        )
