"""Claims of requests in flight against a new request's: refused up front, or recorded beside it.

In the database transaction that accepts a forward request, before anything else (so no
budget is reserved and nothing stored or signed for a refusal):
1. one lock row per thing the request claims is written (`relay_claim_locks`, in a fixed
   order, so two requests never wait for each other in a circle): PostgreSQL locks the row until
   commit, SQLite's first write takes the database's write lock, so the check and the record of
   two requests claiming one pet or one buyer's WETH take turns and concurrent twins cannot both
   pass;
2. the claims of other requests are counted if the request is queued or sent, or was mined
   after the block the new request's check read (what the check read does not show its effect
   yet); a request that failed, was carried out elsewhere, or was mined before that block
   counts no more: ending frees what it held, with no write;
3. a collision is refused with 409: `forward_request_pet_pending` (another request in flight
   consumes the pet), `forward_request_weth_pending` (the buyer's WETH, as the check read it,
   does not pay this acceptance once those in flight, in the order the relay sends them, have
   taken theirs: pawchain.relay.claims, `WethFunds.after`), `forward_request_cancel_pending`
   (the buyer cancels orders in flight) or `forward_request_operator_pending` (the owner takes
   back an operator approval in flight);
and once the request's row is in, its claims are recorded (`record_claims`).
A request sent again under its own idempotency key does not collide with itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import and_, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from pawchain.relay.call import Readings
from pawchain.relay.claims import Claim
from pawchain.relay.errors import ForwardRequestRejected
from pawchain.store.relay_models import (
    IN_FLIGHT_STATES,
    RelayClaim,
    RelayClaimLock,
    RelayTransaction,
)


def refuse_colliding(
    session: Session, chain_id: int, key: str, readings: Readings, now: float
) -> None:
    """Take the locks of `readings.claims`, then raise ForwardRequestRejected (409) if another
    request holds what one of them needs (see above). `key`: the new request's idempotency key;
    `readings`: what its check read (the latest block among them)."""
    claims = readings.claims
    if not claims:
        return
    read_block = int(readings.latest_block["number"], 16)
    for what in sorted({claim.what for claim in claims}):
        _take_turn(session, chain_id, what, int(now))
    held: dict[str, list[tuple[int, int | None]]] = {claim.what: [] for claim in claims}
    for what, transaction_id, amount in session.execute(
        select(RelayClaim.what, RelayClaim.transaction_id, RelayClaim.amount)
        .join(RelayTransaction, RelayTransaction.id == RelayClaim.transaction_id)
        .where(
            RelayClaim.chain_id == chain_id,
            RelayClaim.what.in_(list(held)),
            RelayTransaction.idempotency_key != key,
            or_(
                IN_FLIGHT_STATES,
                and_(RelayTransaction.state == "mined", RelayTransaction.block_number > read_block),
            ),
        )
        # The order the relay sends them in (WethFunds.after replays it): by nonce, which a
        # requeued request or another process's batch gives out of arrival order; those still
        # waiting for one last, as they came.
        .order_by(RelayTransaction.nonce.asc().nulls_last(), RelayClaim.transaction_id)
    ):
        held[what].append((transaction_id, amount))
    for claim in claims:
        _refuse_if_taken(claim, held[claim.what])


def record_claims(
    session: Session, chain_id: int, transaction_id: int, claims: Sequence[Claim]
) -> None:
    """Note `claims` as held by the request `transaction_id` (its row is flushed)."""
    session.add_all(
        RelayClaim(
            transaction_id=transaction_id, what=claim.what, chain_id=chain_id, amount=claim.amount
        )
        for claim in claims
        if claim.records
    )


def _take_turn(session: Session, chain_id: int, what: str, now: int) -> None:
    """Write `what`'s lock row (created the first time): held until this transaction ends."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    table = RelayClaimLock.__table__
    session.execute(
        dialect.insert(table)
        .values(chain_id=chain_id, what=what, taken_at=now)
        .on_conflict_do_update(index_elements=["chain_id", "what"], set_={"taken_at": now})
    )


def _refuse_if_taken(claim: Claim, holders: list[tuple[int, int | None]]) -> None:
    """Raise the 409 for `claim` if `holders` (request id, amount; in the order the relay sends
    them: nonce order) leave it nothing."""
    if not claim.checks or not holders:
        return
    kind, _, name = claim.what.partition(":")
    details: dict[str, object] = {_NAMED[kind]: name, "request_id": holders[0][0]}
    code, message = _REFUSALS[kind]
    if kind == "weth":
        price = claim.amount or 0
        left = claim.funds.after(amount for _, amount in holders)
        if left.pay(price):
            return
        details |= {
            "price": str(price),
            "credit": str(claim.funds.credit),
            "wallet": str(claim.funds.wallet),
            "credit_left": str(left.credit),
            "wallet_left": str(left.wallet),
            "pending": str(sum(amount or 0 for _, amount in holders)),
            "request_ids": [transaction_id for transaction_id, _ in holders],
        }
    raise ForwardRequestRejected(code, message.format(name=name, **details), details, status=409)


# What a claim's kind is refused with, and the name of its `details` field.
_REFUSALS = {
    "pet": (
        "forward_request_pet_pending",
        "another request about pet {name} is on its way (only one can be mined): wait for it, "
        "then try again",
    ),
    "weth": (
        "forward_request_weth_pending",
        "{name}'s WETH does not pay this offer's {price} wei once the requests on their way "
        "(acceptances of {pending} wei, any withdrawal of its credit) are mined: they leave "
        "{credit_left} wei of its credit in the order book ({credit} wei) and {wallet_left} wei "
        "of what its wallet lets the book take ({wallet} wei, the least of balance and "
        "allowance), and the book pays an offer from one or the other, never both: wait for "
        "them, or accept another offer",
    ),
    "cancel": (
        "forward_request_cancel_pending",
        "{name} is cancelling orders in a request on its way: an acceptance mined after it "
        "could revert; wait for it, then try again",
    ),
    "operators": (
        "forward_request_operator_pending",
        "{name} is taking back an operator approval in a request on its way: a move of its pet "
        "mined after it could revert; wait for it, then try again",
    ),
}
_NAMED = {"pet": "pet_id", "weth": "buyer", "cancel": "buyer", "operators": "owner"}
