"""The market's queries: open auctions, sales, daily prices and the activity feed.

Plain functions on a Session (no Flask), each one page at most. Auction prices are not
stored (they move every second): pawchain.rules.auction_clock computes them for the request's time.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, SQLColumnExpression, and_, or_, select
from sqlalchemy.orm import Session

from pawchain.chain.auction_kinds import AUCTION_KINDS
from pawchain.queries.conditions import S
from pawchain.queries.pagination import Page, decode_cursor, key_limit, page_of
from pawchain.store import Activity, Auction, Pet, Sale

SECONDS_PER_DAY = 86_400
MAX_PRICE_DAYS = 365
# Sale.venue's values (the indexer's SALE_EVENTS)
SALE_VENUES = ("auction", "siring_auction", "listing", "offer")
# sort name -> (column, descending)
AUCTION_SORTS = {"newest": (Auction.started_at, True), "ending": (Auction.ends_at, False)}
SALES_SORT = "sales"
FEED_SORT = "feed"
BLOCK_AND_LOG = (2**63, 2**31)  # cursor key bounds: block number (BIGINT), log index (INTEGER)


def _after(
    column_a: SQLColumnExpression[int],
    column_b: SQLColumnExpression[int],
    key: tuple[int, ...],
    descending: bool,
) -> ColumnElement[bool]:
    """Rows after the keyset (a, b) in the order (a, b) descending or ascending."""
    a, b = key
    if descending:
        return or_(column_a < a, and_(column_a == a, column_b < b))
    return or_(column_a > a, and_(column_a == a, column_b > b))


@dataclass(frozen=True)
class AuctionFilter:
    """What an auction list asks for; None means "any"."""

    kind: str | None = None  # a name of AUCTION_KINDS
    seller: str | None = None  # EIP-55 checksummed, as stored
    sort: str = "newest"  # a name of AUCTION_SORTS


def open_auctions(
    session: Session, wanted: AuctionFilter, limit: int, cursor: str | None = None
) -> Page[tuple[Auction, Pet]]:
    """A page of open auctions with their pets; keyset on (sort column, pet id)."""
    sort = wanted.sort
    column, descending = AUCTION_SORTS[sort]
    statement = select(Auction, Pet).join(Pet, Pet.id == Auction.pet_id)
    if wanted.kind is not None:
        statement = statement.where(Auction.kind == AUCTION_KINDS[wanted.kind])
    if wanted.seller is not None:
        statement = statement.where(Auction.seller == wanted.seller)
    if cursor is not None:
        statement = statement.where(
            _after(
                column,
                Auction.pet_id,
                decode_cursor(cursor, sort, [key_limit(column), key_limit(Auction.pet_id)]),
                descending,
            )
        )
    order = (column.desc(), Auction.pet_id.desc()) if descending else (column, Auction.pet_id)
    rows = [
        (auction, pet)
        for auction, pet in session.execute(statement.order_by(*order).limit(limit + 1))
    ]
    return page_of(rows, limit, sort, lambda row: (getattr(row[0], column.key), row[0].pet_id))


@dataclass(frozen=True)
class SaleFilter:
    """What a sales list asks for; None means "any"."""

    pet_id: int | None = None
    account: str | None = None  # the seller or the buyer, EIP-55 checksummed
    since: int | None = None  # unix seconds


def sales(
    session: Session, wanted: SaleFilter, limit: int, cursor: str | None = None
) -> Page[Sale]:
    """A page of sales, newest first; keyset on (block, log index), unique on a chain."""
    statement = select(Sale)
    if wanted.pet_id is not None:
        statement = statement.where(Sale.pet_id == wanted.pet_id)
    if (account := wanted.account) is not None:
        statement = statement.where(or_(Sale.seller == account, Sale.buyer == account))
    if wanted.since is not None:
        statement = statement.where(Sale.block_time >= wanted.since)
    if cursor is not None:
        statement = statement.where(
            _after(
                Sale.block_number,
                Sale.log_index,
                decode_cursor(cursor, SALES_SORT, BLOCK_AND_LOG),
                True,
            )
        )
    statement = statement.order_by(Sale.block_number.desc(), Sale.log_index.desc()).limit(limit + 1)
    return page_of(
        list(session.scalars(statement)),
        limit,
        SALES_SORT,
        lambda sale: (sale.block_number, sale.log_index),
    )


@dataclass(frozen=True)
class DayPrices:
    """Sales of one UTC day (ether and WETH together: both are wei of ether)."""

    day: int  # unix seconds of 00:00 UTC
    count: int
    volume: int
    min: int
    median: int
    max: int


@dataclass(frozen=True)
class PriceFilter:
    """Whose sales a price history counts; None or empty means "any". The pet's own columns
    (traits, tier, generation) never change after its birth, so today's row judges every sale."""

    pet_id: int | None = None
    trait: str | None = None  # a trait column (pet_filters.TRAIT_COLUMNS), with `variant`
    variant: int | None = None
    rarity: int | None = None  # a rarity tier
    generation: int | None = None
    venues: Sequence[str] = ()  # Sale.venue values (any of)


def _narrowed(statement: S, wanted: PriceFilter) -> S:
    if wanted.pet_id is not None:
        statement = statement.where(Sale.pet_id == wanted.pet_id)
    if wanted.venues:
        statement = statement.where(Sale.venue.in_(sorted(wanted.venues)))
    pet_conditions: list[ColumnElement[bool]] = []
    if wanted.rarity is not None:
        pet_conditions.append(Pet.rarity_tier == wanted.rarity)
    if wanted.generation is not None:
        pet_conditions.append(Pet.generation == wanted.generation)
    if wanted.trait is not None and wanted.variant is not None:
        pet_conditions.append(getattr(Pet, wanted.trait) == wanted.variant)
    if pet_conditions:
        statement = statement.join(Pet, Pet.id == Sale.pet_id).where(*pet_conditions)
    return statement


def daily_prices(
    session: Session, days: int, now: int, wanted: PriceFilter | None = None
) -> list[DayPrices]:
    """Per day for the last `days` days (today included), oldest first; days without sales
    omitted; only the sales `wanted` names.

    Summed in Python: SQLite keeps prices as text (store.types.Uint256), and SUM would make
    them lossy floats. The window is capped (MAX_PRICE_DAYS) and rides the block_time index.
    """
    first_day = (now // SECONDS_PER_DAY - days + 1) * SECONDS_PER_DAY
    statement = select(Sale.block_time, Sale.price).where(Sale.block_time >= first_day)
    rows = session.execute(_narrowed(statement, wanted or PriceFilter()))
    by_day: dict[int, list[int]] = {}
    for block_time, price in rows:
        by_day.setdefault(block_time - block_time % SECONDS_PER_DAY, []).append(price)
    return [_day(day, prices) for day, prices in sorted(by_day.items())]


def _day(day: int, prices: Sequence[int]) -> DayPrices:
    ordered = sorted(prices)
    return DayPrices(
        day,
        len(ordered),
        sum(ordered),
        ordered[0],
        int(statistics.median_low(ordered)),
        ordered[-1],
    )


@dataclass(frozen=True)
class FeedFilter:
    """What the activity feed asks for; None or empty means "any"."""

    pet_id: int | None = None  # as either pet of the event
    events: Sequence[str] = ()  # event names (any of)


def activity_feed(
    session: Session, wanted: FeedFilter, limit: int, cursor: str | None = None
) -> Page[Activity]:
    """A page of every contract event, newest first; keyset on (block, log index)."""
    statement = select(Activity)
    if (pet_id := wanted.pet_id) is not None:
        statement = statement.where(or_(Activity.pet_id == pet_id, Activity.other_pet_id == pet_id))
    if wanted.events:
        statement = statement.where(Activity.event.in_(list(wanted.events)))
    if cursor is not None:
        key = decode_cursor(cursor, FEED_SORT, BLOCK_AND_LOG)
        statement = statement.where(_after(Activity.block_number, Activity.log_index, key, True))
    statement = statement.order_by(Activity.block_number.desc(), Activity.log_index.desc()).limit(
        limit + 1
    )
    return page_of(
        list(session.scalars(statement)),
        limit,
        FEED_SORT,
        lambda row: (row.block_number, row.log_index),
    )
