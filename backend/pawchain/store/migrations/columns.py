"""The constraint and index builders the migrations share: the names they give follow the
models' naming convention (pawchain.store.models), marked final with op.f as autogenerate
writes them.

Append-only: a migration describes the schema as it was when it was written, so nothing here
changes once a migration uses it (another kind of name needs a new builder), and nothing
here imports code that may change (the models, the settings).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op


def primary_key(table: str, *columns: str) -> sa.PrimaryKeyConstraint:
    """The table's primary key, pk_<table>."""
    return sa.PrimaryKeyConstraint(*columns, name=op.f(f"pk_{table}"))


def references_id(table: str, column: str, target: str, **options: Any) -> sa.ForeignKeyConstraint:
    """`column` of `table` refers to `target`.id: fk_<table>_<column>_<target>."""
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), **options
    )


def create_index(table: str, *columns: str) -> None:
    """An index on `columns` in that order, ix_<table>_<the columns joined by _>."""
    op.create_index(op.f(f"ix_{table}_{'_'.join(columns)}"), table, list(columns))


def create_indexes(table: str, *columns: str) -> None:
    """An index on each of `columns` alone."""
    for column in columns:
        create_index(table, column)
