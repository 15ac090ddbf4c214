"""The market's part of the pet list: `for_sale`, `for_siring`, `listed`, `price_min`,
`price_max` and `sort=price`, added to pet_filters' registries.

They read `PetFilter.extra` (keys below). A pet's **ask** is what it costs now: the price of
its open auction (any kind, at the request's time: queries.auction_price), or else of its
cheapest live listing (queries.orders). It cannot have both for long: escrowing a pet in an
auction advances its pet nonce, which kills its
listings, and a listing cannot be signed while the house holds the pet; only an indexer that
has not caught up yet could see both. Price bounds and the price sort are on the ask, and
mean "has an ask" (on auction or listed).

Each is an inner join, so the planner can start from the small side (open auctions, live
listings) instead of walking every pet: `for_sale`/`for_siring` join `auctions` (by primary
key), `listed` is an EXISTS per pet (a seek on the orders' pet index; a page of the default
order stops after its rows), price bounds and the price sort join the asks: a UNION ALL of
the open auctions' prices now and the cheapest live listing of each pet not on auction, one
row per pet (measured: outer joins of pets to both made `for_sale=true` 4x slower on SQLite
at 100k pets, and a GROUP BY over the union cost more than the listings themselves).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    FromClause,
    Select,
    bindparam,
    select,
    union_all,
)

from pawchain.chain.auction_kinds import AUCTION_KINDS
from pawchain.queries import pet_filters
from pawchain.queries.auction_price import gwei, price_gwei_now, price_now
from pawchain.queries.orders import best_listings, has_live_listing
from pawchain.queries.pet_filters import PetFilter, Sort, trait_conditions
from pawchain.queries.price_bound import cheapest_rows, dearest_rows
from pawchain.store import Auction, Pet

FOR_SALE, FOR_SIRING, LISTED, PRICE_MIN, PRICE_MAX = (
    "for_sale",
    "for_siring",
    "listed",
    "price_min",
    "price_max",
)
SALE_KINDS = (AUCTION_KINDS["sale"], AUCTION_KINDS["gen0"])  # both sell the pet itself

BEST_LISTING = best_listings()  # per pet with a live listing, its cheapest
_ON_AUCTION = select(Auction.pet_id).where(Auction.pet_id == BEST_LISTING.c.pet_id).exists()
# Disjoint branches, one row per pet, so no GROUP BY over the union (which SQLite and
# PostgreSQL must materialise whole before joining pets).
# A list narrowed to auctions (for_sale, for_siring) needs no listing prices: a pet in an
# auction has no live listing. This switch (bound per statement) lets the databases skip the
# listings' branch, the costly one (its liveness is judged per listing), as a constant-false filter.
WITH_LISTINGS = bindparam("ask_listings", value=True, type_=Boolean)
ASKS = union_all(
    select(Auction.pet_id.label("pet_id"), price_now().label("price")),
    select(BEST_LISTING.c.pet_id, BEST_LISTING.c.price).where(WITH_LISTINGS, ~_ON_AUCTION),
).subquery("asks")


# An execution option naming the market's tables a statement already joins. Execution
# options survive every generative step (where, join, order_by), so a filter and the sort can
# ask whether the other joined a table without inspecting the statement's FROM list, which
# compiles the whole statement (profiled: 17 ms a request at 100k pets, half the list's time).
JOINED = "pawchain_market_joined"


def _joined(
    statement: Select[Any], name: str, target: FromClause, onclause: ColumnElement[bool]
) -> Select[Any]:
    """`statement` joined to `target` (called `name`) once: a filter and the sort may both ask."""
    joined: frozenset[str] = statement.get_execution_options().get(JOINED, frozenset())
    if name in joined:
        return statement
    return statement.join(target, onclause).execution_options(**{JOINED: joined | {name}})


def _with_asks(statement: Select[Any]) -> Select[Any]:
    return _joined(statement, "asks", ASKS, ASKS.c.pet_id == Pet.id)


def _auction_kinds(wanted: PetFilter) -> list[int]:
    """The auction kinds the list is narrowed to (for_sale, for_siring); empty: not narrowed."""
    kinds: list[int] = []
    if wanted.extra.get(FOR_SALE):
        kinds += SALE_KINDS
    if wanted.extra.get(FOR_SIRING):
        kinds.append(AUCTION_KINDS["siring"])
    return kinds


def _traits_on_auctions(wanted: PetFilter) -> bool:
    """by_market states the list's trait and tier conditions on the auctions' copies
    (pet_filters.TRAITS_STATED_ELSEWHERE), so the pets' filter leaves them out."""
    return bool(_auction_kinds(wanted))


def by_market(statement: Select[Any], wanted: PetFilter) -> Select[Any]:
    """Only pets in a sale (for_sale) or siring (for_siring) auction, with a live listing
    (listed), whose ask is within the price bounds (a bound alone means "has an ask"). A list
    narrowed to auctions also gets its trait and tier conditions here, on the auction's copies."""
    extra = wanted.extra
    kinds = _auction_kinds(wanted)
    if kinds:
        statement = _joined(statement, "auctions", Auction.__table__, Auction.pet_id == Pet.id)
        statement = statement.where(Auction.kind.in_(kinds), *trait_conditions(Auction, wanted))
        statement = statement.params(ask_listings=False)
    if extra.get(LISTED):
        statement = statement.where(has_live_listing(Pet.id))
    low, high = extra.get(PRICE_MIN), extra.get(PRICE_MAX)
    if low is not None or high is not None:
        statement = _with_asks(statement)
    if low is not None:
        statement = statement.where(ASKS.c.price >= float(low))
    if high is not None:
        statement = statement.where(ASKS.c.price <= float(high))
    return statement


def _prepare_price_sort(statement: Select[Any], wanted: PetFilter) -> Select[Any]:
    return _with_asks(statement)


def _on_auction_only(wanted: PetFilter) -> bool:
    """The list is narrowed to auctions and bounds no price: every pet's ask is its auction's
    price, so the asks' union (which both databases compute whole, for every open auction
    and live listing, before joining) is not needed."""
    extra = wanted.extra
    return bool(extra.get(FOR_SALE) or extra.get(FOR_SIRING)) and (
        extra.get(PRICE_MIN) is None and extra.get(PRICE_MAX) is None
    )


def _walk_by_bounds(wanted: PetFilter, descending: bool) -> bool:
    """The list asks for nothing but the auctions' kinds (most auctions it walks in price
    bound order are its rows), or, cheapest first, also for traits and tiers, which the
    auctions copy (stated on them: by_market) and index with the lowest price
    (store.market_models): the walk reads the matching auctions alone, and the pets of the
    page's rows only. Any condition on the pets themselves (owner, generation, status, ...)
    would make the walk look up the pet of every auction it passes: measured at a million
    pets, as slow as pricing every auction."""
    rest = dataclasses.replace(wanted, now=0, extra={})
    if not descending:
        rest = dataclasses.replace(rest, traits={}, rarity=frozenset())
    return rest == PetFilter() and set(wanted.extra) <= {FOR_SALE, FOR_SIRING}


def _auction_price_sort(name: str, descending: bool) -> Callable[[PetFilter], Sort | None]:
    """The price sort stated on the joined auction (by_market joins it), for a list of pets
    on auction only: the same keys (whole gwei, id), so the same cursors; read from the
    auctions whose price bounds can reach the page (queries/price_bound.py) when the walk
    reads few auctions beside the page's."""
    on_auction = Sort(name, (price_gwei_now(), Pet.id), descending=descending)
    by_bounds = dataclasses.replace(
        on_auction, read_page=dearest_rows if descending else cheapest_rows
    )

    def stated(wanted: PetFilter) -> Sort | None:
        if not _on_auction_only(wanted):
            return None
        return by_bounds if _walk_by_bounds(wanted, descending) else on_auction

    return stated


def register() -> None:
    """Add the filter and the sorts to the pet list (idempotent)."""
    if by_market not in pet_filters.FILTERS:
        pet_filters.FILTERS.append(by_market)
    if _traits_on_auctions not in pet_filters.TRAITS_STATED_ELSEWHERE:
        pet_filters.TRAITS_STATED_ELSEWHERE.append(_traits_on_auctions)
    for name, descending, description in (
        (
            "price",
            False,
            "cheapest ask first (open auction's price now or cheapest live "
            "listing; only pets with one)",
        ),
        ("-price", True, "dearest ask first (only pets on auction or listed)"),
    ):
        pet_filters.SORTS.setdefault(
            name,
            Sort(
                name,
                (gwei(ASKS.c.price), Pet.id),
                descending=descending,
                description=description,
                prepare=_prepare_price_sort,
                cheaper_for=_auction_price_sort(name, descending),
            ),
        )
