"""The counter of names written (`pet_name_changes`): whatever writes or deletes pet names raises
it in the same transaction, so every web worker's kept answers, whose data version reads it
(queries/data_version.py), stop showing the old names at the commit."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from pawchain.store.name_models import ONLY_ROW, NameChanges


def count_name_change(session: Session) -> None:
    """Raise the counter in `session`'s transaction."""
    session.execute(
        update(NameChanges)
        .where(NameChanges.id == ONLY_ROW)
        .values(counter=NameChanges.counter + 1)
    )
