"""The tamper check route: a clean pet, a tampered row (of the pet, of its auction), and a
chain that cannot be reached."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from apiflask import APIFlask
from flask.testing import FlaskClient
from sqlalchemy import select, update

from pawchain.config import Settings
from pawchain.store import Auction, Pet, session_factory, transaction
from pawchain.web import create_app
from pawchain.web.core.database import engine_of


def test_an_untouched_pet_verifies(api: FlaskClient, all_pets: list[Pet]) -> None:
    body = api.get(f"/api/v1/pets/{all_pets[0].id}/verify").get_json()
    assert body["ok"] is True and body["checked"] == 1 and body["mismatches"] == []


def test_a_tampered_row_is_reported_field_by_field(app: APIFlask, all_pets: list[Pet]) -> None:
    pet = all_pets[1]
    sessions = session_factory(engine_of(app))
    with transaction(sessions) as session:
        session.execute(update(Pet).where(Pet.id == pet.id).values(litters=pet.litters + 7))
    try:
        body = app.test_client().get(f"/api/v1/pets/{pet.id}/verify").get_json()
        assert body["ok"] is False
        assert body["mismatches"] == [
            {
                "pet_id": pet.id,
                "field": "litters",
                "database": str(pet.litters + 7),
                "chain": str(pet.litters),
            }
        ]
    finally:
        with transaction(sessions) as session:
            session.execute(update(Pet).where(Pet.id == pet.id).values(litters=pet.litters))


def test_a_tampered_auction_of_the_pet_is_reported(app: APIFlask) -> None:
    sessions = session_factory(engine_of(app))
    with sessions() as session:
        auction = session.scalars(select(Auction).order_by(Auction.pet_id)).first()
        assert auction is not None  # the played game leaves auctions open
        pet_id, seller = auction.pet_id, auction.seller
    stranger = "0x" + "12" * 20
    with transaction(sessions) as session:
        session.execute(update(Auction).where(Auction.pet_id == pet_id).values(seller=stranger))
    try:
        body = app.test_client().get(f"/api/v1/pets/{pet_id}/verify").get_json()
        assert body["ok"] is False
        assert body["mismatches"] == [
            {"pet_id": pet_id, "field": "auction.seller", "database": stranger, "chain": seller}
        ]
    finally:
        with transaction(sessions) as session:
            session.execute(update(Auction).where(Auction.pet_id == pet_id).values(seller=seller))


def test_a_pet_neither_side_knows_is_404(api: FlaskClient) -> None:
    response = api.get("/api/v1/pets/987654/verify")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "pet_not_found"


def test_an_unreachable_chain_is_a_503_saying_so(app: APIFlask, all_pets: list[Pet]) -> None:
    settings: Settings = app.config["SETTINGS"]
    offline = create_app(
        replace(settings, rpc_url="http://127.0.0.1:9")
    )  # discard port: nothing listens
    try:
        response = offline.test_client().get(f"/api/v1/pets/{all_pets[0].id}/verify")
        assert response.status_code == 503
        assert response.get_json()["error"]["code"] == "chain_unavailable"
        assert "chain" in response.get_json()["error"]["message"]
    finally:
        engine_of(offline).dispose()


def test_no_deployment_record_is_a_503(app: APIFlask, all_pets: list[Pet], tmp_path: Path) -> None:
    settings: Settings = app.config["SETTINGS"]
    unconfigured = create_app(replace(settings, deployment_path=tmp_path / "missing.json"))
    try:
        response = unconfigured.test_client().get(f"/api/v1/pets/{all_pets[0].id}/verify")
        assert response.status_code == 503
        assert response.get_json()["error"]["code"] == "chain_not_configured"
    finally:
        engine_of(unconfigured).dispose()
