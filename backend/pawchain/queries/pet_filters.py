"""The pet list's filters and sort orders: one small function per filter, composed.

A filter takes the statement built so far and the request's `PetFilter`, and returns the
statement narrowed (or unchanged when its parameter is absent). `FILTERS` lists them in
order; another area adds its own by appending a function (the market joins its auctions
table for `for_sale`, `price_min`, ...) and, if it needs a parameter, reading it from
`PetFilter.extra`. Sort orders are the same kind of registry (`SORTS`).

Every filter is a condition on an indexed column of `pets` (owner, the trait columns,
rarity_tier, generation, cooldown_end, fancy), so a page costs an index seek, not a scan.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, Select, and_, literal, tuple_

from pawchain.rules.genetics import TRAIT_NAMES
from pawchain.rules.pet_names import name_key
from pawchain.store import Pet, PetName

# The pets table's trait columns (and the list's trait parameters), in trait order.
TRAIT_COLUMNS: tuple[str, ...] = tuple(name.replace(" ", "_") for name in TRAIT_NAMES)
STATUSES = ("ready", "cooling", "pregnant")


@dataclass(frozen=True)
class PetFilter:
    """What a pet list asks for; None or empty means "any"."""

    owner: str | None = None  # EIP-55 checksummed, as stored
    generation_min: int | None = None
    generation_max: int | None = None
    traits: Mapping[str, frozenset[int]] = field(
        default_factory=dict
    )  # trait column -> shown variants (any of)
    rarity: frozenset[int] = frozenset()  # rarity tiers (any of)
    status: str | None = None  # one of STATUSES, judged at `now`
    now: int = 0  # unix seconds
    extra: Mapping[str, Any] = field(default_factory=dict)  # parameters of other areas' filters


Filter = Callable[[Select[Any], PetFilter], Select[Any]]
# The list's statement (filters and cursor applied), the rows a page reads and the statement's
# parameters -> those rows in the sort's order, each ending with the sort's key columns and
# then any column of the reader's own.
ReadPage = Callable[[Connection, Select[Any], int, Mapping[str, Any]], Sequence[Row[Any]]]


def by_owner(statement: Select[Any], wanted: PetFilter) -> Select[Any]:
    return statement if wanted.owner is None else statement.where(Pet.owner == wanted.owner)


def by_generation(statement: Select[Any], wanted: PetFilter) -> Select[Any]:
    if wanted.generation_min is not None:
        statement = statement.where(Pet.generation >= wanted.generation_min)
    if wanted.generation_max is not None:
        statement = statement.where(Pet.generation <= wanted.generation_max)
    return statement


def trait_conditions(table: Any, wanted: PetFilter) -> list[ColumnElement[bool]]:
    """The request's trait and tier conditions, stated on `table`: pets, or a table that holds
    copies of each pet's trait and tier columns under the same names (the market's auctions:
    store.market_models)."""
    conditions = [
        getattr(table, column).in_(sorted(variants))
        for column, variants in sorted(wanted.traits.items())
        if variants
    ]
    if wanted.rarity:
        conditions.append(table.rarity_tier.in_(sorted(wanted.rarity)))
    return conditions


# Asked of each request: does another area's filter state the trait and tier conditions itself,
# on its own table's copies? The market's does for a list of pets on auction: the database
# then finds the few matching auctions in their own index instead of every matching pet, and
# estimates their number right (one condition, not the same one on both tables). Decided by
# the request alone, so the filters' order in FILTERS does not matter.
TRAITS_STATED_ELSEWHERE: list[Callable[[PetFilter], bool]] = []


def by_traits(statement: Select[Any], wanted: PetFilter) -> Select[Any]:
    """The trait and tier conditions on pets, unless another filter states them (above)."""
    if any(states_them(wanted) for states_them in TRAITS_STATED_ELSEWHERE):
        return statement
    for condition in trait_conditions(Pet, wanted):
        statement = statement.where(condition)
    return statement


def status_condition(status: str, now: int) -> ColumnElement[bool]:
    """SQL for a breeding status at `now`, by the contract's rule (isReadyToBreed): ready
    when not pregnant and the cooldown has ended; a pregnant pet's cooldown_end is its due time."""
    not_pregnant = Pet.siring_with_id.is_(None)
    if status == "pregnant":
        return Pet.siring_with_id.is_not(None)
    if status == "ready":
        return and_(not_pregnant, Pet.cooldown_end <= now)
    if status == "cooling":
        return and_(not_pregnant, Pet.cooldown_end > now)
    raise ValueError(f"unknown status {status!r} (one of {', '.join(STATUSES)})")


def by_status(statement: Select[Any], wanted: PetFilter) -> Select[Any]:
    return (
        statement
        if wanted.status is None
        else statement.where(status_condition(wanted.status, wanted.now))
    )


def by_name(statement: Select[Any], wanted: PetFilter) -> Select[Any]:
    """Pets whose name starts with `name` (a checked prefix), compared by name key: "mo"
    finds Mochi and MOMO. The list's statement already joins pet_names (queries/pets.py)."""
    prefix = wanted.extra.get("name")
    if not prefix:
        return statement
    return statement.where(PetName.name_key.startswith(name_key(prefix), autoescape=True))


def by_fancy(statement: Select[Any], wanted: PetFilter) -> Select[Any]:
    """Pets of one fancy (pawchain.rules.fancies), by the name the list's `fancy` checked."""
    fancy = wanted.extra.get("fancy")
    return statement if fancy is None else statement.where(Pet.fancy == fancy)


# Applied in this order (any order gives the same rows). Append a function to add a filter
# (see the module's docstring).
FILTERS: list[Filter] = [
    by_owner,
    by_generation,
    by_traits,
    by_status,
    by_name,
    by_fancy,
]


def apply_filters(statement: Select[Any], wanted: PetFilter) -> Select[Any]:
    """`statement` narrowed by every filter in FILTERS."""
    for narrow in FILTERS:
        statement = narrow(statement, wanted)
    return statement


@dataclass(frozen=True)
class Sort:
    """An order of the pet list: key columns (the last one unique, so the order is total)
    and a direction. A page's cursor is the last row's values of `columns`."""

    name: str
    columns: tuple[Any, ...]
    descending: bool = False
    description: str = ""
    # Extra joins or conditions a sort needs (e.g. the market's price), applied before filters.
    prepare: Callable[[Select[Any], PetFilter], Select[Any]] | None = None
    # The same order stated more cheaply for some filters (e.g. the market's price sort of a
    # list narrowed to auctions), or None: the sort to use for a given filter.
    cheaper_for: Callable[[PetFilter], Sort | None] | None = None
    # Reads a page its own way instead of ORDER BY and LIMIT (the market's price sort of
    # pets on auction: queries/price_bound.py), or None.
    read_page: ReadPage | None = None

    def for_filter(self, wanted: PetFilter) -> Sort:
        """This order as the query for `wanted` should state it (same keys, same cursors)."""
        cheaper = self.cheaper_for(wanted) if self.cheaper_for is not None else None
        return cheaper or self

    def order_by(self) -> list[Any]:
        return [column.desc() if self.descending else column.asc() for column in self.columns]

    def after(self, key: tuple[int, ...]) -> ColumnElement[bool]:
        """Rows after the row with sort key `key` in this order (the keyset condition).

        A row-value comparison, (a, b) > (x, y): both databases turn it into one index range
        on a composite (a, b) index (PostgreSQL shows it as the Index Cond). The OR-expansion
        a > x OR (a = x AND b > y) is only a filter to PostgreSQL's planner, which then walks
        the index from its start: measured at 100k pets, a deep page cost 13-17 ms that way
        and about 1 ms as a row value.
        """
        values = [
            literal(value, column.type) for column, value in zip(self.columns, key, strict=True)
        ]
        row: ColumnElement[Any]
        bound: ColumnElement[Any]
        if len(self.columns) == 1:
            row, bound = self.columns[0], values[0]
        else:
            row, bound = tuple_(*self.columns), tuple_(*values)
        return row < bound if self.descending else row > bound


SORTS: dict[str, Sort] = {
    sort.name: sort
    for sort in (
        Sort(
            "newest",
            (Pet.id,),
            descending=True,
            description="newest first (ids are given in creation order)",
        ),
        Sort("oldest", (Pet.id,), description="oldest first"),
        Sort("id", (Pet.id,), description="by id, ascending"),
        Sort("-id", (Pet.id,), descending=True, description="by id, descending"),
        Sort("generation", (Pet.generation, Pet.id), description="lowest generation first"),
        Sort(
            "rarity",
            (Pet.rarity_tier, Pet.id),
            descending=True,
            description="rarity rank: the rarest tier first, newest first within a tier",
        ),
        Sort(
            "cooldown",
            (Pet.cooldown_index, Pet.id),
            description="fastest breeders first (cooldown step)",
        ),
    )
}
DEFAULT_SORT = "newest"
