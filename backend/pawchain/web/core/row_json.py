"""A database row as the API sends it: the fields its out-schema declares, read by name.

The schema (what the OpenAPI document promises) lists the fields once; a builder names only
the values it computes, such as big integers as decimal strings.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from apiflask.schemas import Schema


@cache
def _field_names(schema: type[Schema]) -> tuple[str, ...]:
    return tuple(schema().fields)


def schema_json(schema: type[Schema], row: Any, **computed: Any) -> dict[str, Any]:
    """`row`'s attributes named as `schema`'s fields, in the schema's order; `computed` values
    stand instead of the row's for the fields they name."""
    return {
        name: computed[name] if name in computed else getattr(row, name)
        for name in _field_names(schema)
    }
