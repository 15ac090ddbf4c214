"""Breeding preview: the genetics twin's odds, and the contract's reasons a pair cannot breed."""

from __future__ import annotations

from fractions import Fraction

from flask.testing import FlaskClient

from pawchain.rules.genetics import preview
from pawchain.rules.genetics.rarity import RARITY_TIER_NAMES
from pawchain.store import Pet


def ready(pet: Pet, now: int) -> bool:
    return pet.siring_with_id is None and pet.cooldown_end <= now


def test_odds_are_the_genetics_preview(api: FlaskClient, all_pets: list[Pet]) -> None:
    matron, sire = all_pets[0], all_pets[1]
    body = api.get(f"/api/v1/breeding/preview?matron={matron.id}&sire={sire.id}").get_json()
    expected = preview(matron.genes, sire.genes)
    for trait, odds in zip(expected, body["traits"], strict=True):
        assert {o["variant"]: Fraction(o["exact"]) for o in odds["outcomes"]} == trait.dominant
        chances = [o["probability"] for o in odds["outcomes"]]
        assert chances == sorted(chances, reverse=True)
    assert abs(sum(r["probability"] for r in body["rarity"]) - 1) < 1e-9


def test_rarity_odds_of_two_common_base_parents_is_mostly_common(
    api: FlaskClient, all_pets: list[Pet]
) -> None:
    body = api.get(
        f"/api/v1/breeding/preview?matron={all_pets[0].id}&sire={all_pets[3].id}"
    ).get_json()
    assert {r["name"] for r in body["rarity"]} <= set(RARITY_TIER_NAMES)


def test_a_pet_with_itself_cannot_breed(api: FlaskClient, all_pets: list[Pet]) -> None:
    body = api.get(
        f"/api/v1/breeding/preview?matron={all_pets[0].id}&sire={all_pets[0].id}"
    ).get_json()
    assert body["can_breed"] is False
    assert "same_pet" in [r["code"] for r in body["reasons"]]


def test_parent_and_child_are_refused(api: FlaskClient, all_pets: list[Pet]) -> None:
    child = next(p for p in all_pets if p.matron_id is not None)
    body = api.get(f"/api/v1/breeding/preview?matron={child.id}&sire={child.matron_id}").get_json()
    assert "parent_and_child" in [r["code"] for r in body["reasons"]]


def test_pregnant_and_cooling_pets_are_named_with_their_times(
    api: FlaskClient, all_pets: list[Pet], chain_now: int
) -> None:
    pregnant = next(p for p in all_pets if p.siring_with_id is not None)
    cooling = next(p for p in all_pets if p.siring_with_id is None and p.cooldown_end > chain_now)
    body = api.get(f"/api/v1/breeding/preview?matron={pregnant.id}&sire={cooling.id}").get_json()
    reasons = {r["code"]: r for r in body["reasons"]}
    assert reasons["matron_pregnant"]["details"]["due_time"] == pregnant.cooldown_end
    assert reasons["sire_cooling_down"]["details"]["ready_at"] == cooling.cooldown_end
    assert body["can_breed"] is False


def test_ready_unrelated_pets_of_two_owners_can_breed_with_a_note(
    api: FlaskClient, all_pets: list[Pet], chain_now: int
) -> None:
    now = chain_now
    gen0 = [p for p in all_pets if p.generation == 0 and ready(p, now)]
    matron, sire = next((a, b) for a in gen0 for b in gen0 if a.owner != b.owner)
    body = api.get(f"/api/v1/breeding/preview?matron={matron.id}&sire={sire.id}").get_json()
    assert body["can_breed"] is True and body["reasons"] == []
    assert [n["code"] for n in body["notes"]] == ["siring_approval_needed"]
