"""A price-sorted page of pets on auction that prices only the auctions able to reach it.

An auction's price now is computed from the clock (queries.auction_price), so no index holds
the price order, and the plain query prices and sorts every open auction of the list before
taking a page: 80,000 at a million pets, sorted on disk. But the price always lies between
the auction's start and end prices (straight from one to the other, then held), and the
lower and higher of the two are indexed (store.market_models' LOWEST_PRICE and
HIGHEST_PRICE). So a page of `rows` rows, cheapest first, takes two reads:

1. the first `rows` rows of the list by lowest possible price (an index walk that stops
   after them), priced now; the dearest of them, T, costs at least as much as the page's
   last row, since these are `rows` rows of the list that all cost T or less;
2. the rows whose lowest possible price lies from the first read's last one up to T: with
   the first read's rows, every auction that can cost T or less now (any other's lowest
   price is above T, or below the last one and so already read).

The page is the first `rows` of the two reads by the sort's keys: the plain query's answer,
row for row (same keys, same ties by id, same cursors). Once an auction's clock has run out
its lowest price is its price, so the second read is nearly empty; a running auction's
bounds are wider, and its rows are read when its range reaches the page. Dearest first is
the mirror image (highest possible price). The sort key is whole gwei of a double
(auction_price), so the bound keeps a margin of two gwei and a billionth for its rounding.
A page after a cursor reads after it too (the first read then walks past the rows before
the cursor: deeper pages cost more; the first pages are the ones buyers read).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, Select

from pawchain.queries.auction_price import WEI_PER_GWEI
from pawchain.store.market_models import HIGHEST_PRICE, LOWEST_PRICE

MAX_WEI = 2**256 - 1


def _margin(gwei: int) -> int:
    """Wei beyond `gwei` that a double's rounding of a price near it can reach (exact to
    about 1e-15 of it: auction_price), with room to spare."""
    return 2 * WEI_PER_GWEI + gwei * WEI_PER_GWEI // 10**9


def _page(rows: Sequence[Row[Any]], limit: int, descending: bool) -> list[Row[Any]]:
    """The first `limit` of `rows` (each ending with its sort key, (price key, id), then its
    price bound) in the sort's order, each pet once."""
    unique = {_key(row)[1]: row for row in rows}.values()
    return sorted(unique, key=_key, reverse=descending)[:limit]


def _key(row: Row[Any]) -> tuple[int, int]:
    """The row's sort key (price key, pet id): its last columns but the bound."""
    price_key, pet_id, _ = tuple(row)[-3:]
    return price_key, pet_id


def cheapest_rows(
    connection: Connection, statement: Select[Any], rows: int, params: Mapping[str, Any]
) -> list[Row[Any]]:
    """The `rows` cheapest rows of `statement` now (its columns, then LOWEST_PRICE)."""
    return _two_reads(connection, statement, LOWEST_PRICE, rows, params, descending=False)


def dearest_rows(
    connection: Connection, statement: Select[Any], rows: int, params: Mapping[str, Any]
) -> list[Row[Any]]:
    """The `rows` dearest rows of `statement` now (its columns, then HIGHEST_PRICE)."""
    return _two_reads(connection, statement, HIGHEST_PRICE, rows, params, descending=True)


def _two_reads(
    connection: Connection,
    statement: Select[Any],
    bound: ColumnElement[int],
    rows: int,
    params: Mapping[str, Any],
    descending: bool,
) -> list[Row[Any]]:
    statement = statement.add_columns(bound)
    walk = bound.desc() if descending else bound.asc()
    first = connection.execute(statement.order_by(walk).limit(rows), params).all()
    if len(first) < rows:  # the whole list
        return _page(first, rows, descending)
    keys = [_key(row)[0] for row in first]
    last = tuple(first[-1])[-1]
    if descending:
        reach = max(0, min(keys) * WEI_PER_GWEI - _margin(min(keys)))
        rest = statement.where(bound <= last, bound >= reach)
    else:
        reach = min(MAX_WEI, max(keys) * WEI_PER_GWEI + _margin(max(keys)))
        rest = statement.where(bound >= last, bound <= reach)
    return _page([*first, *connection.execute(rest, params).all()], rows, descending)
