"""The clock auction's price in SQL, for filtering and sorting pets by what they cost now.

The exact price (pawchain.rules.auction_clock, the contract's integer formula) cannot be computed
portably in SQL: SQLite stores wei as text and its integers stop at 2^63 wei (9.2 ether), so
the SQL form works in double precision on both databases: exact to about 1 part in 10^15,
and it never decides what a bid costs (the API's `current_price` is the exact twin's).
A price filter's boundary is therefore fuzzy by that much; the sort key is whole gwei.

Cost: the price is computed only for the rows of `auctions` (open auctions, a small table),
joined to pets by primary key, so at 100k pets a price-sorted page of pets for sale costs a
scan of the open auctions, not of the pets. The request's time is a bound parameter
(`market_now`), supplied when the statement runs (queries.pets.list_pets).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Float, bindparam, case, cast, func

from pawchain.store import Auction

NOW = bindparam("market_now", type_=BigInteger)
WEI_PER_GWEI = 10**9


def _wei(column: Any) -> ColumnElement[float]:
    return cast(column, Float)  # PostgreSQL NUMERIC -> float8; SQLite's padded text -> REAL


def price_now() -> ColumnElement[float]:
    """The auction's price at `market_now`, in wei, as a double (see the module's docstring)."""
    start, end = _wei(Auction.start_price), _wei(Auction.end_price)
    moving = start + (end - start) * (NOW - Auction.started_at) / cast(Auction.duration, Float)
    return case((Auction.ends_at <= NOW, end), (Auction.started_at >= NOW, start), else_=moving)


def price_gwei_now() -> ColumnElement[int]:
    """The price at `market_now` in whole gwei (rounded down): the integer sort key."""
    return gwei(price_now())


def gwei(wei: ColumnElement[float]) -> ColumnElement[int]:
    """A double of wei in whole gwei (rounded down): an integer sort and cursor key."""
    return cast(func.floor(wei / WEI_PER_GWEI), BigInteger)
