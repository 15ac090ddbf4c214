"""The pet list, a pet, its family and history, on a season indexed from the test chain."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from apiflask import APIFlask
from flask.testing import FlaskClient
from sqlalchemy import select

from pawchain.rules.genetics import dominant_traits, rarity_tier
from pawchain.store import Activity, Pet, session_factory
from pawchain.web.core.database import engine_of
from pawchain.web.pets.routes import pet_filter


def walk(api: FlaskClient, url: str, limit: int = 5) -> Iterator[dict[str, Any]]:
    """Every item of a list, page by page through next_cursor."""
    cursor = None
    separator = "&" if "?" in url else "?"
    for _ in range(1_000):
        response = api.get(
            f"{url}{separator}limit={limit}" + (f"&cursor={cursor}" if cursor else "")
        )
        assert response.status_code == 200, response.json
        yield from response.get_json()["items"]
        assert len(response.get_json()["items"]) <= limit
        cursor = response.get_json()["next_cursor"]
        if cursor is None:
            return
    raise AssertionError("more than 1,000 pages")


def test_the_season_gives_pets_of_every_status(all_pets: list[Pet], chain_now: int) -> None:
    # The filters below are only meaningful if the season has each kind.
    assert any(p.siring_with_id is not None for p in all_pets)
    assert any(p.siring_with_id is None and p.cooldown_end > chain_now for p in all_pets)
    assert any(p.siring_with_id is None and p.cooldown_end <= chain_now for p in all_pets)
    assert any(p.generation > 0 for p in all_pets)


@pytest.mark.parametrize(
    ("sort", "key", "reverse"),
    [
        ("newest", lambda p: p.id, True),
        ("oldest", lambda p: p.id, False),
        ("id", lambda p: p.id, False),
        ("-id", lambda p: p.id, True),
        ("generation", lambda p: (p.generation, p.id), False),
        ("cooldown", lambda p: (p.cooldown_index, p.id), False),
    ],
)
def test_every_sort_pages_through_every_pet_once_in_order(
    api: FlaskClient, all_pets: list[Pet], sort: str, key: Any, reverse: bool
) -> None:
    ids = [item["id"] for item in walk(api, f"/api/v1/pets?sort={sort}", limit=4)]
    assert ids == [p.id for p in sorted(all_pets, key=key, reverse=reverse)]


def test_default_page_is_newest_first_with_24_at_most(
    api: FlaskClient, all_pets: list[Pet]
) -> None:
    items = api.get("/api/v1/pets").get_json()["items"]
    assert [i["id"] for i in items] == [p.id for p in reversed(all_pets)][:24]


def test_item_fields_match_the_row_and_the_genes(
    api: FlaskClient, all_pets: list[Pet], chain_now: int
) -> None:
    by_id = {p.id: p for p in all_pets}
    for item in walk(api, "/api/v1/pets", limit=100):
        pet = by_id[item["id"]]
        assert item["owner"] == pet.owner
        assert int(item["genes"]) == pet.genes and int(item["genes_hex"], 16) == pet.genes
        assert [t["variant"] for t in item["traits"].values()] == dominant_traits(pet.genes)
        assert item["rarity"]["tier"] == rarity_tier(pet.genes)
        expected_status = (
            "pregnant"
            if pet.siring_with_id
            else ("ready" if pet.cooldown_end <= chain_now else "cooling")
        )
        assert item["status"] == expected_status
        assert item["image_url"] == f"/api/v1/images/{item['genes_hex']}.svg"
        assert item["metadata_url"] == f"/api/v1/metadata/{pet.id}"
        assert (item["matron_id"], item["sire_id"], item["generation"]) == (
            pet.matron_id,
            pet.sire_id,
            pet.generation,
        )


def test_owner_filter_accepts_any_case(api: FlaskClient, all_pets: list[Pet]) -> None:
    owner = all_pets[0].owner
    for spelled in (owner, owner.lower(), "0x" + owner[2:].upper()):
        ids = [i["id"] for i in walk(api, f"/api/v1/pets?sort=id&owner={spelled}")]
        assert ids == [p.id for p in all_pets if p.owner == owner]


def test_trait_filters_are_any_of_within_a_trait_and_all_of_across(
    api: FlaskClient, all_pets: list[Pet]
) -> None:
    first, second = all_pets[0], all_pets[1]
    url = f"/api/v1/pets?sort=id&body_shape={first.body_shape}&body_shape={second.body_shape}"
    ids = [i["id"] for i in walk(api, url)]
    assert ids == [p.id for p in all_pets if p.body_shape in (first.body_shape, second.body_shape)]
    url += f"&eye_colour={first.eye_colour}"
    ids = [i["id"] for i in walk(api, url)]
    assert ids == [
        p.id
        for p in all_pets
        if p.body_shape in (first.body_shape, second.body_shape)
        and p.eye_colour == first.eye_colour
    ]


def test_rarity_by_name_or_number(api: FlaskClient, all_pets: list[Pet]) -> None:
    tier = all_pets[0].rarity_tier
    names = ["common", "rare", "excellent", "epic", "mythical", "legendary"]
    expected = [p.id for p in all_pets if p.rarity_tier in (tier, 5)]
    assert [
        i["id"] for i in walk(api, f"/api/v1/pets?sort=id&rarity={tier}&rarity=Legendary")
    ] == expected
    assert [
        i["id"] for i in walk(api, f"/api/v1/pets?sort=id&rarity={names[tier]}&rarity=5")
    ] == expected


@pytest.mark.parametrize("status", ["ready", "cooling", "pregnant"])
def test_status_filter(api: FlaskClient, all_pets: list[Pet], chain_now: int, status: str) -> None:
    def status_of(p: Pet) -> str:
        return (
            "pregnant"
            if p.siring_with_id
            else ("ready" if p.cooldown_end <= chain_now else "cooling")
        )

    items = list(walk(api, f"/api/v1/pets?sort=id&status={status}"))
    assert [i["id"] for i in items] == [p.id for p in all_pets if status_of(p) == status]


def test_generation_range(api: FlaskClient, all_pets: list[Pet]) -> None:
    ids = [
        i["id"] for i in walk(api, "/api/v1/pets?sort=generation&generation_min=1&generation_max=1")
    ]
    assert sorted(ids) == [p.id for p in all_pets if p.generation == 1]
    assert ids


def test_pet_detail_adds_children_and_pregnancy(api: FlaskClient, all_pets: list[Pet]) -> None:
    pregnant = next(p for p in all_pets if p.siring_with_id is not None)
    body = api.get(f"/api/v1/pets/{pregnant.id}").get_json()
    assert body["status"] == "pregnant"
    assert body["pregnancy"]["sire_id"] == pregnant.siring_with_id
    assert body["pregnancy"]["due_time"] == pregnant.cooldown_end
    assert body["pregnancy"]["seed_sealed"] is (pregnant.birth_seed is not None)
    parent = next(p for p in all_pets if any(c.matron_id == p.id for c in all_pets))
    body = api.get(f"/api/v1/pets/{parent.id}").get_json()
    assert body["children"] == [c.id for c in all_pets if parent.id in (c.matron_id, c.sire_id)]
    assert body["pregnancy"] is None or body["status"] == "pregnant"


def test_every_pet_page_lists_its_children_oldest_first(
    api: FlaskClient, all_pets: list[Pet]
) -> None:
    # One statement reads a page's children (queries/pets.pet_page_row): as matron or as sire,
    # none for a pet that never bred.
    shown = {pet.id: api.get(f"/api/v1/pets/{pet.id}").get_json()["children"] for pet in all_pets}
    expected = {
        pet.id: sorted(c.id for c in all_pets if pet.id in (c.matron_id, c.sire_id))
        for pet in all_pets
    }
    assert shown == expected
    assert any(len(children) > 1 for children in shown.values())
    assert any(pet.sire_id in shown and pet.id in shown[pet.sire_id] for pet in all_pets)
    assert all(not shown[pet.id] for pet in all_pets if pet.breedings == 0)


def test_unknown_pet_is_pet_not_found(api: FlaskClient, all_pets: list[Pet]) -> None:
    unknown = all_pets[-1].id + 1
    # Every route that names a pet says so alike, with the id a number as everywhere else.
    for path in (
        f"/api/v1/pets/{unknown}",
        f"/api/v1/pets/{unknown:05d}/family",
        f"/api/v1/metadata/{unknown}",
        f"/api/v1/pets/{unknown}/image.svg",
        f"/api/v1/pets/{unknown}/orders",
        "/api/v1/pets/0",
    ):
        response = api.get(path)
        assert response.status_code == 404, path
        error = response.get_json()["error"]
        assert error["code"] == "pet_not_found"
        assert error["details"] == {"pet_id": int(path.split("/")[4])}, path


def test_family_tree_reaches_grandparents_and_grandchildren(
    api: FlaskClient, all_pets: list[Pet]
) -> None:
    by_id = {p.id: p for p in all_pets}
    grandchild = next(p for p in all_pets if p.generation == 2)
    tree = api.get(f"/api/v1/pets/{grandchild.id}/family?depth=2").get_json()
    root = tree["root"]
    assert root["id"] == grandchild.id
    assert [n["id"] for n in root["parents"]] == [grandchild.matron_id, grandchild.sire_id]
    grandparents = [g["id"] for n in root["parents"] for g in n["parents"]]
    assert grandparents == [
        i for n in root["parents"] for i in (by_id[n["id"]].matron_id, by_id[n["id"]].sire_id)
    ]
    assert all(
        not g["parents"] for n in root["parents"] for g in n["parents"]
    )  # depth 2 stops there
    grandparent = by_id[grandparents[0]]
    tree = api.get(f"/api/v1/pets/{grandparent.id}/family?depth=2").get_json()
    grandchildren = {g["id"] for c in tree["root"]["children"] for g in c["children"]}
    assert grandchild.id in grandchildren


def test_family_depth_is_capped(api: FlaskClient, all_pets: list[Pet]) -> None:
    response = api.get(f"/api/v1/pets/{all_pets[0].id}/family?depth=9")
    assert response.status_code == 400
    assert "depth" in response.get_json()["error"]["message"]


def test_history_is_every_event_of_the_pet_newest_first(
    api: FlaskClient, app: APIFlask, all_pets: list[Pet]
) -> None:
    pet = next(p for p in all_pets if p.litters > 0)
    with session_factory(engine_of(app))() as session:
        rows = session.scalars(
            select(Activity).where((Activity.pet_id == pet.id) | (Activity.other_pet_id == pet.id))
        ).all()
    expected = sorted(((r.block_number, r.log_index) for r in rows), reverse=True)
    items = list(walk(api, f"/api/v1/pets/{pet.id}/history", limit=2))
    assert [(i["block_number"], i["log_index"]) for i in items] == expected
    assert {"Birth", "Pregnant"} <= {i["event"] for i in items}
    transfer = next(i for i in items if i["event"] == "Transfer")
    assert isinstance(transfer["args"]["tokenId"], str)  # big integers as strings


def test_parameters_of_other_areas_reach_their_filters_through_extra(app: APIFlask) -> None:
    # What the market relies on: a parameter it adds to the list's schema arrives in
    # PetFilter.extra for its filter function, while the pets' own parameters do not.
    with app.test_request_context():
        wanted = pet_filter(
            {"owner": None, "sort": "newest", "limit": 24, "body_shape": [3], "for_sale": True}
        )
    assert wanted.extra == {"for_sale": True}
    assert wanted.traits == {"body_shape": frozenset({3})}
