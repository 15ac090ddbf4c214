"""ERC-721 metadata: the shape marketplaces read, absolute URLs, every trait."""

from __future__ import annotations

from flask.testing import FlaskClient

from pawchain.render import pet_traits
from pawchain.rules.genetics.rarity import RARITY_TIER_NAMES
from pawchain.store import Pet


def test_metadata_has_the_erc721_fields_and_every_trait(
    api: FlaskClient, all_pets: list[Pet]
) -> None:
    pet = next(p for p in all_pets if p.generation > 0)
    response = api.get(f"/api/v1/metadata/{pet.id}", base_url="http://pets.example:8080")
    assert response.status_code == 200
    body = response.get_json()
    assert body["name"] == f"Pawchain #{pet.id}"
    assert body["description"]
    assert body["image"].startswith("http://pets.example:8080/api/v1/images/0x") and body[
        "image"
    ].endswith(".png")
    assert body["external_url"] == f"http://pets.example:8080/pets/{pet.id}"
    attributes = {a["trait_type"]: a for a in body["attributes"]}
    for trait in pet_traits(pet.genes):
        assert attributes[trait.trait]["value"] == trait.label
    assert attributes["Generation"] == {
        "trait_type": "Generation",
        "value": pet.generation,
        "display_type": "number",
    }
    assert attributes["Cooldown index"]["value"] == pet.cooldown_index
    assert attributes["Breedings"]["display_type"] == "number"
    assert attributes["Birthday"] == {
        "trait_type": "Birthday",
        "value": pet.birth_time,
        "display_type": "date",
    }
    assert attributes["Rarity"]["value"] in RARITY_TIER_NAMES
    assert "max-age" in response.headers["Cache-Control"]


def test_metadata_image_is_served(api: FlaskClient, all_pets: list[Pet]) -> None:
    image = api.get(f"/api/v1/metadata/{all_pets[0].id}").get_json()["image"]
    response = api.get(image)
    assert response.status_code == 200
    assert response.mimetype == "image/png"


def test_unknown_pet_metadata_is_404(api: FlaskClient) -> None:
    response = api.get("/api/v1/metadata/999999")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "pet_not_found"


def test_collection_metadata_names_the_game_with_absolute_urls(api: FlaskClient) -> None:
    # PetToken.contractURI is the base URI + "collection" (ERC-7572), beside the pets'
    response = api.get("/api/v1/metadata/collection", base_url="http://pets.example:8080")
    assert response.status_code == 200
    body = response.get_json()
    assert body["name"] == "Pawchain Pets" and body["symbol"] == "PAW"
    assert body["description"]
    assert body["image"] == "http://pets.example:8080/assets/favicon.svg"
    assert body["external_link"] == "http://pets.example:8080/"
    assert "max-age" in response.headers["Cache-Control"]
    with api.get(body["image"]) as emblem:  # a file response: closed, or it warns
        assert emblem.status_code == 200 and emblem.mimetype == "image/svg+xml"
