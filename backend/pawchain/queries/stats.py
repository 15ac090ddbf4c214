"""Collection statistics: grouped counts, one query each (the database counts, not Python)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import SQLColumnExpression, func, select
from sqlalchemy.orm import Session

from pawchain.queries.pet_filters import TRAIT_COLUMNS
from pawchain.store import Pet


@dataclass(frozen=True)
class CollectionStats:
    pets: int
    owners: int
    per_generation: dict[int, int]
    per_rarity_tier: dict[int, int]
    per_trait: dict[str, dict[int, int]]  # trait column -> shown variant -> pets


def _counts(session: Session, column: SQLColumnExpression[int]) -> dict[int, int]:
    statement = select(column, func.count()).group_by(column).order_by(column)
    return {int(value): int(count) for value, count in session.execute(statement)}


def collection_stats(session: Session) -> CollectionStats:
    """Totals and counts per generation, rarity tier and shown variant of each trait."""
    pets, owners = session.execute(select(func.count(), func.count(func.distinct(Pet.owner)))).one()
    return CollectionStats(
        pets=int(pets),
        owners=int(owners),
        per_generation=_counts(session, Pet.generation),
        per_rarity_tier=_counts(session, Pet.rarity_tier),
        per_trait={column: _counts(session, getattr(Pet, column)) for column in TRAIT_COLUMNS},
    )
