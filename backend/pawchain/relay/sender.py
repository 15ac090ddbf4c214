"""The relay sender: simulate, accept (idempotently, within budget), sign locally, send.

`submit` simulates the call (a revert is refused with the contract's custom error decoded,
TransactionRefused, and nothing is stored), then accepts it in one database transaction: its
row, its gas reserved (BudgetSpent rolls it back) and, if the relay can pay, a nonce taken
under the database lock and the signed bytes stored (the outbox), committed before anything is
sent. A web process on PostgreSQL accepts in one statement and records in a batch afterwards
(accept_at_once.py, nonce_batch.py). The worker broadcasts the recorded bytes, lower nonces
first, no lock held. A request that cannot be paid for now is stored `queued` without a nonce
(RelayUnderfunded tells the caller); the tracker dispatches it once the account is funded. The
same request twice is one transaction, whatever happened to the first. Design: docs/relay.md.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, NoReturn

from eth_account import Account
from eth_keys import keys
from eth_typing import ChecksumAddress
from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from web3 import Web3

from pawchain.config import RelaySettings
from pawchain.relay.accept_at_once import accept_at_once
from pawchain.relay.budget import reserve_gas
from pawchain.relay.call import Call, Readings
from pawchain.relay.claims_held import record_claims, refuse_colliding
from pawchain.relay.crash import crash_point
from pawchain.relay.errors import RelayUnderfunded, TransactionRefused
from pawchain.relay.fees import Fees, current_fees
from pawchain.relay.forward_nonce import refuse_in_flight_twin
from pawchain.relay.node import (
    InsufficientFunds,
    Node,
    NodeError,
    Reverted,
    answer_of,
    call_result,
)
from pawchain.relay.nonce_batch import nonce_batches
from pawchain.relay.nonces import register_account, take_nonce
from pawchain.relay.one_sender import one_sender
from pawchain.relay.revert import decode_revert
from pawchain.relay.status import RelayStatus
from pawchain.relay.write_turn import WriteTurn
from pawchain.store import transaction
from pawchain.store.records import field_values
from pawchain.store.relay_models import RelayAttempt, RelayTransaction
from pawchain.store.wakeups import MOVED_CHANNEL, RECORDED_CHANNEL, announce

QUEUED, SENT, MINED, FAILED = "queued", "sent", "mined", "failed"
# Signed transactions per JSON-RPC batch (pawchain.relay.node.send_raw_many), each batch
# recorded `sent` as soon as it is answered. Ganache answers a send after mining its block
# (~16 ms of its CPU for a forward request): a batch of 64 held a backlog's first transactions
# unrecorded for seconds while it mined the rest, and the next batch grew with the backlog.
SEND_BATCH = 16
IN_FLIGHT = (QUEUED, SENT)


class _AlreadyDispatched(Exception):
    """Another thread or process signed this request first (rolls our nonce back)."""


class RelaySender:
    """Sends calls from the relay account; every state change is in the database."""

    def __init__(
        self,
        node: Node,
        sessions: sessionmaker[Session],
        settings: RelaySettings,
        clock: Callable[[], float] = time.time,
        broadcasts: bool = True,
    ) -> None:
        """`broadcasts`: whether this process hands recorded transactions to the node. The relay
        worker does (one process per account); a web process only records them, and notifies the
        worker (docs/relay.md, "The outbox")."""
        self.node = node
        self.sessions = sessions
        self.settings = settings
        self.clock = clock
        self.account = Account.from_key(settings.signing_key)
        # The key as an object that carries its public key: Account.sign_transaction given the
        # raw key derives the public key again on every signature (half of its ~13 ms).
        self._private_key = keys.PrivateKey(bytes(self.account.key))
        self.address: ChecksumAddress = self.account.address
        self.chain_id = node.chain_id()
        self.broadcasts = broadcasts
        self.sent_count = 0  # transactions handed to the node by this object (the worker reads it)
        with transaction(sessions) as session:
            register_account(session, self.chain_id, self.address, node.nonce(self.address))
            engine = session.get_bind().engine
            # SQLite: accepting and dispatching take turns before its lock (write_turn.py)
            self._write_turn = WriteTurn(engine)
        # One statement alone needs no BEGIN and COMMIT of its own (pawchain.relay.accept_at_once)
        self._autocommit = engine.execution_options(isolation_level="AUTOCOMMIT")
        self._one_sender = one_sender(self.chain_id, self.address)
        self._batched = nonce_batches(
            engine, self.chain_id, self.address, self._write_turn, self._sign, broadcasts
        )

    # ---- accepting

    def submit(
        self, call: Call, readings: Readings | None = None, looked_up: bool = False
    ) -> RelayStatus:
        """Accept `call` and try to send it now. Raises TransactionRefused (the simulation
        reverted), BudgetSpent, or RelayUnderfunded (accepted and queued, not sent yet).
        `readings`: the node's answers already read for this call (else they are asked for);
        `looked_up`: the caller looks the key up itself (the UNIQUE index returns a twin).

        Accepting and recording are one database transaction (a process killed before its
        commit leaves nothing), but in a web process on PostgreSQL: it records in a batch after
        accepting, and one killed in between leaves the request queued without a nonce
        (docs/relay.md, "Nonces in batches")."""
        if not looked_up:
            known = self.find(call.idempotency_key)
            if known is not None:
                return known
        gas_limit = self.simulate(call, None if readings is None else readings.simulation)
        if readings is None:
            readings = self.readings()
        fees = self.fees_at(readings.latest_block)
        needed = gas_limit * fees.max_fee + call.value
        funded = readings.balance >= needed
        if readings.claims:  # a twin under one forwarder nonce claims alike: that is the cause
            refuse_in_flight_twin(self.sessions, self.chain_id, call)
        attempt, nonce = None, None
        nonce_now = funded and self._batched is None  # else numbered afterwards, in a batch
        fields, budget = self._row_fields(call, gas_limit), self.settings.daily_gas_per_player
        try:
            if self._batched is not None:  # PostgreSQL, a web process: one round trip
                row_id = accept_at_once(
                    self.sessions, self._autocommit, fields, readings, budget, self.clock()
                )
                row = RelayTransaction(id=row_id, **fields)
            else:
                with self._write_turn(), transaction(self.sessions) as session:
                    # First: a refusal here stores and reserves nothing (relay.claims_held).
                    refuse_colliding(
                        session, self.chain_id, call.idempotency_key, readings, self.clock()
                    )
                    if call.sponsored is not None:
                        reserve_gas(session, call.sponsored, gas_limit, budget, self.clock())
                    row = RelayTransaction(**fields)
                    if nonce_now:
                        nonce = row.nonce = take_nonce(session, self.chain_id, self.address)
                    session.add(row)
                    session.flush()  # the key's UNIQUE constraint judges a concurrent twin here
                    record_claims(session, self.chain_id, row.id, readings.claims)
                    if nonce is not None:
                        attempt = self._sign(row, fees, nonce)
                        session.add(attempt)
                        crash_point("signed")
        except IntegrityError:
            # The same key committed by a concurrent submission in the meantime: that one wins;
            # or another request of the player's with its forwarder nonce is in flight.
            known = self.find(call.idempotency_key)
            if known is None:
                refuse_in_flight_twin(self.sessions, self.chain_id, call)  # the other index
                raise
            return known
        if not nonce_now:
            crash_point("accepted")  # committed without a nonce
        if not funded:
            self._underfunded(row.id, needed, readings.balance)
        tx_hash = None if attempt is None else attempt.tx_hash
        if self._batched is not None:
            recorded = self._batched(row, fees)
            if recorded is None:  # the tracker took it for lost and dispatched it (rare)
                return self.status(row.id)
            nonce, tx_hash = recorded
        crash_point("recorded")
        if self.broadcasts:
            self._broadcast_recorded(row.id)
            return self.status(row.id)  # the broadcast moved it on
        # What was just committed, not read back (the worker sends it)
        return RelayStatus.recorded(row.id, call.idempotency_key, call.kind, nonce, tx_hash)

    def _row_fields(self, call: Call, gas_limit: int) -> dict[str, Any]:
        """The columns of `call`'s new row, accepted now (`queued`, no nonce)."""
        return {
            **field_values(call, leave_out={"gas_limit"}),
            "chain_id": self.chain_id,
            "sender": self.address,
            "gas_limit": gas_limit,
            "state": QUEUED,
            "created_at": int(self.clock()),
        }

    def readings(self) -> Readings:
        """The latest block and the relay account's balance, in one JSON-RPC batch."""
        block, balance = self.node.batch(
            ("eth_getBlockByNumber", ["latest", False]),
            ("eth_getBalance", [self.address, "latest"]),
        )
        return Readings(answer_of(block), int(answer_of(balance), 16))

    def simulate(self, call: Call, answer: Any = None) -> int:
        """The gas limit to send `call` with; TransactionRefused if it would revert. The gas
        estimate is the simulation: it runs the call and returns the revert data as eth_call
        would, so one request does both (a call with its own gas limit needs only eth_call;
        `answer`: that eth_call's answer, already read in a batch)."""
        try:
            if call.gas_limit is not None:
                if answer is None:
                    self.node.call(self.rpc_call(call))
                else:
                    call_result(answer)
                return call.gas_limit
            estimate = self.node.estimate_gas(call.as_rpc(self.address))
        except Reverted as exc:
            reason = decode_revert(exc.data)
            now = self.node.chain_time()
            raise TransactionRefused(reason.explain(now), reason.to_json(now)) from None
        return estimate * (100 + self.settings.gas_margin_percent) // 100

    def rpc_call(self, call: Call) -> dict[str, str]:
        """`call` from the relay account as eth_call takes it (its gas limit, if it has one)."""
        limit = {} if call.gas_limit is None else {"gas": hex(call.gas_limit)}
        return {**call.as_rpc(self.address), **limit}

    # ---- sending

    def dispatch(self, transaction_id: int) -> None:
        """Give a queued request its nonce and signed bytes, record them, then broadcast them.
        Does nothing if it already has a nonce. RelayUnderfunded if the account cannot pay
        (it stays queued).

        The outbox: the nonce is taken, the transaction signed and both stored in one database
        transaction, committed **before** anything reaches a node. A process that dies before
        the commit leaves no trace (the nonce rolls back with the signature nobody saw); one
        that dies after it leaves a recorded row that `send_recorded` (here, in any process)
        or the tracker broadcasts. The lock is released before the broadcast: no network I/O
        under it; nonce order at the node is kept by `send_recorded` instead. (`submit` does
        the same for a new request, in the transaction that accepts it.)"""
        with self.sessions() as session:
            row = session.get(RelayTransaction, transaction_id)
            if row is None or row.nonce is not None:
                return
            gas_limit, value = row.gas_limit, row.value
        readings = self.readings()
        fees = self.fees_at(readings.latest_block)
        if readings.balance < gas_limit * fees.max_fee + value:
            self._underfunded(transaction_id, gas_limit * fees.max_fee + value, readings.balance)
        try:
            with self._write_turn(), transaction(self.sessions) as session:
                # SQLite: the lock-taking UPDATE must be the transaction's first statement (see
                # pawchain.relay.nonces); the row is read again under it.
                nonce = take_nonce(session, self.chain_id, self.address)
                row = session.get(RelayTransaction, transaction_id, populate_existing=True)
                if row is None or row.nonce is not None:
                    raise _AlreadyDispatched
                self._record_signed(session, row, fees, nonce)
        except _AlreadyDispatched:
            return
        crash_point("recorded")
        if self.broadcasts:
            self._broadcast_recorded(transaction_id)

    def _record_signed(
        self, session: Session, row: RelayTransaction, fees: Fees, nonce: int
    ) -> None:
        """Give `row` its nonce (taken in the caller's database transaction: the lock) and its
        signed bytes (the outbox: committed before any byte reaches a node); a web process's
        commit notifies the worker, which sends it."""
        row.nonce = nonce
        session.add(self._sign(row, fees, nonce))
        if not self.broadcasts:
            announce(session, RECORDED_CHANNEL)  # the worker sends it (woken at commit)
        crash_point("signed")

    def _broadcast_recorded(self, transaction_id: int) -> None:
        """Send what is recorded, ours included (no lock held); if ours did not go out, note
        why on it (RelayUnderfunded raised: the node refused for funds)."""
        problem = self.send_recorded()
        if problem is None:
            return
        with self.sessions() as session:
            row = session.get(RelayTransaction, transaction_id)
            if row is None or row.state != QUEUED:
                return  # ours went out (the problem was a later one's)
        if problem["code"] == RelayUnderfunded.code:
            raise RelayUnderfunded(
                problem["message"], {**problem["details"], "request_id": transaction_id}
            )
        self._note(transaction_id, problem)

    def send_recorded(self) -> dict[str, Any] | None:
        """Broadcast, in nonce order, every recorded transaction of this account that no node has
        accepted yet; None if all went out (or another thread of this process is sending: it
        sends ours too), else why the first one did not (the later ones wait: a nonce gap would
        only park them in the node's queue).

        No lock is held while sending: one thread of the broadcasting process sends at a time
        (pawchain.relay.one_sender), and only one process broadcasts (the worker; a web process
        records and notifies it). Signing and recording go on meanwhile."""
        return self._one_sender.run(self._send_pass)

    def broadcast(self, transaction_id: int) -> None:
        """Hand a transaction's newest recorded attempt to the node again, in nonce order with the
        outbox (a replacement, or a node that lost it)."""
        self._one_sender.run(self._send_pass, extra=[transaction_id])

    def _send_pass(self, again: set[int]) -> dict[str, Any] | None:
        """One pass over the outbox: every recorded, never-sent transaction and those in `again`
        (sent already, to send again), each one's newest attempt, in nonce order."""
        with self.sessions() as session:
            waiting = session.execute(
                select(
                    RelayTransaction.id,
                    RelayTransaction.state,
                    RelayAttempt.raw,
                    RelayAttempt.tx_hash,
                )
                .join(RelayAttempt, RelayAttempt.transaction_id == RelayTransaction.id)
                .where(
                    RelayTransaction.chain_id == self.chain_id,
                    RelayTransaction.sender == self.address,
                    RelayTransaction.nonce.is_not(None),
                    RelayAttempt.nonce == RelayTransaction.nonce,
                    or_(
                        RelayTransaction.state == QUEUED,
                        and_(RelayTransaction.id.in_(again), RelayTransaction.state == SENT),
                    ),
                )
                .order_by(RelayTransaction.nonce, RelayAttempt.max_fee_per_gas.desc())
            ).all()
        newest, seen = [], set()
        for row in waiting:
            if row.id not in seen:  # the others: older, cheaper attempts under the same nonce
                seen.add(row.id)
                newest.append(row)
        sent: dict[int, str] = {}
        try:
            for start in range(0, len(newest), SEND_BATCH):
                chunk = newest[start : start + SEND_BATCH]
                try:
                    answers: list[Any] = self.node.send_raw_many([row.raw for row in chunk])
                except NodeError as exc:  # no answer at all: the first waits with the reason
                    answers = [exc] + [None] * (len(chunk) - 1)
                crash_point("broadcast")
                first_problem = None
                for (transaction_id, state, raw, tx_hash), answer in zip(
                    chunk, answers, strict=True
                ):
                    problem = None if answer is None else self._problem(raw, answer)
                    if problem is None and answer is not None:
                        sent[transaction_id] = tx_hash
                    elif problem is not None:
                        self._note(transaction_id, problem, state)
                        first_problem = first_problem or problem
                if first_problem is not None:
                    return first_problem
                self._mark_sent(sent)
                sent = {}
        finally:
            self._mark_sent(sent)
        return None

    def _mark_sent(self, sent: dict[int, str]) -> None:
        """Record that a node accepted these transactions' attempts (one commit for a pass: a
        process killed before it leaves them `queued`, and the tracker finds their receipts)."""
        if not sent:
            return
        self.sent_count += len(sent)
        with transaction(self.sessions) as session:
            session.execute(
                update(RelayTransaction)
                .where(RelayTransaction.id.in_(list(sent)), RelayTransaction.state.in_(IN_FLIGHT))
                .values(state=SENT, error=None)
            )
            session.execute(
                update(RelayAttempt)
                .where(RelayAttempt.tx_hash.in_(list(sent.values())))
                .values(sent_at=int(self.clock()))
            )
            announce(session, MOVED_CHANNEL)

    def _problem(self, raw: bytes, answer: Any) -> dict[str, Any] | None:
        """None if the node has the transaction now (`answer`: its hash, or the refusal), else
        why not (the request waits). A refusal of bytes the node already has or has mined (sent
        before; Ganache says "nonce too low" for a mined one) counts as sent: the tracker reads
        the receipt."""
        if isinstance(answer, InsufficientFunds):
            return RelayUnderfunded.of(self.address, self.node.balance(self.address)).to_json()[
                "error"
            ]
        if isinstance(answer, NodeError):
            try:
                if self.node.knows(Web3.keccak(raw).to_0x_hex()):
                    return None
            except NodeError:
                pass  # the node is away: the refusal stands, the tracker tries again
            return {"code": "node_refused", "message": str(answer.args[0])}
        return None

    def replace(self, transaction_id: int, fees: Fees) -> None:
        """Sign the transaction again with the same nonce and higher `fees`, and broadcast it."""
        with transaction(self.sessions) as session:
            row = session.get(RelayTransaction, transaction_id)
            if row is None or row.state not in IN_FLIGHT or row.nonce is None:
                return
            session.add(self._sign(row, fees, row.nonce))
        self.broadcast(transaction_id)

    def requeue(self, transaction_id: int) -> None:
        """A transaction whose nonce the chain used for another one (none of its attempts has a
        receipt): it goes back to the queue for a new nonce, and the counter moves past what the
        node has. Happens only if something outside our records used the key (see dispatch), or
        on Ganache, which mines a replaced transaction next to its replacement under miner_stop."""
        with transaction(self.sessions) as session:
            register_account(session, self.chain_id, self.address, self.node.nonce(self.address))
            row = session.get(RelayTransaction, transaction_id)
            if row is None or row.state not in IN_FLIGHT:
                return
            row.error = {
                "code": "nonce_taken",
                "message": f"nonce {row.nonce} was used by another transaction; sent again with a new one",
            }
            row.nonce, row.state = None, QUEUED
        self.dispatch(transaction_id)

    def _sign(self, row: RelayTransaction, fees: Fees, nonce: int) -> RelayAttempt:
        """`row`'s transaction under `nonce`, signed, as an attempt to store (the caller adds it
        to its database transaction)."""
        signed = Account.sign_transaction(
            {
                "type": 2,
                "chainId": self.chain_id,
                "nonce": nonce,
                "to": row.to,
                "value": row.value,
                "data": row.data,
                "gas": row.gas_limit,
                "maxFeePerGas": fees.max_fee,
                "maxPriorityFeePerGas": fees.priority,
            },
            self._private_key,
        )
        attempt = RelayAttempt(
            tx_hash=signed.hash.to_0x_hex(),
            transaction_id=row.id,
            nonce=nonce,
            max_fee_per_gas=fees.max_fee,
            max_priority_fee_per_gas=fees.priority,
            raw=bytes(signed.raw_transaction),
            sent_at=int(self.clock()),
        )
        return attempt

    def market_fees(self) -> Fees:
        """Fees for the next block at the current base fee."""
        return self.fees_at(self.node.latest_block())

    def fees_at(self, block: dict[str, Any]) -> Fees:
        """Fees for the block after `block`."""
        base_fee = int(block.get("baseFeePerGas", "0x0"), 16)
        return current_fees(base_fee, self.settings.priority_fee)

    def _underfunded(self, transaction_id: int, needed: int, balance: int) -> NoReturn:
        """Record on the request that the account is short, and raise RelayUnderfunded."""
        error = RelayUnderfunded.of(self.address, balance, needed)
        error.details["request_id"] = transaction_id
        self._note(transaction_id, error.to_json()["error"])
        raise error

    def _note(self, transaction_id: int, error: dict[str, Any], state: str | None = None) -> None:
        """Record why a request waits (it stays in its state); with `state`, only if it is still
        in it (another process may have moved it on)."""
        still = () if state is None else (RelayTransaction.state == state,)
        with transaction(self.sessions) as session:
            session.execute(
                update(RelayTransaction)
                .where(RelayTransaction.id == transaction_id, *still)
                .values(error=error)
            )

    # ---- reading

    def find(self, idempotency_key: str) -> RelayStatus | None:
        """The request accepted under this key, if any."""
        with self.sessions() as session:
            row = session.scalar(
                select(RelayTransaction).where(RelayTransaction.idempotency_key == idempotency_key)
            )
            return None if row is None else RelayStatus.of_row(session, row)

    def status(self, transaction_id: int) -> RelayStatus:
        with self.sessions() as session:
            status = RelayStatus.load(session, transaction_id)
        if status is None:
            raise KeyError(transaction_id)
        return status
