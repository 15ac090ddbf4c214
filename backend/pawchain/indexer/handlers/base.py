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
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import Select, Table
from sqlalchemy.orm import Session

from pawchain.indexer.events import ChainEvent
from pawchain.store import Activity
from pawchain.store.bulk_rows import upsert_rows

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
    """Insert `rows`, or overwrite the stored row with the same primary key, by the database's
    fastest path (store.bulk_rows): an UPDATE per row made writing the projections half of
    the indexer's time on PostgreSQL."""
    upsert_rows(session, table, rows)


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


def _fold_touching(
    projection: Projection[K, S],
    states: dict[K, S | None],
    touching: Iterable[tuple[ChainEvent, tuple[K, ...]]],
) -> None:
    """fold, with each event's keys already known."""
    for event, keys in touching:
        for key in keys:
            states[key] = projection.apply(states.get(key), key, event)


class StateCache:
    """Projection states kept between batches, so a batch folds onto what the previous one
    left instead of reading it back from the database.

    Valid only while the database holds what the indexer's own last commit left: the indexer
    tags it with the checkpoint that commit wrote and clears it when the checkpoint it writes
    after is another (a reorganisation's rollback, a restart, another writer), when it
    re-processes old blocks, and after any failed write (a fold changes the cached states
    before the commit). A key it lacks is read from the database, which stays the truth.
    Bounded: cleared once it holds more than `limit` states.
    """

    def __init__(self, limit: int = 100_000) -> None:
        self.limit = limit
        self.checkpoint: tuple[int, str] | None = None  # (block, hash) of the commit it follows
        self._states: dict[Projection, dict] = {}  # K and S vary per projection

    def states(self, projection: Projection[K, S]) -> dict[K, S | None]:
        """The cached states of `projection` (None: the key has no row), to read and extend."""
        return self._states.setdefault(projection, {})

    def follows(self, checkpoint: tuple[int, str]) -> None:
        """The states now belong to the commit that wrote `checkpoint`."""
        self.checkpoint = checkpoint
        if sum(len(states) for states in self._states.values()) > self.limit:
            self.clear()
            self.checkpoint = checkpoint

    def clear(self) -> None:
        self._states.clear()
        self.checkpoint = None


def apply_forward(
    session: Session,
    projection: Projection[K, S],
    events: Sequence[ChainEvent],
    cache: dict[K, S | None] | None = None,
) -> int:
    """Fold new events onto the stored state (taken from `cache` where it holds the key, and
    added to it); returns how many rows were written."""
    # Each event's keys asked once, not again by the fold: a batch's events are many, and
    # each projection asks about every one.
    touching = [(event, touched) for event in events if (touched := projection.keys(event))]
    keys = {key for _, event_keys in touching for key in event_keys}
    if not keys:
        return 0
    if cache is None:
        states: dict[K, S | None] = dict(projection.load(session, keys))
    else:
        missing = [key for key in keys if key not in cache]
        loaded = projection.load(session, missing) if missing else {}
        states = {key: cache[key] if key in cache else loaded.get(key) for key in keys}
    _fold_touching(projection, states, touching)
    projection.save(session, states)
    if cache is not None:
        cache.update(states)
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
