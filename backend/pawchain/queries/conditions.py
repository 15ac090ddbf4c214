"""The filters the order book's and the trait offers' lists share: optional equalities and a
state, where "live" is asked through its own indexable condition rather than the state's CASE."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select

# Any select, whatever its columns (Select is generic over the tuple of its columns' types).
AnySelect = Select[*tuple[Any, ...]]
S = TypeVar("S", bound=AnySelect)


@dataclass(frozen=True)
class StateFilter:
    """The part of a list's filter that asks for one state (None: any), judged at `now`."""

    state: str | None = None
    now: int = 0  # unix seconds


def where_equal(statement: S, *pairs: tuple[Any, object | None]) -> S:
    """`statement` narrowed to rows whose column equals each (column, value) pair's value; a
    value of None leaves that column free."""
    for column, value in pairs:
        if value is not None:
            statement = statement.where(column == value)
    return statement


def where_state(
    statement: S, state: str | None, states: ColumnElement[str], live: ColumnElement[bool]
) -> S:
    """`statement` narrowed to rows in `state` (None: any state)."""
    if state is None:
        return statement
    return statement.where(live if state == "live" else states == state)
