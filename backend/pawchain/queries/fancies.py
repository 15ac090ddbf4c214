"""The fancies' catalogue: how many pets of each fancy exist, and the first one bred.

The first of a fancy is its lowest pet id (ids are given in birth order). Its breeder is the
account it was born to, the receiver of its mint Transfer: whoever owned the matron when the
birth happened (the contract gives the child to her owner), not the caller of giveBirth (the
midwife, or anyone). Both come from the indexed facts, so a reindex gives the same answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pawchain.store import Activity, Pet

PET_TOKEN = "PetToken"  # the deployment record's name of the contract whose Transfers we read


class FirstBred(NamedTuple):
    """The first pet of a fancy: which, to whom it was born, when (the birth block's time)."""

    pet_id: int
    breeder: str
    birth_time: int


@dataclass(frozen=True)
class FancyTally:
    """How many pets of one fancy exist, and the first (None while undiscovered)."""

    count: int
    first: FirstBred | None


def fancy_tallies(session: Session) -> dict[str, FancyTally]:
    """Each discovered fancy's tally, by name (a fancy nobody bred yet is absent)."""
    counted = session.execute(
        select(Pet.fancy, func.count(), func.min(Pet.id))
        .where(Pet.fancy.is_not(None))
        .group_by(Pet.fancy)
    ).all()
    firsts = {first_id for _, _, first_id in counted}
    if not firsts:
        return {}
    born = dict(session.execute(select(Pet.id, Pet.birth_time).where(Pet.id.in_(firsts))).all())
    breeders: dict[int, str] = {}
    transfers = session.execute(
        select(Activity.pet_id, Activity.args)
        .where(Activity.contract == PET_TOKEN, Activity.event == "Transfer")
        .where(Activity.pet_id.in_(firsts))
        .order_by(Activity.block_number, Activity.tx_index, Activity.log_index)
    )
    for pet_id, args in transfers:
        breeders.setdefault(pet_id, args["to"])  # the first Transfer of a pet is its mint
    return {
        str(name): FancyTally(count, FirstBred(first_id, breeders[first_id], born[first_id]))
        for name, count, first_id in counted
    }
