"""Submitting an order: every check before anything is stored, then one row.

Order of the checks (the first failure is the answer): price and expiry, the signature (it
must recover the signer over the deployment's domain), a duplicate (the same hash again is
answered with the stored order, whatever happened to it since), then the chain at its newest
block: the pet exists and is not escrowed in an auction; a listing's signer owns it and has
approved the order book; an offer's signer does not own it and can pay the price, from its
WETH credit in the book or else from its wallet (WETH held and approved to the book); the
pet's nonce and the signer's counter are the ones signed; the hash is not cancelled; a
listing's fee limit covers the fees in force (cut + royalty), or no fill could succeed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pawchain.orderbook.chain_state import ChainFacts, OrderBookChain
from pawchain.orderbook.rejections import CONFLICT, NOT_FOUND, Rejected, not_owner
from pawchain.orderbook.terms import OrderTerms, check_price_and_expiry, check_signature
from pawchain.store import SignedOrder
from pawchain.store.event_feed import announce_events, take_event_ids
from pawchain.store.records import field_values


@dataclass(frozen=True)
class Submitted:
    order_hash: str  # lower-case 0x hex
    created: bool  # False: the same order was already in the book


def submit(session: Session, chain: OrderBookChain, terms: OrderTerms, now: int) -> Submitted:
    """Check `terms` and store them; Rejected (or ChainUnavailable) if not. Commits."""
    check_price_and_expiry(terms, now)
    digest = terms.digest(chain.chain_id(), chain.order_book)
    check_signature(terms, digest)
    order_hash = "0x" + digest.hex()
    if session.get(SignedOrder, order_hash) is not None:
        return Submitted(order_hash, created=False)
    check_chain(terms, chain.facts(terms, digest))
    # The live stream's id, taken last: it holds the counter's row until the commit.
    event_id = take_event_ids(session, 1)
    session.add(
        SignedOrder(
            hash=order_hash,
            **field_values(terms, leave_out={"signature"}),
            signature="0x" + terms.signature.hex(),
            created_at=now,
            event_id=event_id,
        )
    )
    if event_id is not None:
        announce_events(session, event_id)
    try:
        session.commit()
    except IntegrityError:  # the same order, submitted at the same moment by another request
        session.rollback()
        if session.get(SignedOrder, order_hash) is None:
            raise
        return Submitted(order_hash, created=False)
    return Submitted(order_hash, created=True)


# The values an order signs that the chain must still hold (the same name in OrderTerms and
# ChainFacts): (field, the error's code, its message), checked in this order.
STALE = (
    (
        "pet_nonce",
        "stale_pet_nonce",
        "The order names pet nonce {signed}, but pet {pet}'s nonce is {current} "
        "(it was transferred, bred or gave birth since); sign again with the current one.",
    ),
    (
        "counter",
        "stale_counter",
        "The order names counter {signed}, but {signer}'s order counter is {current}; "
        "sign again with the current one.",
    ),
)


def check_chain(terms: OrderTerms, facts: ChainFacts) -> None:
    """Rejected unless the chain, as `facts` read it, would let the order be filled now."""
    pet, signer = terms.pet_id, terms.signer
    if facts.owner is None:
        # details.pet_id a number, as every pet_not_found says it (web/core/params.py)
        raise Rejected(NOT_FOUND, "pet_not_found", f"There is no pet {pet}.", pet_id=pet)
    if facts.in_auction:
        raise Rejected(
            CONFLICT,
            "pet_in_auction",
            f"Pet {pet} is in escrow in a clock auction; its "
            "orders cannot be filled until the auction ends "
            "(and its end moves the pet, which voids them).",
            pet_id=pet,
        )
    if terms.kind == "listing":
        _check_seller(terms, facts)
    else:
        _check_buyer(terms, facts)
    for field, code, message in STALE:
        signed, current = getattr(terms, field), getattr(facts, field)
        if signed != current:
            raise Rejected(
                CONFLICT,
                code,
                message.format(signed=signed, current=current, pet=pet, signer=signer),
                signed=signed,
                current=current,
                block=facts.block,
            )
    if facts.cancelled:
        raise Rejected(
            CONFLICT,
            "order_cancelled",
            f"{signer} has cancelled this order on chain.",
            block=facts.block,
        )
    if terms.max_fee_bps is not None and terms.max_fee_bps < facts.fee_bps:
        raise Rejected(
            CONFLICT,
            "fee_limit_too_low",
            f"The listing allows at most {terms.max_fee_bps} "
            f"bps in fees, but a sale pays {facts.fee_bps} "
            "bps now (market cut + royalty), so it could "
            "not be filled; sign again with a higher limit.",
            signed=terms.max_fee_bps,
            current=facts.fee_bps,
            block=facts.block,
        )


def _check_seller(terms: OrderTerms, facts: ChainFacts) -> None:
    pet, signer = terms.pet_id, terms.signer
    if facts.owner != signer:
        raise not_owner(signer, pet, facts.owner, signer=signer, block=facts.block)
    if not facts.book_may_move:
        raise Rejected(
            CONFLICT,
            "market_not_approved",
            f"The order book may not move pet {pet} for "
            f"{signer}: call setApprovalForAll(orderBook, true) "
            "(or approve(orderBook, pet)) first.",
            block=facts.block,
        )


def _check_buyer(terms: OrderTerms, facts: ChainFacts) -> None:
    pet, signer, price = terms.pet_id, terms.signer, terms.price
    if facts.owner == signer:
        raise Rejected(
            CONFLICT,
            "own_pet",
            f"{signer} already owns pet {pet}; an offer is for someone else's pet.",
            block=facts.block,
        )
    # The book pays an offer from the buyer's WETH credit in it (offerFundsOf: once the buyer has
    # deposited for offers, until it withdraws) if that covers the whole price, else from the
    # buyer's wallet (balance and allowance): refused only if neither can.
    if facts.weth_credit >= price or min(facts.weth_balance, facts.weth_allowance) >= price:
        return
    credit, balance, allowance = facts.weth_credit, facts.weth_balance, facts.weth_allowance
    short_in_wallet = (
        f"its wallet holds {balance} wei of WETH"
        if balance < price
        else f"its wallet holds {balance} wei of WETH but allows the order book only {allowance}"
    )
    raise Rejected(
        CONFLICT,
        "insufficient_weth" if balance < price else "weth_not_approved",
        f"Neither of {signer}'s ways to pay the offer's {price} wei covers it: its WETH credit "
        f"in the order book is {credit} wei and {short_in_wallet}. Deposit ether for offers "
        "(depositForOffers on the order book) until the credit covers the price, or wrap WETH "
        "and approve(orderBook, amount) on the WETH contract until the wallet covers it.",
        credit=str(credit),
        balance=str(balance),
        allowance=str(allowance),
        price=str(price),
        block=facts.block,
    )
