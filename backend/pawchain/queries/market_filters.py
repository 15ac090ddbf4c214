"""The market's part of the pet list: `for_sale`, `for_siring`, `price_min`, `price_max`
(wei, on the open auction's price now) and `sort=price`, added to pet_filters' registries.

They read `PetFilter.extra` (keys below). Each joins the open auctions (a small table, by
primary key); the price is queries.auction_price's SQL form, at the request's time.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Join, Select
from sqlalchemy.sql.util import find_tables

from pawchain.queries import pet_filters
from pawchain.queries.auction_price import price_gwei_now, price_now
from pawchain.queries.market import AUCTION_KINDS
from pawchain.queries.pet_filters import PetFilter, Sort
from pawchain.store import Auction, Pet

FOR_SALE, FOR_SIRING, PRICE_MIN, PRICE_MAX = "for_sale", "for_siring", "price_min", "price_max"
SALE_KINDS = (AUCTION_KINDS["sale"], AUCTION_KINDS["gen0"])  # both sell the pet itself


def _joined(statement: Select[Any]) -> Select[Any]:
    """`statement` joined to the open auctions once (a filter and the sort may both ask)."""
    table = Auction.__table__
    already = any(isinstance(item, Join) and table in find_tables(item) for item in statement.get_final_froms())
    return statement if already else statement.join(Auction, Auction.pet_id == Pet.id)


def by_auction(statement: Select[Any], wanted: PetFilter) -> Select[Any]:
    """Only pets in a sale (for_sale) or siring (for_sire) auction; a price range implies an auction."""
    extra = wanted.extra
    kinds: list[int] = []
    if extra.get(FOR_SALE):
        kinds += SALE_KINDS
    if extra.get(FOR_SIRING):
        kinds.append(AUCTION_KINDS["siring"])
    priced = extra.get(PRICE_MIN) is not None or extra.get(PRICE_MAX) is not None
    if not kinds and not priced:
        return statement
    statement = _joined(statement)
    if kinds:
        statement = statement.where(Auction.kind.in_(kinds))
    if extra.get(PRICE_MIN) is not None:
        statement = statement.where(price_now() >= float(extra[PRICE_MIN]))
    if extra.get(PRICE_MAX) is not None:
        statement = statement.where(price_now() <= float(extra[PRICE_MAX]))
    return statement


def _prepare_price_sort(statement: Select[Any], wanted: PetFilter) -> Select[Any]:
    return _joined(statement)


def register() -> None:
    """Add the filter and the sorts to the pet list (idempotent)."""
    if by_auction not in pet_filters.FILTERS:
        pet_filters.FILTERS.append(by_auction)
    for name, descending, description in (("price", False, "cheapest open auction first (price now; only pets on auction)"),
                                          ("-price", True, "dearest open auction first (price now; only pets on auction)")):
        pet_filters.SORTS.setdefault(name, Sort(name, (price_gwei_now(), Pet.id), descending=descending,
                                                description=description, prepare=_prepare_price_sort))
