"""Pet names written straight into the database, as the naming route stores them, for tests of
where names show (the signature and the name rules are tests/backend/web/test_pet_names.py's)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from pawchain.store import PetName
from pawchain.store.name_counter import count_name_change


def store_names(engine: Engine, names: Iterable[tuple[int, str, str]]) -> None:
    """Store each (pet id, name, owner) as that pet's name (the key: the name in lower case,
    enough for the plain ASCII names tests use)."""
    with Session(engine) as session:
        session.add_all(
            PetName(
                pet_id=pet_id,
                name=name,
                name_key=name.lower(),
                named_by=owner,
                issued_at=0,
                signature=bytes(65),
            )
            for pet_id, name, owner in names
        )
        count_name_change(session)
        session.commit()
