"""Pet JSON (pawchain.web.pets.pet_json, the one builder) has exactly the shape the served
OpenAPI document declares (pawchain.web.pets.schemas): every field documented and sent, of its
documented type, for every pet of the season, in the detail, the list, the family tree, the
history and the ERC-721 metadata."""

from __future__ import annotations

from typing import Any

import pytest
from apiflask import APIFlask
from flask.testing import FlaskClient

from pawchain.queries.pet_filters import TRAIT_COLUMNS
from pawchain.store import Pet
from pawchain.web import API_PREFIX
from pawchain.web.pets import pet_json
from pawchain.web.pets.routes import PetListQuery
from pawchain.web.pets.schemas import TraitsOut
from tests.support.openapi_shapes import shape_errors


@pytest.fixture(scope="module")
def components(app: APIFlask) -> dict[str, Any]:
    document = app.test_client().get(f"{API_PREFIX}/openapi.json").json
    assert document is not None
    found: dict[str, Any] = document["components"]["schemas"]
    return found


# Properties the API leaves out by design: ERC-721 metadata gives display_type only to the
# attributes shown as a number or a date (the marketplaces' convention).
OPTIONAL = {"AttributeOut": frozenset({"display_type"})}


def fits(value: Any, component: str, components: dict[str, Any]) -> list[str]:
    return shape_errors(value, {"$ref": f"#/components/schemas/{component}"}, components, OPTIONAL)


def test_every_pet_summary_and_detail_fits_its_schema(
    app: APIFlask, all_pets: list[Pet], chain_now: int, components: dict[str, Any]
) -> None:
    with app.test_request_context():
        for pet in all_pets:
            assert fits(pet_json.pet_summary(pet, chain_now), "PetOut", components) == [], pet.id
            assert (
                fits(pet_json.pet_detail(pet, chain_now, [1, 2]), "PetDetailOut", components) == []
            ), pet.id


@pytest.mark.parametrize(
    ("path", "component"),
    [
        ("/pets?limit=100", "PetPageOut"),
        ("/pets?limit=100&status=pregnant", "PetPageOut"),
        ("/activity?limit=100", "ActivityPageOut"),
    ],
)
def test_pet_lists_fit_their_schemas(
    api: FlaskClient, path: str, component: str, components: dict[str, Any]
) -> None:
    answer = api.get(f"{API_PREFIX}{path}")
    body = answer.json
    assert answer.status_code == 200 and body is not None and body["items"]
    assert fits(body, component, components) == []


@pytest.mark.parametrize(
    ("route", "component"),
    [
        ("/pets/{id}", "PetDetailOut"),
        ("/pets/{id}/family", "FamilyOut"),
        ("/pets/{id}/history", "ActivityPageOut"),
        ("/metadata/{id}", "MetadataOut"),
    ],
)
def test_each_pet_route_fits_its_schema(
    api: FlaskClient, all_pets: list[Pet], route: str, component: str, components: dict[str, Any]
) -> None:
    for pet in all_pets[:: max(1, len(all_pets) // 8)]:  # gen 0 and later, pregnant or not
        answer = api.get(API_PREFIX + route.format(id=pet.id))
        assert answer.status_code == 200
        assert fits(answer.json, component, components) == [], (route, pet.id)


def test_a_pet_json_that_drifts_from_its_schema_is_caught(
    app: APIFlask, all_pets: list[Pet], chain_now: int, components: dict[str, Any]
) -> None:
    with app.test_request_context():
        summary = pet_json.pet_summary(all_pets[0], chain_now)
    drifted = {**summary, "nickname": "Rex", "generation": str(summary["generation"])}
    del drifted["owner"]
    errors = fits(drifted, "PetOut", components)
    assert len(errors) == 3 and {"$: missing owner", "$: undeclared nickname"} < set(errors), errors
    assert any(error.startswith("$.generation: str") for error in errors), errors


def test_the_trait_schemas_name_every_trait_column() -> None:
    assert tuple(TraitsOut().fields) == TRAIT_COLUMNS
    assert tuple(PetListQuery().fields)[-len(TRAIT_COLUMNS) :] == TRAIT_COLUMNS
