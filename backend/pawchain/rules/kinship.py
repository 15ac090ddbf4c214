"""Why two pets may not breed, by the rules of PetToken.canBreedWith and isReadyToBreed,
judged from what is known of each pet (ownership and siring approvals aside: see the preview).

Pure: a pet is anything with the fields of `Breeder` (the indexer's rows are).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


class Breeder(Protocol):
    """What the rules read of a pet: who, its parents, and its breeding state."""

    @property
    def id(self) -> int: ...
    @property
    def matron_id(self) -> int | None: ...
    @property
    def sire_id(self) -> int | None: ...
    @property
    def siring_with_id(self) -> int | None: ...
    @property
    def cooldown_end(self) -> int: ...


@dataclass(frozen=True)
class Obstacle:
    """One reason the breeding would revert, with the contract error it mirrors."""

    code: str
    message: str
    details: dict[str, Any]


def readiness(pet: Breeder, role: str, now: int) -> list[Obstacle]:
    """isReadyToBreed: not pregnant, cooldown over (PetIsPregnant, PetCoolingDown)."""
    if pet.siring_with_id is not None:
        return [
            Obstacle(
                f"{role}_pregnant",
                f"The {role}, pet {pet.id}, is pregnant (due at {pet.cooldown_end}).",
                {"pet_id": pet.id, "due_time": pet.cooldown_end},
            )
        ]
    if pet.cooldown_end > now:
        return [
            Obstacle(
                f"{role}_cooling_down",
                f"The {role}, pet {pet.id}, is cooling down until {pet.cooldown_end} "
                f"({pet.cooldown_end - now} s from now).",
                {"pet_id": pet.id, "ready_at": pet.cooldown_end},
            )
        ]
    return []


def compatibility(matron: Breeder, sire: Breeder) -> list[Obstacle]:
    """The contract's _compatibility: not the same pet, not parent and child, not siblings."""
    if matron.id == sire.id:
        return [
            Obstacle(
                "same_pet",
                f"A pet cannot breed with itself (pet {matron.id}).",
                {"pet_id": matron.id},
            )
        ]
    if sire.id in (matron.matron_id, matron.sire_id) or matron.id in (sire.matron_id, sire.sire_id):
        return [
            Obstacle(
                "parent_and_child",
                f"Pets {matron.id} and {sire.id} are parent and child.",
                {"matron_id": matron.id, "sire_id": sire.id},
            )
        ]
    matron_parents, sire_parents = _parents(matron), _parents(sire)
    if matron_parents and sire_parents:  # generation 0 has no parents
        shared = matron_parents & sire_parents
        if shared:
            kind = "full" if len(shared) == 2 else "half"
            return [
                Obstacle(
                    "siblings",
                    f"Pets {matron.id} and {sire.id} are {kind} siblings (shared parents: "
                    f"{', '.join(str(i) for i in sorted(shared))}).",
                    {"kind": kind, "shared_parents": sorted(shared)},
                )
            ]
    return []


def _parents(pet: Breeder) -> set[int]:
    """The pet's matron and sire (none for generation 0, which has neither)."""
    return {parent for parent in (pet.matron_id, pet.sire_id) if parent is not None}


def obstacles(matron: Breeder, sire: Breeder, now: int) -> list[Obstacle]:
    """Every reason, known to the indexer, that breedWith(matron, sire) would revert at `now`."""
    return [
        *readiness(matron, "matron", now),
        *readiness(sire, "sire", now),
        *compatibility(matron, sire),
    ]
