"""The kinship rules of the breeding preview (PetToken._compatibility), on hand-made rows:
the test season has no siblings, so these cases are built here."""

from __future__ import annotations

from pawchain.rules.kinship import compatibility, obstacles
from pawchain.store import Pet


def pet(
    pet_id: int, matron: int | None = None, sire: int | None = None, **fields: int | None
) -> Pet:
    values: dict[str, int | None] = {"siring_with_id": None, "cooldown_end": 0, **fields}
    return Pet(id=pet_id, matron_id=matron, sire_id=sire, **values)


def codes(matron: Pet, sire: Pet) -> list[str]:
    return [o.code for o in compatibility(matron, sire)]


def test_full_siblings() -> None:
    [obstacle] = compatibility(pet(5, 1, 2), pet(6, 1, 2))
    assert (obstacle.code, obstacle.details["kind"], obstacle.details["shared_parents"]) == (
        "siblings",
        "full",
        [1, 2],
    )


def test_half_siblings_through_either_parent_in_either_role() -> None:
    for a, b in [((1, 2), (1, 3)), ((1, 2), (3, 2)), ((1, 2), (2, 3)), ((1, 2), (3, 1))]:
        [obstacle] = compatibility(pet(5, *a), pet(6, *b))
        assert (obstacle.code, obstacle.details["kind"]) == ("siblings", "half"), (a, b)


def test_unrelated_and_generation_zero_pets_may_breed() -> None:
    assert codes(pet(5, 1, 2), pet(6, 3, 4)) == []
    assert codes(pet(1), pet(2)) == []
    assert codes(pet(5, 1, 2), pet(3)) == []  # a gen-0 pet has no parents to share


def test_parent_and_child_either_way_and_self() -> None:
    assert codes(pet(5, 1, 2), pet(1)) == ["parent_and_child"]
    assert codes(pet(2), pet(5, 1, 2)) == ["parent_and_child"]
    assert codes(pet(5, 1, 2), pet(5, 1, 2)) == ["same_pet"]


def test_readiness_names_pregnancy_and_cooldown() -> None:
    found = obstacles(pet(5, siring_with_id=9, cooldown_end=200), pet(6, cooldown_end=150), now=100)
    assert [o.code for o in found] == ["matron_pregnant", "sire_cooling_down"]
    assert obstacles(pet(5, cooldown_end=100), pet(6, cooldown_end=99), now=100) == []
