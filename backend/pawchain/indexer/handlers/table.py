"""A projection stored as one table whose columns are a dataclass's fields plus its key.

The market's four projections differ only in their events and their fold; loading and
saving rows is the same for each, so it lives here once. (The pets projection predates it
and keeps its own, because a pet's row also holds columns derived from its genes.)
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Collection, Hashable, Mapping
from dataclasses import asdict, fields
from typing import Any, ClassVar, Generic, TypeVar, get_args

from sqlalchemy import (
    ColumnElement,
    RowMapping,
    Select,
    Table,
    and_,
    delete,
    insert,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.orm import Session

from pawchain.indexer.handlers.base import Projection
from pawchain.store import Activity, Base

K = TypeVar("K", bound=Hashable)
S = TypeVar("S")


class TableProjection(Projection[K, S], Generic[K, S]):
    """Rows of `model`: the key's columns (`key_columns`, the primary key; a one-column key is
    a plain value, a longer one a tuple) plus one column per field of the dataclass `state_type`
    (the S of `TableProjection[K, S]`)."""

    model: ClassVar[type[Base]]
    state_type: ClassVar[type[Any]]
    key_columns: ClassVar[tuple[str, ...]]
    # The (contract, event) pairs whose activity rows rebuild a key (history()).
    events: ClassVar[frozenset[tuple[str, str]]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """A projection that names its `model` takes the rest from what it already says: its
        state type from `TableProjection[K, S]`, its key columns from the model's primary key
        (a row's key is its primary key)."""
        super().__init_subclass__(**kwargs)
        if "model" in vars(cls):
            cls.state_type = get_args(vars(cls)["__orig_bases__"][0])[1]
            cls.key_columns = tuple(column.name for column in cls.model.__table__.primary_key)

    @property
    def table(self) -> Table:
        return self.model.__table__

    def _key_values(self, key: K) -> tuple[Any, ...]:
        return key if isinstance(key, tuple) else (key,)  # a longer key is a tuple already

    def _key_of(self, row: RowMapping) -> K:
        values = tuple(row[column] for column in self.key_columns)
        return values if len(values) > 1 else values[0]  # type: ignore[return-value]  # K: a value or a tuple

    def _key_in(self, keys: Collection[K]) -> ColumnElement[bool]:
        columns = [self.table.c[name] for name in self.key_columns]
        if len(columns) == 1:
            return columns[0].in_(list(keys))
        return tuple_(*columns).in_([self._key_values(key) for key in keys])

    def load(self, session: Session, keys: Collection[K]) -> dict[K, S]:
        names = [field.name for field in fields(self.state_type)]
        rows = session.execute(select(self.table).where(self._key_in(keys))).mappings()
        return {
            self._key_of(row): self.state_type(**{name: row[name] for name in names})
            for row in rows
        }

    def save(self, session: Session, states: Mapping[K, S | None]) -> None:
        key_columns = [self.table.c[name] for name in self.key_columns]
        existing = {
            self._key_of(row)
            for row in session.execute(select(*key_columns).where(self._key_in(states))).mappings()
        }
        updates: list[dict[str, Any]] = []
        inserts: list[dict[str, Any]] = []
        gone: list[K] = []
        for key, state in states.items():
            if state is None:
                if key in existing:
                    gone.append(key)
                continue
            row = {
                **dict(zip(self.key_columns, self._key_values(key), strict=True)),
                **asdict(state),  # type: ignore[call-overload]  # S: a dataclass
            }
            (updates if key in existing else inserts).append(row)
        if updates:
            session.execute(update(self.model), updates)
        if inserts:
            session.execute(insert(self.model), inserts)
        if gone:
            session.execute(delete(self.model).where(self._key_in(gone)))

    def history(self, keys: Collection[K]) -> Select[Activity]:
        pairs = [
            and_(Activity.contract == contract, Activity.event == event)
            for contract, event in sorted(self.events)
        ]
        return (
            select(Activity)
            .where(or_(*pairs))
            .where(self.history_filter(keys))
            .order_by(Activity.block_number, Activity.tx_index, Activity.log_index)
        )

    @abstractmethod
    def history_filter(self, keys: Collection[K]) -> ColumnElement[bool]:
        """Narrows the activity rows to those of `keys` (the fold skips other keys anyway)."""
