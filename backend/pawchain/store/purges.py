"""Purges that many requests run at once, none waiting for another.

A sign-in deletes the expired nonces and ended sessions it finds. Two sign-ins at once find
the same rows; on PostgreSQL each DELETE locks the rows it deletes, so the second would wait
for the first to commit, and two DELETEs that reach shared rows in different orders (the
expired rows by time, the rows above the cap by newness) can deadlock, which PostgreSQL ends by
failing one of the sign-ins. A purge is housekeeping, not the request's purpose: it skips the
rows another transaction holds (that one is deleting them). SQLite has one writer at a time and
no row locks; SQLAlchemy's SQLite dialect leaves the clause out.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select

S = TypeVar("S", bound="Select[Any]")


def skip_locked(rows: S) -> S:
    """`rows` (a SELECT of the keys to delete) without the rows another transaction has locked."""
    return rows.with_for_update(skip_locked=True)
