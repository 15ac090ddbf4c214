"""The market's part of the pet list: `for_sale`, `for_siring`, `listed`, `price_min`,
`price_max` and `sort=price`, added to pet_filters' registries.

They read `PetFilter.extra` (keys below). A pet's **ask** is what it costs now: the price of
its open auction (any kind, at the request's time: queries.auction_price) or of its cheapest
live listing (queries.orders), and the lower of the two if it had both. It cannot have both
for long: escrowing a pet in an auction advances its transfer nonce, which kills its
listings, and a listing cannot be signed while the house holds the pet; only an indexer that
has not caught up yet could see both. Price bounds and the price sort are on the ask, and
mean "has an ask" (on auction or listed).

Each joins the open auctions (by primary key) and the live listings' per-pet minimum (a
grouped subquery over the live listings), outer joins narrowed by WHERE conditions, so the
filters and the sort can share one join of each in any order.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, FromClause, Join, Select, case, or_

from pawchain.queries import pet_filters
from pawchain.queries.auction_price import gwei, price_now
from pawchain.queries.market import AUCTION_KINDS
from pawchain.queries.orders import best_listings
from pawchain.queries.pet_filters import PetFilter, Sort
from pawchain.store import Auction, Pet

FOR_SALE, FOR_SIRING, LISTED, PRICE_MIN, PRICE_MAX = "for_sale", "for_siring", "listed", "price_min", "price_max"
SALE_KINDS = (AUCTION_KINDS["sale"], AUCTION_KINDS["gen0"])  # both sell the pet itself

BEST_LISTING = best_listings()  # one subquery object: the ask and the sort refer to its columns
_AUCTION_PRICE = price_now()
_HAS_AUCTION = Auction.pet_id.is_not(None)
_HAS_LISTING = BEST_LISTING.c.pet_id.is_not(None)
ASK: ColumnElement[float] = case(
    (Auction.pet_id.is_(None), BEST_LISTING.c.price),
    (BEST_LISTING.c.pet_id.is_(None), _AUCTION_PRICE),
    (BEST_LISTING.c.price < _AUCTION_PRICE, BEST_LISTING.c.price),
    else_=_AUCTION_PRICE,
)


def _froms(item: FromClause) -> list[FromClause]:
    return [*_froms(item.left), *_froms(item.right)] if isinstance(item, Join) else [item]


def _joined(statement: Select[Any], target: FromClause, onclause: ColumnElement[bool]) -> Select[Any]:
    """`statement` outer-joined to `target` once (a filter and the sort may both ask)."""
    # Only joins count: a column of `target` in the SELECT list (the sort key) also puts it among the froms.
    if any(part is target for item in statement.get_final_froms() if isinstance(item, Join) for part in _froms(item)):
        return statement
    return statement.outerjoin(target, onclause)


def _with_asks(statement: Select[Any]) -> Select[Any]:
    statement = _joined(statement, Auction.__table__, Auction.pet_id == Pet.id)  # type: ignore[arg-type]
    return _joined(statement, BEST_LISTING, BEST_LISTING.c.pet_id == Pet.id)


def by_market(statement: Select[Any], wanted: PetFilter) -> Select[Any]:
    """Only pets in a sale (for_sale) or siring (for_siring) auction, with a live listing
    (listed), whose ask is within the price bounds (a bound alone means "has an ask")."""
    extra = wanted.extra
    kinds: list[int] = []
    if extra.get(FOR_SALE):
        kinds += SALE_KINDS
    if extra.get(FOR_SIRING):
        kinds.append(AUCTION_KINDS["siring"])
    low, high = extra.get(PRICE_MIN), extra.get(PRICE_MAX)
    if not kinds and not extra.get(LISTED) and low is None and high is None:
        return statement
    statement = _with_asks(statement)
    if kinds:
        statement = statement.where(Auction.kind.in_(kinds))
    if extra.get(LISTED):
        statement = statement.where(_HAS_LISTING)
    if low is not None:
        statement = statement.where(ASK >= float(low))
    if high is not None:
        statement = statement.where(ASK <= float(high))
    return statement


def _prepare_price_sort(statement: Select[Any], wanted: PetFilter) -> Select[Any]:
    return _with_asks(statement).where(or_(_HAS_AUCTION, _HAS_LISTING))


def register() -> None:
    """Add the filter and the sorts to the pet list (idempotent)."""
    if by_market not in pet_filters.FILTERS:
        pet_filters.FILTERS.append(by_market)
    for name, descending, description in (("price", False, "cheapest ask first (open auction's price now or cheapest live "
                                                           "listing; only pets with one)"),
                                          ("-price", True, "dearest ask first (only pets on auction or listed)")):
        pet_filters.SORTS.setdefault(name, Sort(name, (gwei(ASK), Pet.id), descending=descending,
                                                description=description, prepare=_prepare_price_sort))
