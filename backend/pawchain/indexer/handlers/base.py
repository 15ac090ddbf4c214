"""What a handler module is, and how the indexer applies one (forward and after a reorg).

A handler module (pets.py now; the market's auctions, orders and sales next) contributes:
- `EventSpec`s: for each event it knows, which arguments name the pets it concerns, so the
  activity log can answer "the history of pet N" for every module alike;
- `Projection`s: tables of current state, each row a pure function of the events that
  touch its key, folded in chain order.

Because state is a fold of events, the indexer needs nothing else to undo a reorganisation:
it deletes the orphaned events from the activity log and folds each affected key again from
the events that remain (`rederive`). Forward indexing folds the new events onto the stored
state (`ForwardFold`), through the same `apply`, so the two paths cannot disagree.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar, Generic, TypeVar

from sqlalchemy import Select
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
        return (pet_of(event.args, self.pet), pet_of(event.args, self.other_pet))


def pet_of(args: Mapping[str, object], argument: str | None) -> int | None:
    """The pet an event's `argument` names (None: no argument, or pet id 0)."""
    value = args.get(argument) if argument else None
    return int(value) if value else None  # type: ignore[call-overload]  # an ABI uint


class Projection(ABC, Generic[K, S]):
    """A table of current state derived from the activity log, one row per key."""

    # The (contract, event) pairs `keys` can name keys for (None: it looks at every event):
    # the indexer hands a projection only those (ForwardFold).
    events: ClassVar[frozenset[tuple[str, str]] | None] = None

    @abstractmethod
    def keys(self, event: ChainEvent) -> tuple[K, ...]:
        """The keys whose state `event` changes (none: the projection ignores it)."""

    @abstractmethod
    def apply(self, state: S | None, key: K, event: ChainEvent) -> S | None:
        """The state of `key` after `event` (None: the row does not exist). May mutate `state`."""

    def creates(self, event: ChainEvent, key: K) -> bool:
        """Whether `apply(state, key, event)` ignores `state`, making the key's row anew: a
        fold that meets the key first in such an event need not load its stored state."""
        return False

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


class ForwardFold:
    """A batch's new events folded onto every projection's stored state (taken from `cache`
    where it holds the key), as they arrive, piece by piece (`add`), and saved once (`save`):
    a key that several pieces touch is loaded and written once."""

    def __init__(
        self, session: Session, projections: Sequence[Projection], cache: StateCache | None
    ) -> None:
        self._session = session
        self._cache = cache
        self._states: dict[Projection, dict] = {projection: {} for projection in projections}
        # The projections that name each kind of event (Projection.events); those that look
        # at every event are given them all.
        self._naming: dict[tuple[str, str], list[Projection]] = {}
        for projection in projections:
            for kind in projection.events or ():
                self._naming.setdefault(kind, []).append(projection)
        self._every = [projection for projection in projections if projection.events is None]

    def add(self, events: Sequence[ChainEvent]) -> None:
        """Fold `events` (the next in chain order) into every projection, each given only the
        events it names (`Projection.events`): most concern few of a batch's events, and
        asking each about every event was a tenth of the indexer's CPU. The events are sorted
        to their projections in one pass (a pass per projection cost a third of the fold)."""
        theirs: dict[Projection, list[ChainEvent]] = {
            projection: list(events) for projection in self._every
        }
        naming = self._naming
        for event in events:
            for projection in naming.get((event.contract, event.event), ()):
                theirs.setdefault(projection, []).append(event)
        for projection, states in self._states.items():
            if projection in theirs:
                self._fold(projection, states, theirs[projection])

    def _fold(
        self, projection: Projection[K, S], states: dict[K, S | None], events: Sequence[ChainEvent]
    ) -> None:
        # Each event's keys asked once, not again by the fold.
        touching = [(event, touched) for event in events if (touched := projection.keys(event))]
        cache = self._cache.states(projection) if self._cache is not None else {}
        missing: set[K] = set()
        met: set[K] = set()
        for event, keys in touching:
            for key in keys:
                if key not in met and key not in states and key not in cache:
                    met.add(key)
                    if not projection.creates(event, key):  # a mint's pet: nothing to read
                        missing.add(key)
        loaded = projection.load(self._session, missing) if missing else {}
        for _, keys in touching:
            for key in keys:
                if key not in states:
                    states[key] = cache[key] if key in cache else loaded.get(key)
        _fold_touching(projection, states, touching)

    def save(self) -> int:
        """Write every state the events changed (and keep them in the cache); returns how
        many rows were written."""
        for projection, states in self._states.items():
            if states:
                projection.save(self._session, states)
                if self._cache is not None:
                    self._cache.states(projection).update(states)
        return sum(len(states) for states in self._states.values())


def rederive(session: Session, projection: Projection[K, S], keys: Collection[K]) -> int:
    """Rebuild the state of `keys` from the activity log alone; returns how many keys."""
    if not keys:
        return 0
    states: dict[K, S | None] = {key: None for key in keys}
    events = [ChainEvent.from_row(row) for row in session.scalars(projection.history(keys))]
    fold(projection, states, events, only=keys)
    projection.save(session, states)
    return len(keys)
