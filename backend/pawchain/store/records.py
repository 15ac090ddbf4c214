"""Records that carry a row's values under the row's own names, copied field by field.

A dataclass such as the indexer's ChainEvent or the relay's RelayStatus names its fields as
the columns (or the decoded log) it comes from or goes to, so one copy by name serves every
such record instead of a keyword argument written out per field.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import fields
from typing import Any, TypeVar

R = TypeVar("R")


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def field_names(record_type: type) -> tuple[str, ...]:
    """A dataclass's field names in their declared order (read once per type: the indexer
    copies every event this way)."""
    names = _FIELD_NAMES.get(record_type)
    if names is None:
        names = _FIELD_NAMES[record_type] = tuple(field.name for field in fields(record_type))
    return names


def field_values(record: Any, leave_out: Collection[str] = ()) -> dict[str, Any]:
    """The dataclass `record`'s fields by name, in their declared order, but `leave_out`.

    A shallow read: dataclasses.asdict deep-copies every value.
    """
    return {
        name: getattr(record, name) for name in field_names(type(record)) if name not in leave_out
    }


def read_record(record_type: type[R], source: Any, **given: Any) -> R:
    """A `record_type` dataclass read from `source`'s same-named attributes; `given` values
    stand instead of the source's for the fields they name."""
    read = {name: getattr(source, name) for name in field_names(record_type) if name not in given}
    return record_type(**read, **given)


def record_of(record_type: type[R], values: Mapping[str, Any], **given: Any) -> R:
    """A `record_type` dataclass of the same-named entries of `values` (one it lacks keeps its
    default); `given` values stand instead of those for the fields they name."""
    read = {
        name: values[name]
        for name in field_names(record_type)
        if name in values and name not in given
    }
    return record_type(**read, **given)
