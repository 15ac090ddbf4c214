"""Pets: a filtered, sorted page; one pet; its children; its family tree."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Row, String, bindparam, case, literal_column, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from pawchain.queries.driver_rows import DriverRows, ReadTarget
from pawchain.queries.pagination import Page, decode_cursor, key_limit, page_of
from pawchain.queries.pet_filters import SORTS, PetFilter, apply_filters
from pawchain.store import Pet, PetName

# Ids are Integer columns; a larger number names no pet, and must not reach the database
# (PostgreSQL would refuse the comparison's type, SQLite's driver the number).
MAX_PET_ID = 2**31 - 1
MAX_FAMILY_DEPTH = 8
MAX_FAMILY_NODES = 500  # a prolific pet's descendants stop here (`truncated` says so)


PET_COLUMNS = tuple(Pet.__table__.c)
# A page's and a pet page's rows: the pets table's columns, then the pet's name (or None).
NAMED_COLUMNS = (*PET_COLUMNS, PetName.name)
PETS_WITH_NAMES = Pet.__table__.outerjoin(
    PetName.__table__, PetName.__table__.c.pet_id == Pet.__table__.c.id
)
# Built once: coercing its 30 columns was a tenth of a page's time (profiled).
NAMED_PETS = select(*NAMED_COLUMNS).select_from(PETS_WITH_NAMES)


def list_pets(
    session: Session | Connection,
    wanted: PetFilter,
    sort_name: str,
    limit: int,
    cursor: str | None = None,
) -> Page[Row[Any]]:
    """One page of the pets matching `wanted` in the order `sort_name`, after `cursor`: rows
    of the pets table's columns (read like a Pet: row.id, row.genes, ...) and `name`.

    Rows, not ORM objects: loading 25 Pets was half of a page's Python time (profiled).
    Raises CursorError for a cursor this API did not make for this sort.
    """
    sort = SORTS[sort_name].for_filter(wanted)
    statement = NAMED_PETS.add_columns(*sort.columns)
    if sort.prepare is not None:
        statement = sort.prepare(statement, wanted)
    statement = apply_filters(statement, wanted)
    if cursor is not None:
        statement = statement.where(
            sort.after(decode_cursor(cursor, sort.name, [key_limit(c) for c in sort.columns]))
        )
    # market_now: the request's time, for the market's price filters and sort (auction_price).
    # Core execution (a connection): the ORM's execution path costs a third more (profiled).
    connection = session.connection() if isinstance(session, Session) else session
    params = {"market_now": wanted.now}
    if sort.read_page is not None:
        rows = sort.read_page(connection, statement, limit + 1, params)
    else:
        ordered = statement.order_by(*sort.order_by()).limit(limit + 1)
        rows = connection.execute(ordered, params).all()
    width, keys = len(NAMED_COLUMNS), len(sort.columns)
    return page_of(rows, limit, sort.name, lambda row: tuple(row[width : width + keys]))


# Built once: the pet page runs it on every request, and building a statement costs about
# as much as SQLite running it (profiled).
PET_ROW = (
    select(*NAMED_COLUMNS)
    .select_from(PETS_WITH_NAMES)
    .where(Pet.__table__.c.id == bindparam("pet_id"))
)


PET_ROW_READER = DriverRows(PET_ROW)


def pet_row(connection: ReadTarget, pet_id: int) -> Any | None:
    """The pets table's row of `pet_id` (read like a Pet) with its `name`, or None: the
    metadata reads a row, not an ORM object (about a third of the page's time, profiled), on
    the DB-API cursor (queries/driver_rows.py: SQLAlchemy's execution costs as much again)."""
    if not 1 <= pet_id <= MAX_PET_ID:
        return None
    return PET_ROW_READER.first(connection, {"pet_id": pet_id})


class JoinedIds(FunctionElement[str]):
    """An integer column's values joined by commas ("12,40"), in no set order: group_concat
    on SQLite, string_agg on PostgreSQL. SQLAlchemy's own aggregate_strings binds its
    separator anew at each execution (a twentieth of a pet page's time, profiled); this one
    writes it into the statement."""

    type = String()
    inherit_cache = True


@compiles(JoinedIds)
def _group_concat(element: JoinedIds, compiler: SQLCompiler, **kw: Any) -> str:
    return f"group_concat({compiler.process(element.clauses, **kw)}, ',')"


@compiles(JoinedIds, "postgresql")
def _string_agg(element: JoinedIds, compiler: SQLCompiler, **kw: Any) -> str:
    return f"string_agg(CAST({compiler.process(element.clauses, **kw)} AS TEXT), ',')"


# A pet page's one statement: the pet's row and name, and its children's ids joined, so the
# page costs one round trip rather than two. Both parents of a breeding start a cooldown
# (breedings + 1): a pet that never bred has no children, and its page skips the lookup (a
# fifth of the pets at 100k).
_CHILD = Pet.__table__.alias("child")
_CHILD_IDS = (
    select(JoinedIds(_CHILD.c.id))
    .where(or_(_CHILD.c.matron_id == Pet.__table__.c.id, _CHILD.c.sire_id == Pet.__table__.c.id))
    .scalar_subquery()
)
_HAS_BRED = Pet.__table__.c.breedings > literal_column("0")
PET_PAGE_ROW = PET_ROW.add_columns(case((_HAS_BRED, _CHILD_IDS), else_=None).label("child_ids"))
PET_PAGE_ROW_READER = DriverRows(PET_PAGE_ROW)


def pet_page_row(connection: ReadTarget, pet_id: int) -> tuple[Any, list[int]] | None:
    """`pet_row` of `pet_id` and the ids of its children (oldest first), in one statement; or
    None. The row's last column, `child_ids`, is the children's ids as the database joined them."""
    if not 1 <= pet_id <= MAX_PET_ID:
        return None
    row = PET_PAGE_ROW_READER.first(connection, {"pet_id": pet_id})
    if row is None:
        return None
    # Sorted here: neither aggregate promises an order without an ORDER BY of its own.
    children = sorted(int(child) for child in row.child_ids.split(",")) if row.child_ids else []
    return row, children


def names_of(session: Session, pet_ids: Iterable[int]) -> dict[int, str]:
    """The names of those of `pet_ids` that have one, in one query: the answers that show
    pets read from other tables (auctions, trait offers, family trees) ask once per answer."""
    wanted = sorted(set(pet_ids))
    if not wanted:
        return {}
    rows = session.execute(select(PetName.pet_id, PetName.name).where(PetName.pet_id.in_(wanted)))
    return {pet_id: name for pet_id, name in rows}


def get_pet(session: Session, pet_id: int) -> Pet | None:
    """The pet with `pet_id`, or None."""
    if not 1 <= pet_id <= MAX_PET_ID:
        return None
    return session.get(Pet, pet_id)


@dataclass
class FamilyNode:
    """A pet in a family tree, with the branches fetched for it."""

    pet: Pet
    parents: list[FamilyNode] = field(default_factory=list)  # matron first; ancestors' side
    children: list[FamilyNode] = field(default_factory=list)  # descendants' side


@dataclass
class Family:
    root: FamilyNode
    depth: int
    truncated: bool  # descendants were cut at MAX_FAMILY_NODES


def family(session: Session, pet: Pet, depth: int) -> Family:
    """`pet` with its ancestors and descendants up to `depth` generations each way.

    One query per generation and direction (parents of a whole level at once, children of
    a whole level at once), so the cost grows with depth, not with the number of relatives.
    """
    root = FamilyNode(pet)
    _grow_ancestors(session, [root], depth)
    truncated = _grow_descendants(session, [root], depth)
    return Family(root, depth, truncated)


def _pets_by_id(session: Session, ids: Iterable[int]) -> dict[int, Pet]:
    wanted = sorted(set(ids))
    return (
        {p.id: p for p in session.scalars(select(Pet).where(Pet.id.in_(wanted)))} if wanted else {}
    )


def _grow_ancestors(session: Session, level: list[FamilyNode], depth: int) -> None:
    for _ in range(depth):
        found = _pets_by_id(
            session, (i for node in level for i in (node.pet.matron_id, node.pet.sire_id) if i)
        )
        next_level = []
        for node in level:
            for parent_id in (node.pet.matron_id, node.pet.sire_id):
                if parent_id in found:
                    parent = FamilyNode(found[parent_id])
                    node.parents.append(parent)
                    next_level.append(parent)
        if not next_level:
            return
        level = next_level


def _grow_descendants(session: Session, level: list[FamilyNode], depth: int) -> bool:
    """Adds children level by level; True if it stopped at MAX_FAMILY_NODES."""
    total = 0
    for _ in range(depth):
        by_parent: dict[int, list[FamilyNode]] = {}
        for node in level:
            by_parent.setdefault(node.pet.id, []).append(node)
        ids = sorted(by_parent)
        statement = (
            select(Pet)
            .where(or_(Pet.matron_id.in_(ids), Pet.sire_id.in_(ids)))
            .order_by(Pet.id)
            .limit(MAX_FAMILY_NODES - total + 1)
        )
        children = list(session.scalars(statement))
        if len(children) > MAX_FAMILY_NODES - total:
            children = children[: MAX_FAMILY_NODES - total]
            _attach(by_parent, children)
            return True
        total += len(children)
        next_level = _attach(by_parent, children)
        if not next_level:
            return False
        level = next_level
    return False


def _attach(by_parent: dict[int, list[FamilyNode]], children: list[Pet]) -> list[FamilyNode]:
    """Hang each child under each of its parents present in the level (a pet whose two
    parents are both in the level, e.g. two siblings' child, appears under both)."""
    attached = []
    for child in children:
        for parent_id in {child.matron_id, child.sire_id}:
            for parent in by_parent.get(parent_id or 0, []):
                node = FamilyNode(child)
                parent.children.append(node)
                attached.append(node)
    return attached
