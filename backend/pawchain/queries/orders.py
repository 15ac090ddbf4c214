"""The order book's reads: an order's state judged in SQL from the indexed facts, the book's
pages, one order, a pet's best listing and its offers.

An order's state is never stored. It is computed on every read from what the indexer knows,
at the request's time (`market_now`, the bound parameter the market's price SQL uses too):

| state | when (first that holds) |
|---|---|
| filled | `closed_orders` has a fill of its hash (ListingFilled / OfferAccepted) |
| cancelled | its signer cancelled its hash (OrderCancelled under the signer), or cancelled everything since (`order_counters.counter` > its counter) |
| fees_above_limit | a listing whose signed `max_fee_bps` is below the fees a sale pays now (`market_fees`: the book's cut + the pets' royalty rate): its fill reverts (MarketFeesAboveLimit); live again if the fees come back down |
| stale | its pet changed since it was signed (`pets.pet_nonce` > its pet nonce): sold, given away, escrowed in an auction, bred (as matron or sire), gave birth |
| expired | its expiry is before the request's time (the contract's expiry is inclusive) |
| live | none of these |

The fee limit is judged on the rates, as the web app and POST /orders sign and check it: for a
price of 20,000 wei or more that is the contract's own test (cut and royalty are each rounded
down in wei, so below that a listing's fees may round to within a limit its rates exceed).

The facts are projections the indexer re-derives after a reorganisation, so an order killed
on an orphaned fork is live again without anything written here; and an order submitted while
the indexer is behind (the chain's nonce or counter above the indexed one) is live until the
indexed facts catch up and pass it.
"""  # noqa: E501  # a table of states, one row a line

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Float, and_, case, cast, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from pawchain.queries.auction_price import NOW
from pawchain.queries.conditions import AnySelect, S, StateFilter, where_wanted
from pawchain.queries.pagination import Page, decode_cursor, page_of
from pawchain.store import ClosedOrder, MarketFees, OrderCounter, Pet, SignedOrder

STATES = ("live", "filled", "cancelled", "fees_above_limit", "stale", "expired")
BOOK_SORT = "orders"
MAX_PET_OFFERS = 100  # a pet's offers, highest first, are one unpaged list
HASH_KEY_LIMIT = 2**256  # the cursor's second key: the hash as an integer
TIME_KEY_LIMIT = 2**63

# The facts an order is judged by, aliased so the judgement can sit inside a query that
# already reads `pets` (the pet list's "listed" filter).
_PET = aliased(Pet, name="order_pet")
_CLOSED = aliased(ClosedOrder, name="order_closed")
_COUNTER = aliased(OrderCounter, name="order_counter")

_FILLED = _CLOSED.filled_block.is_not(None)
_CANCELLED = or_(
    _CLOSED.cancelled_block.is_not(None),
    and_(_COUNTER.counter.is_not(None), SignedOrder.counter < _COUNTER.counter),
)
# The fees a sale pays now (market_fees: one row; 0 before the indexer has seen the
# deployment) within a listing's signed limit; an offer carries none (NULL: its acceptor gives
# one), so it counts as the whole price. The fees are an uncorrelated subquery, read once per
# statement (PostgreSQL's InitPlan), and the test a filter on the orders' own scan: measured
# on 100,000 pets and 15,000 orders (tools/bench_api_queries.py), an anti-join to the fees row
# instead cost a loop over every listing after the other joins.
_FEES_NOW = func.coalesce(select(MarketFees.cut_bps + MarketFees.royalty_bps).scalar_subquery(), 0)
_WHOLE_PRICE_BPS = 10_000
_WITHIN_FEE_LIMIT = func.coalesce(SignedOrder.max_fee_bps, _WHOLE_PRICE_BPS) >= _FEES_NOW
_STALE = and_(_PET.pet_nonce.is_not(None), _PET.pet_nonce > SignedOrder.pet_nonce)
_EXPIRED = SignedOrder.expiry < NOW

# Needs judged()'s joins.
STATE: ColumnElement[str] = case(
    (_FILLED, "filled"),
    (_CANCELLED, "cancelled"),
    (~_WITHIN_FEE_LIMIT, "fees_above_limit"),
    (_STALE, "stale"),
    (_EXPIRED, "expired"),
    else_="live",
)

# STATE == "live" without the joins: anti-joins, which PostgreSQL's planner estimates well (an
# IS NULL on an outer-joined column it took for "1 row" and sorted the whole book for a page:
# 40-50 ms at 15k orders, against a walk of the created_at index that stops after the page).
# A closed_orders row exists only once a fill or a cancel set one of its blocks.
_CLOSED_ROW = select(ClosedOrder.order_hash).where(
    ClosedOrder.order_hash == SignedOrder.hash, ClosedOrder.signer == SignedOrder.signer
)
_COUNTER_PAST = select(OrderCounter.signer).where(
    OrderCounter.signer == SignedOrder.signer, OrderCounter.counter > SignedOrder.counter
)
_PET_MOVED = select(_PET.id).where(
    _PET.id == SignedOrder.pet_id, _PET.pet_nonce > SignedOrder.pet_nonce
)
LIVE: ColumnElement[bool] = and_(
    ~_CLOSED_ROW.exists(),
    ~_COUNTER_PAST.exists(),
    _WITHIN_FEE_LIMIT,
    ~_PET_MOVED.exists(),
    SignedOrder.expiry >= NOW,
)


def judged(statement: S) -> S:
    """`statement` over `orders` joined to the facts STATE reads (each at most one row)."""
    return (
        # Under the order's signer only: anyone may call cancelOrder(hash), and the contract
        # keeps it under the caller, where it kills nothing of anybody else's.
        statement.outerjoin(
            _CLOSED,
            and_(_CLOSED.order_hash == SignedOrder.hash, _CLOSED.signer == SignedOrder.signer),
        )
        .outerjoin(_COUNTER, _COUNTER.signer == SignedOrder.signer)
        .outerjoin(_PET, _PET.id == SignedOrder.pet_id)
    )


def best_listings() -> Any:
    """A subquery: per pet with a live listing, its cheapest (`pet_id`, `price` as a double,
    like the auction price SQL). Reads `market_now`."""
    price = func.min(cast(SignedOrder.price, Float))
    statement = select(SignedOrder.pet_id.label("pet_id"), price.label("price"))
    return (
        statement.where(SignedOrder.kind == "listing", LIVE)
        .group_by(SignedOrder.pet_id)
        .subquery("best_listing")
    )


def has_live_listing(pet_id: Any) -> ColumnElement[bool]:
    """EXISTS a live listing of the pet `pet_id` (a column of the outer query): a seek on
    (pet_id, kind, price) per pet, so a pet list walking its own order stops after a page."""
    return (
        select(SignedOrder.hash)
        .where(SignedOrder.pet_id == pet_id, SignedOrder.kind == "listing", LIVE)
        .exists()
    )


@dataclass(frozen=True)
class JudgedOrder:
    order: SignedOrder
    state: str


def _run(session: Session, statement: AnySelect, now: int) -> list[JudgedOrder]:
    return [
        JudgedOrder(order, state)
        for order, state in session.execute(statement, {"market_now": now})
    ]


def get_order(session: Session, order_hash: str, now: int) -> JudgedOrder | None:
    """The order with `order_hash` (lower-case 0x hex) and its state at `now`, or None."""
    rows = _run(
        session, judged(select(SignedOrder, STATE).where(SignedOrder.hash == order_hash)), now
    )
    return rows[0] if rows else None


@dataclass(frozen=True)
class BookFilter(StateFilter):
    """What an order list asks for; None means "any"."""

    pet_id: int | None = None
    signer: str | None = None  # EIP-55 checksummed, as stored
    kind: str | None = None  # one of ORDER_KINDS


def book(
    session: Session, wanted: BookFilter, limit: int, cursor: str | None = None
) -> Page[JudgedOrder]:
    """A page of orders, newest first (keyset on accepted time, then hash), filtered."""
    # A live page needs no joins: its state is known.
    statement = (
        select(SignedOrder, literal("live"))
        if wanted.state == "live"
        else judged(select(SignedOrder, STATE))
    )
    statement = where_wanted(statement, wanted, SignedOrder, STATE, LIVE)
    if cursor is not None:
        created_at, hash_number = decode_cursor(cursor, BOOK_SORT, [TIME_KEY_LIMIT, HASH_KEY_LIMIT])
        bound = f"0x{hash_number:064x}" if hash_number >= 0 else ""
        statement = statement.where(
            or_(
                SignedOrder.created_at < created_at,
                and_(SignedOrder.created_at == created_at, SignedOrder.hash < bound),
            )
        )
    statement = statement.order_by(SignedOrder.created_at.desc(), SignedOrder.hash.desc()).limit(
        limit + 1
    )
    return page_of(
        _run(session, statement, wanted.now),
        limit,
        BOOK_SORT,
        lambda row: (row.order.created_at, int(row.order.hash, 16)),
    )


@dataclass(frozen=True)
class PetBook:
    best_listing: SignedOrder | None  # the cheapest live listing (the oldest of equal ones)
    offers: list[SignedOrder]  # live offers, highest first (then oldest first)


def pet_book(session: Session, pet_id: int, now: int) -> PetBook:
    """What a buyer and the owner of `pet_id` see: its cheapest live listing and its live offers."""
    live = select(SignedOrder).where(SignedOrder.pet_id == pet_id, LIVE)
    listing = session.scalars(
        live.where(SignedOrder.kind == "listing")
        .order_by(SignedOrder.price, SignedOrder.created_at, SignedOrder.hash)
        .limit(1),
        {"market_now": now},
    ).first()
    offers = session.scalars(
        live.where(SignedOrder.kind == "offer")
        .order_by(SignedOrder.price.desc(), SignedOrder.created_at, SignedOrder.hash)
        .limit(MAX_PET_OFFERS),
        {"market_now": now},
    )
    return PetBook(listing, list(offers))
