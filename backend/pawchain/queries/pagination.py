"""Keyset pagination: a page is "the next `limit` rows after this sort key", not an offset.

An offset makes the database walk and discard every earlier row (page 1,000 of 24 costs
24,000 rows), and rows inserted while a player pages shift everything by one (duplicates,
gaps). A keyset cursor is the last row's sort key: the next page starts with an index seek
to it, whatever the depth, and new pets do not disturb it.

The cursor is opaque to clients (base64url of JSON `[sort name, key values...]`) so its form
can change; it names its sort, so a cursor of one order is refused for another. Any cursor
that does not decode to exactly that is a `CursorError` (the API answers 400).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import BigInteger, Integer, SmallInteger

from pawchain.store import Uint256

T = TypeVar("T")

DEFAULT_LIMIT = 24
MAX_LIMIT = 100
MAX_CURSOR_LENGTH = 512  # a key of a few integers; anything longer is not ours


class CursorError(ValueError):
    """A cursor that this API did not make (tampered, truncated, or for another sort)."""


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of rows and the cursor of the next (None on the last page)."""

    items: list[T]
    next_cursor: str | None


def encode_cursor(sort: str, key: Sequence[int]) -> str:
    """The opaque cursor that continues `sort` after the row whose sort key is `key`."""
    raw = json.dumps([sort, *key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def key_limit(column: Any) -> int:
    """The bound of a key column's values: a cursor key outside -limit..limit-1 cannot be
    compared with the column (PostgreSQL refuses an int4 parameter past 2^31: a 500)."""
    kind = getattr(column, "type", None)
    if isinstance(kind, Uint256):
        return 2**256
    if isinstance(kind, SmallInteger):
        return 2**15
    if isinstance(kind, BigInteger):
        return 2**63
    if isinstance(kind, Integer):
        return 2**31
    return 2**63


def decode_cursor(cursor: str, sort: str, limits: Sequence[int]) -> tuple[int, ...]:
    """The sort key in `cursor`, which must be a cursor of `sort` with one integer per
    entry of `limits`, each within its limit (key_limit of its column)."""
    if len(cursor) > MAX_CURSOR_LENGTH:
        raise CursorError("the cursor is too long")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value = json.loads(raw)
    except (binascii.Error, ValueError):
        raise CursorError("the cursor is not one this API made") from None
    if not isinstance(value, list) or len(value) != len(limits) + 1 or value[0] != sort:
        raise CursorError(f"the cursor does not belong to sort={sort}")
    key = value[1:]
    # bool is an int in Python; JSON true/false are not keys we wrote. Bounded: a number
    # wider than its column must not reach the database (the drivers refuse it: a 500).
    if not all(
        type(part) is int and -limit <= part < limit
        for part, limit in zip(key, limits, strict=True)
    ):
        raise CursorError("the cursor is not one this API made")
    return tuple(key)


def page_of(
    rows: Sequence[T], limit: int, sort: str, key_of: Callable[[T], Sequence[int]]
) -> Page[T]:
    """The page from `rows` fetched with `limit + 1` (the extra row only says a next page
    exists)."""
    items = list(rows[:limit])
    more = len(rows) > limit
    return Page(items, encode_cursor(sort, key_of(items[-1])) if more and items else None)
