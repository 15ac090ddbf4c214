"""What a handler module is, and how the indexer applies one (forward and after a reorg).

A handler module (pets.py now; the market's auctions, orders and sales next) contributes:
- `EventSpec`s: for each event it knows, which arguments name the pets it concerns, so the
  activity log can answer "the history of pet N" for every module alike;
- `Projection`s: tables of current state, each row a pure function of the events that
  touch its key, folded in chain order.

Because state is a fold of events, the indexer needs nothing else to undo a reorganisation:
it deletes the orphaned events from the activity log and folds each affected key again from
the events that remain (`rederive`). Forward indexing folds the new events onto the stored
state (`apply_forward`), through the same `apply`, so the two paths cannot disagree.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import Select, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from pawchain.indexer.events import ChainEvent
from pawchain.store import Activity

K = TypeVar("K", bound=Hashable)
S = TypeVar("S")


class HandlerError(RuntimeError):
    """An event does not fit the state the index holds (a gap in the index, or a bug)."""


@dataclass(frozen=True)
class EventSpec:
    """An event a module knows, and which of its arguments name pets."""

    contract: str  # the deployment record's name, e.g. "PetToken"
    event: str
    pet: str | None = None  # the pet the event is about
    other_pet: str | None = (
        None  # a second pet whose state it changes (a sire, a matron giving birth)
    )

    def subjects(self, event: ChainEvent) -> tuple[int | None, int | None]:
        """(pet_id, other_pet_id) of the activity row; pet id 0 means "none" on chain."""
        return (_pet(event, self.pet), _pet(event, self.other_pet))


def _pet(event: ChainEvent, argument: str | None) -> int | None:
    value = event.args.get(argument) if argument else None
    return int(value) if value else None


class Projection(ABC, Generic[K, S]):
    """A table of current state derived from the activity log, one row per key."""

    @abstractmethod
    def keys(self, event: ChainEvent) -> tuple[K, ...]:
        """The keys whose state `event` changes (none: the projection ignores it)."""

    @abstractmethod
    def apply(self, state: S | None, key: K, event: ChainEvent) -> S | None:
        """The state of `key` after `event` (None: the row does not exist). May mutate `state`."""

    @abstractmethod
    def load(self, session: Session, keys: Collection[K]) -> dict[K, S]:
        """The stored state of those keys that have a row."""

    @abstractmethod
    def save(self, session: Session, states: Mapping[K, S | None]) -> None:
        """Write these states; None deletes the row."""

    @abstractmethod
    def history(self, keys: Collection[K]) -> Select[Activity]:
        """The activity rows of every event whose `keys` meet `keys`, in chain order."""


@dataclass(frozen=True)
class HandlerModule:
    """One module's contribution: the events it names and the state it keeps."""

    events: tuple[EventSpec, ...]
    projections: tuple[Projection, ...]


class Registry:
    """Every handler module the indexer runs."""

    def __init__(self, modules: Sequence[HandlerModule]) -> None:
        self.specs: dict[tuple[str, str], EventSpec] = {}
        for module in modules:
            for spec in module.events:
                if (spec.contract, spec.event) in self.specs:
                    raise ValueError(f"two handler modules claim {spec.contract}.{spec.event}")
                self.specs[(spec.contract, spec.event)] = spec
        self.projections: tuple[Projection, ...] = tuple(p for m in modules for p in m.projections)

    def subjects(self, event: ChainEvent) -> tuple[int | None, int | None]:
        """(pet_id, other_pet_id) for the activity row; events no module names concern no pet."""
        spec = self.specs.get((event.contract, event.event))
        return spec.subjects(event) if spec else (None, None)


def upsert(session: Session, table: Table, rows: Sequence[Mapping[str, object]]) -> None:
    """Insert `rows`, or overwrite the stored row with the same primary key: one statement per
    few hundred rows (INSERT .. ON CONFLICT DO UPDATE, on SQLite and PostgreSQL alike) where
    an UPDATE per row made writing the projections half of the indexer's time on PostgreSQL."""
    dialect = session.get_bind().dialect.name
    inserts: dict[str, Callable[[Table], postgresql.Insert | sqlite.Insert]] = {
        "postgresql": postgresql.insert,
        "sqlite": sqlite.insert,
    }
    statement = inserts[dialect](table)
    keys = [column.name for column in table.primary_key.columns]
    statement = statement.on_conflict_do_update(
        index_elements=keys,
        set_={
            column.name: statement.excluded[column.name]
            for column in table.columns
            if column.name not in keys
        },
    )
    session.execute(statement, list(rows))


def fold(
    projection: Projection[K, S],
    states: dict[K, S | None],
    events: Iterable[ChainEvent],
    only: Collection[K] | None = None,
) -> None:
    """Apply `events` in order to `states` (restricted to the keys in `only`, if given)."""
    for event in events:
        for key in projection.keys(event):
            if only is None or key in only:
                states[key] = projection.apply(states.get(key), key, event)


def apply_forward(
    session: Session, projection: Projection[K, S], events: Sequence[ChainEvent]
) -> int:
    """Fold new events onto the stored state; returns how many rows were written."""
    keys = {key for event in events for key in projection.keys(event)}
    if not keys:
        return 0
    states: dict[K, S | None] = dict(projection.load(session, keys))
    fold(projection, states, events)
    projection.save(session, states)
    return len(states)


def rederive(session: Session, projection: Projection[K, S], keys: Collection[K]) -> int:
    """Rebuild the state of `keys` from the activity log alone; returns how many keys."""
    if not keys:
        return 0
    states: dict[K, S | None] = {key: None for key in keys}
    events = [ChainEvent.from_row(row) for row in session.scalars(projection.history(keys))]
    fold(projection, states, events, only=keys)
    projection.save(session, states)
    return len(keys)
