"""Fancy pets in the API: the catalogue, a pet's `fancy` (detail, list, filter, metadata) and
the filter's validation, on the season's two Bandits (fancy.py) and whatever else it bred."""

from __future__ import annotations

from flask.testing import FlaskClient

from pawchain.rules.fancies import FANCY_NAMES, pet_fancy
from pawchain.store import Pet
from tests.backend.web.fancy import BREEDER, NEXT_OWNER, bandit
from tests.support.pet_game import PetGame


def _fancy(pet: Pet) -> str | None:
    fancy = pet_fancy(pet.genes, pet.generation)
    return fancy.name if fancy else None


def test_the_catalogue_lists_every_fancy_with_its_count_and_first_breeder(
    api: FlaskClient, all_pets: list[Pet], web_season: PetGame
) -> None:
    response = api.get("/api/v1/fancies")
    assert response.status_code == 200
    listed = response.get_json()["fancies"]
    assert [item["name"] for item in listed] == list(FANCY_NAMES)
    for item in listed:
        ours = [pet for pet in all_pets if _fancy(pet) == item["name"]]
        assert item["count"] == len(ours)
        assert item["hint"] and item["sample_image_url"].startswith("/api/v1/images/0x")
        if not ours:
            assert item["first"] is None
    bandits = [pet for pet in all_pets if pet.genes == bandit().sample_genes()]
    parents, children = bandits[:2], bandits[2:]
    assert [pet.generation for pet in bandits] == [0, 0, 1, 1]
    first = next(item for item in listed if item["name"] == "Bandit")["first"]
    # The first is the lowest id showing the fancy; its breeder is whoever the chain minted it
    # to (read from the chain's Transfer log, not the database). The season's random genes
    # may breed a Bandit of their own before ours (the chain's randomness differs each run).
    earliest = min((pet for pet in all_pets if _fancy(pet) == "Bandit"), key=lambda pet: pet.id)
    minted = web_season.pets.events.Transfer.get_logs(
        from_block=0, argument_filters={"tokenId": earliest.id}
    )[0]
    assert first == {
        "pet_id": earliest.id,
        "breeder": minted["args"]["to"],
        "birth_time": earliest.birth_time,
    }
    if earliest.id == children[0].id:  # ours: born to the matron's owner, sold on since
        assert first["breeder"] == web_season.account(BREEDER)
    assert children[0].owner == web_season.account(NEXT_OWNER)
    assert all(_fancy(pet) is None for pet in parents)  # generation 0: never a fancy


def test_a_fancy_shows_on_the_pet_in_lists_filters_and_metadata(
    api: FlaskClient, all_pets: list[Pet]
) -> None:
    child = next(p for p in all_pets if p.genes == bandit().sample_genes() and p.generation)
    parent = next(p for p in all_pets if p.genes == bandit().sample_genes() and not p.generation)
    assert api.get(f"/api/v1/pets/{child.id}").get_json()["fancy"] == "Bandit"
    assert api.get(f"/api/v1/pets/{parent.id}").get_json()["fancy"] is None
    listed = api.get("/api/v1/pets", query_string={"fancy": "Bandit", "limit": 100}).get_json()
    assert {item["id"] for item in listed["items"]} == {
        p.id for p in all_pets if _fancy(p) == "Bandit"
    }
    assert {item["fancy"] for item in listed["items"]} == {"Bandit"}
    attributes = api.get(f"/api/v1/metadata/{child.id}").get_json()["attributes"]
    assert {"trait_type": "Fancy", "value": "Bandit"} in attributes
    parent_attributes = api.get(f"/api/v1/metadata/{parent.id}").get_json()["attributes"]
    assert all(a["trait_type"] != "Fancy" for a in parent_attributes)


def test_an_unknown_fancy_is_refused_in_words(api: FlaskClient) -> None:
    for wanted in ("Nope", "bandit", ""):
        response = api.get("/api/v1/pets", query_string={"fancy": wanted})
        assert response.status_code == 400, wanted
        error = response.get_json()["error"]
        assert error["code"] == "invalid_parameter" and "fancy" in error["message"]


def test_the_breeding_preview_gives_the_fancy_odds(api: FlaskClient, all_pets: list[Pet]) -> None:
    matron, sire = (
        p.id for p in all_pets if p.genes == bandit().sample_genes() and not p.generation
    )
    odds = api.get("/api/v1/breeding/preview", query_string={"matron": matron, "sire": sire})
    assert odds.get_json()["fancies"] == [{"name": "Bandit", "probability": 1.0, "exact": "1/1"}]
