"""The relay sender: simulate, accept (idempotently, within budget), sign locally, send.

`submit` does, in order:
1. returns the existing request if its idempotency key is known (the same request twice is
   one transaction, whatever happened to the first);
2. simulates the call with eth_call from the relay account: a revert is refused with the
   contract's custom error decoded (TransactionRefused), and nothing is stored;
3. stores the request as `queued` and reserves the player's gas, in one transaction
   (BudgetSpent rolls both back);
4. dispatches it: checks the relay can pay, takes a nonce under the database lock, signs,
   stores the signed bytes with the nonce (one commit), then broadcasts.
A request that cannot be paid for now stays `queued` (RelayUnderfunded tells the caller);
the tracker dispatches it once the account is funded. Design: docs/relay.md.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn

from eth_account import Account
from eth_utils import to_checksum_address
from web3 import Web3
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from pawchain.config import RelaySettings
from pawchain.relay.budget import reserve_gas
from pawchain.relay.errors import RelayUnderfunded, TransactionRefused
from pawchain.relay.fees import Fees, current_fees
from pawchain.relay.node import InsufficientFunds, Node, NodeError, Reverted
from pawchain.relay.nonces import register_account, take_nonce
from pawchain.relay.revert import decode_revert
from pawchain.relay.status import RelayStatus
from pawchain.store import transaction
from pawchain.store.relay_models import RelayAttempt, RelayTransaction

QUEUED, SENT, MINED, FAILED = "queued", "sent", "mined", "failed"
IN_FLIGHT = (QUEUED, SENT)


@dataclass(frozen=True)
class Call:
    """A transaction the relay is asked to send from its own account."""

    to: str
    data: bytes
    idempotency_key: str
    value: int = 0
    sponsored: str | None = None  # the player whose daily budget pays; None: the game pays
    kind: str = "call"
    # A known bound (a forward request's signed gas plus the forwarder's work): simulated with
    # eth_call, no estimate. Ganache's eth_estimateGas runs the call many times (a binary
    # search) and took seconds under 4 concurrent requests; eth_call takes ~20 ms.
    gas_limit: int | None = None

    def __post_init__(self) -> None:
        # Addresses in any case are accepted; stored and signed checksummed.
        object.__setattr__(self, "to", to_checksum_address(self.to))
        if self.sponsored is not None:
            object.__setattr__(self, "sponsored", to_checksum_address(self.sponsored))

    def as_rpc(self, sender: str) -> dict[str, str]:
        return {"from": sender, "to": self.to, "data": "0x" + self.data.hex(), "value": hex(self.value)}


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
    ) -> None:
        self.node = node
        self.sessions = sessions
        self.settings = settings
        self.clock = clock
        self.account = Account.from_key(settings.signing_key)
        self.address: str = self.account.address
        self.chain_id = node.chain_id()
        with transaction(sessions) as session:
            register_account(session, self.chain_id, self.address, node.nonce(self.address))

    # ---- accepting

    def submit(self, call: Call) -> RelayStatus:
        """Accept `call` and try to send it now. Raises TransactionRefused (the simulation
        reverted), BudgetSpent, or RelayUnderfunded (accepted and queued, not sent yet)."""
        known = self.find(call.idempotency_key)
        if known is not None:
            return known
        gas_limit = self.simulate(call)
        try:
            with transaction(self.sessions) as session:
                if call.sponsored is not None:
                    reserve_gas(session, call.sponsored, gas_limit, self.settings.daily_gas_per_player, self.clock())
                row = RelayTransaction(
                    idempotency_key=call.idempotency_key,
                    chain_id=self.chain_id,
                    sender=self.address,
                    sponsored=call.sponsored,
                    kind=call.kind,
                    to=call.to,
                    data=call.data,
                    value=call.value,
                    gas_limit=gas_limit,
                    state=QUEUED,
                    created_at=int(self.clock()),
                )
                session.add(row)
        except IntegrityError:
            # The same key committed by a concurrent submission in the meantime: that one wins.
            known = self.find(call.idempotency_key)
            if known is None:
                raise
            return known
        try:
            self.dispatch(row.id)
        except OperationalError:
            # The database's lock was not had in time (SQLite's busy timeout under load): the
            # request is accepted and stays queued; the tracker dispatches it (nothing is lost).
            pass
        return self.status(row.id)

    def simulate(self, call: Call) -> int:
        """The gas limit to send `call` with; TransactionRefused if it would revert. The gas
        estimate is the simulation: it runs the call and returns the revert data as eth_call
        would, so one request does both (a call with its own gas limit needs only eth_call)."""
        try:
            if call.gas_limit is not None:
                self.node.call({**call.as_rpc(self.address), "gas": hex(call.gas_limit)})
                return call.gas_limit
            estimate = self.node.estimate_gas(call.as_rpc(self.address))
        except Reverted as exc:
            reason = decode_revert(exc.data)
            raise TransactionRefused(
                f"the transaction would revert with {reason.name}", reason.to_json()
            ) from None
        return estimate * (100 + self.settings.gas_margin_percent) // 100

    # ---- sending

    def dispatch(self, transaction_id: int) -> None:
        """Give a queued request its nonce and signed bytes, and broadcast it. Does nothing if
        it already has a nonce. RelayUnderfunded if the account cannot pay (it stays queued).

        The broadcast happens while the nonce lock is held, just before the commit, so the
        node receives the account's transactions in nonce order (Ganache 7 loses some of a
        burst that arrives out of order; geth limits how many future nonces it queues). If
        the process dies between the broadcast and the commit, the nonce rolls back while
        the node has a transaction with it: `register_account` moves the counter past the
        node's pending count at the next start (docs/relay.md)."""
        with self.sessions() as session:
            row = session.get(RelayTransaction, transaction_id)
            if row is None or row.nonce is not None:
                return
            gas_limit, value = row.gas_limit, row.value
        fees = self.market_fees()
        balance = self.node.balance(self.address)
        if balance < gas_limit * fees.max_fee + value:
            self._underfunded(transaction_id, gas_limit * fees.max_fee + value, balance)
        try:
            with transaction(self.sessions) as session:
                nonce = take_nonce(session, self.chain_id, self.address)  # the lock: first statement
                row = session.get(RelayTransaction, transaction_id, populate_existing=True)
                if row is None or row.nonce is not None:
                    raise _AlreadyDispatched
                row.nonce = nonce
                attempt = self._sign(session, row, fees)
                session.flush()
                problem = self._send(attempt.raw)
                if problem is None:
                    row.state, row.error = SENT, None
                else:
                    row.error = problem
        except _AlreadyDispatched:
            return
        if problem is not None and problem["code"] == RelayUnderfunded.code:
            raise RelayUnderfunded(problem["message"], {**problem["details"], "request_id": transaction_id})

    def broadcast(self, transaction_id: int, raw: bytes) -> None:
        """Hand signed bytes to the node again (a replacement, or a node that lost them)."""
        problem = self._send(raw)
        with transaction(self.sessions) as session:
            row = session.get(RelayTransaction, transaction_id)
            if row is None or row.state not in IN_FLIGHT:
                return
            if problem is None:
                row.state, row.error = SENT, None
                tx_hash = Web3.keccak(raw).to_0x_hex()
                session.execute(update(RelayAttempt).where(RelayAttempt.tx_hash == tx_hash).values(sent_at=int(self.clock())))
            else:
                row.error = problem

    def _send(self, raw: bytes) -> dict[str, Any] | None:
        """Broadcast; None if a node has the transaction now, else why not (the request waits)."""
        try:
            self.node.send_raw(raw)
        except InsufficientFunds:
            return self._underfunded_error(None, self.node.balance(self.address)).to_json()["error"]
        except NodeError as exc:
            return {"code": "node_refused", "message": str(exc.args[0])}
        return None

    def replace(self, transaction_id: int, fees: Fees) -> None:
        """Sign the transaction again with the same nonce and higher `fees`, and broadcast it."""
        with transaction(self.sessions) as session:
            row = session.get(RelayTransaction, transaction_id)
            if row is None or row.state not in IN_FLIGHT or row.nonce is None:
                return
            attempt = self._sign(session, row, fees)
        self.broadcast(transaction_id, attempt.raw)

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
            row.error = {"code": "nonce_taken", "message": f"nonce {row.nonce} was used by another transaction; sent again with a new one"}
            row.nonce, row.state = None, QUEUED
        self.dispatch(transaction_id)

    def _sign(self, session: Session, row: RelayTransaction, fees: Fees) -> RelayAttempt:
        signed = self.account.sign_transaction(
            {
                "type": 2,
                "chainId": self.chain_id,
                "nonce": row.nonce,
                "to": row.to,
                "value": row.value,
                "data": row.data,
                "gas": row.gas_limit,
                "maxFeePerGas": fees.max_fee,
                "maxPriorityFeePerGas": fees.priority,
            }
        )
        attempt = RelayAttempt(
            tx_hash=signed.hash.to_0x_hex(),
            transaction_id=row.id,
            nonce=row.nonce,
            max_fee_per_gas=fees.max_fee,
            max_priority_fee_per_gas=fees.priority,
            raw=bytes(signed.raw_transaction),
            sent_at=int(self.clock()),
        )
        session.add(attempt)
        return attempt

    def market_fees(self) -> Fees:
        """Fees for the next block at the current base fee."""
        base_fee = int(self.node.latest_block().get("baseFeePerGas", "0x0"), 16)
        return current_fees(base_fee, self.settings.priority_fee)

    def _underfunded(self, transaction_id: int, needed: int, balance: int) -> NoReturn:
        """Record on the request that the account is short, and raise RelayUnderfunded."""
        error = self._underfunded_error(needed, balance)
        error.details["request_id"] = transaction_id
        self._note(transaction_id, error.to_json()["error"])
        raise error

    def _underfunded_error(self, needed: int | None, balance: int) -> RelayUnderfunded:
        details: dict[str, Any] = {"relay": self.address, "balance_wei": str(balance)}
        if needed is not None:
            details["needed_wei"] = str(needed)
        return RelayUnderfunded(
            "the relay account cannot pay for this transaction now; it is queued and goes out once the account is funded",
            details,
        )

    def _note(self, transaction_id: int, error: dict[str, object]) -> None:
        """Record why a request waits (it stays in its state)."""
        with transaction(self.sessions) as session:
            session.execute(update(RelayTransaction).where(RelayTransaction.id == transaction_id).values(error=error))

    # ---- reading

    def find(self, idempotency_key: str) -> RelayStatus | None:
        """The request accepted under this key, if any."""
        with self.sessions() as session:
            row = session.scalar(select(RelayTransaction).where(RelayTransaction.idempotency_key == idempotency_key))
            return None if row is None else RelayStatus.of_row(session, row)

    def status(self, transaction_id: int) -> RelayStatus:
        with self.sessions() as session:
            status = RelayStatus.load(session, transaction_id)
        if status is None:
            raise KeyError(transaction_id)
        return status
