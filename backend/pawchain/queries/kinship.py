"""Why two pets may not breed, by the rules of PetToken.canBreedWith and isReadyToBreed,
judged from the indexer's rows (ownership and siring approvals aside: see the preview)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pawchain.store import Pet


@dataclass(frozen=True)
class Obstacle:
    """One reason the breeding would revert, with the contract error it mirrors."""

    code: str
    message: str
    details: dict[str, Any]


def readiness(pet: Pet, role: str, now: int) -> list[Obstacle]:
    """isReadyToBreed: not pregnant, cooldown over (PetIsPregnant, PetCoolingDown)."""
    if pet.siring_with_id is not None:
        return [Obstacle(f"{role}_pregnant", f"The {role}, pet {pet.id}, is pregnant (due at {pet.cooldown_end}).",
                         {"pet_id": pet.id, "due_time": pet.cooldown_end})]
    if pet.cooldown_end > now:
        return [Obstacle(f"{role}_cooling_down", f"The {role}, pet {pet.id}, is cooling down until {pet.cooldown_end} "
                         f"({pet.cooldown_end - now} s from now).", {"pet_id": pet.id, "ready_at": pet.cooldown_end})]
    return []


def compatibility(matron: Pet, sire: Pet) -> list[Obstacle]:
    """The contract's _compatibility: not the same pet, not parent and child, not siblings."""
    if matron.id == sire.id:
        return [Obstacle("same_pet", f"A pet cannot breed with itself (pet {matron.id}).", {"pet_id": matron.id})]
    if sire.id in (matron.matron_id, matron.sire_id) or matron.id in (sire.matron_id, sire.sire_id):
        return [Obstacle("parent_and_child", f"Pets {matron.id} and {sire.id} are parent and child.",
                         {"matron_id": matron.id, "sire_id": sire.id})]
    if matron.matron_id is not None and sire.matron_id is not None:  # generation 0 has no parents
        matron_parents = {matron.matron_id, matron.sire_id}
        shared = {parent for parent in matron_parents & {sire.matron_id, sire.sire_id} if parent is not None}
        if shared:
            kind = "full" if len(shared) == 2 else "half"
            return [Obstacle("siblings", f"Pets {matron.id} and {sire.id} are {kind} siblings (shared parents: "
                             f"{', '.join(str(i) for i in sorted(shared))}).",
                             {"kind": kind, "shared_parents": sorted(shared)})]
    return []


def obstacles(matron: Pet, sire: Pet, now: int) -> list[Obstacle]:
    """Every reason, known to the indexer, that breedWith(matron, sire) would revert at `now`."""
    return [*readiness(matron, "matron", now), *readiness(sire, "sire", now), *compatibility(matron, sire)]
