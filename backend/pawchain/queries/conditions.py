"""The filters the order book's and the trait offers' lists share: optional equalities and a
state, where "live" is asked through its own indexable condition rather than the state's CASE.

A list's filter is a `StateFilter` subclass whose own fields are named after the columns they
narrow, so one function applies any of them."""

from __future__ import annotations

from dataclasses import dataclass, fields
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


# The fields every list filter has; the others name columns.
_STATE_FIELDS = frozenset(field.name for field in fields(StateFilter))


def where_equal(statement: S, *pairs: tuple[Any, object | None]) -> S:
    """`statement` narrowed to rows whose column equals each (column, value) pair's value; a
    value of None leaves that column free."""
    for column, value in pairs:
        if value is not None:
            statement = statement.where(column == value)
    return statement


def where_wanted(
    statement: S,
    wanted: StateFilter,
    table: type,
    states: ColumnElement[str],
    live: ColumnElement[bool],
) -> S:
    """`statement` narrowed by every field of `wanted` (each the column of `table` of that
    name; None leaves it free) and by its state."""
    own_fields = (field.name for field in fields(wanted) if field.name not in _STATE_FIELDS)
    statement = where_equal(
        statement, *((getattr(table, name), getattr(wanted, name)) for name in own_fields)
    )
    return where_state(statement, wanted.state, states, live)


def where_state(
    statement: S, state: str | None, states: ColumnElement[str], live: ColumnElement[bool]
) -> S:
    """`statement` narrowed to rows in `state` (None: any state)."""
    if state is None:
        return statement
    return statement.where(live if state == "live" else states == state)
