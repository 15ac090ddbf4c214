"""The relay over HTTP (Flask test client, the real chain and databases): forward requests
accepted once, refused with the engine's codes, budgets, an unfunded relay, the config."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from eth_account import Account
from flask.testing import FlaskClient
from sqlalchemy import func, select

from pawchain.store import RelayTransaction
from tests.backend.relay.conftest import Relay, RelayMaker, WebMaker
from tests.backend.relay.relay_game import ETHER, RelayGame, dev_key
from tests.backend.relay.signing import forward_body, signed_request

PLAYER, OTHER = 3, 4
FORWARD = "/api/v1/relay/forward"


def post(client: FlaskClient, request: Any) -> Any:
    return client.post(FORWARD, json=forward_body(request))


def error_of(response: Any, status: int) -> dict[str, Any]:
    """The error body, checked for the API's shape."""
    assert response.status_code == status, response.json
    error = response.get_json()["error"]
    assert set(error) == {"status", "code", "message", "details"} and error["status"] == status
    return error


def rows(relay: Relay) -> int:
    with relay.sessions() as session:
        return session.scalar(select(func.count()).select_from(RelayTransaction)) or 0


@pytest.fixture
def api(make_web: WebMaker, relay: Relay) -> FlaskClient:
    return make_web(relay).test_client()


def test_a_forward_request_is_relayed_once_and_tracked(
    api: FlaskClient, relay: Relay, game: RelayGame
):
    player, other = game.account(PLAYER), game.account(OTHER)
    pet = game.mint(player)
    request = signed_request(
        game, game.pets.functions.transferFrom(player, other, pet), dev_key(PLAYER)
    )
    first = post(api, request)
    assert first.status_code == 202, first.json
    # recorded with its nonce and hash; the relay worker (here: settle) broadcasts it
    assert (first.get_json()["state"], first.get_json()["kind"]) == ("queued", "forward")
    assert first.get_json()["nonce"] is not None and first.get_json()["tx_hash"]
    again = post(api, request)  # the same signed request: the same request, one transaction
    assert (again.status_code, again.get_json()["id"]) == (202, first.get_json()["id"])
    relay.settle()
    status = api.get(f"/api/v1/relay/requests/{first.get_json()['id']}").get_json()
    assert (status["state"], status["error"]) == ("mined", None)
    assert status["tx_hash"] == first.get_json()["tx_hash"] and status["block_number"] > 0
    assert game.pets.functions.ownerOf(pet).call() == other
    # the same signed request after it was mined: still that request, no second transaction
    assert post(api, request).get_json()["id"] == first.get_json()["id"]
    assert rows(relay) == 1


def test_a_replayed_nonce_is_a_409(api: FlaskClient, relay: Relay, game: RelayGame):
    player = game.account(PLAYER)
    pet = game.mint(player)
    first = signed_request(
        game, game.pets.functions.approve(game.account(OTHER), pet), dev_key(PLAYER)
    )
    assert post(api, first).status_code == 202
    relay.settle()
    replay = signed_request(
        game, game.pets.functions.approve(game.account(5), pet), dev_key(PLAYER), nonce=first.nonce
    )
    error = error_of(post(api, replay), 409)
    assert error["code"] == "forward_request_replayed"
    assert error["details"] == {"nonce": first.nonce, "current_nonce": first.nonce + 1}


def test_a_forged_signature_is_a_401_and_nothing_is_stored(
    api: FlaskClient, relay: Relay, game: RelayGame
):
    player = game.account(PLAYER)
    pet = game.mint(player)
    claimed = signed_request(
        game, game.pets.functions.transferFrom(player, game.account(OTHER), pet), dev_key(OTHER)
    )
    forged = dataclasses.replace(
        claimed, sender=player, nonce=game.forwarder.functions.nonces(player).call()
    )
    error = error_of(post(api, forged), 401)
    assert error["code"] == "forward_request_forged" and error["details"]["from"] == player
    assert rows(relay) == 0


def test_a_request_about_someone_elses_pet_is_a_422_with_the_contracts_error(
    api: FlaskClient, relay: Relay, game: RelayGame
):
    player, other = game.account(PLAYER), game.account(OTHER)
    theirs, mine = game.mint(other), game.mint(player)
    error = error_of(
        post(
            api, signed_request(game, game.pets.functions.breedWith(theirs, mine), dev_key(PLAYER))
        ),
        422,
    )
    assert (error["code"], error["details"]["error"]) == (
        "transaction_refused",
        "PetNotMatronOwner",
    )
    assert error["details"]["args"] == {"caller": player, "matronId": str(theirs)}
    sentence = f"{player[:6]}…{player[-4:]} does not own the matron, pet #{theirs}."
    assert error["message"] == error["details"]["sentence"] == sentence
    assert rows(relay) == 0


def test_a_forwarded_birth_with_a_prepaid_fee_is_refused(
    api: FlaskClient, relay: Relay, game: RelayGame
):
    owner = game.account(PLAYER)
    fee = 10**15
    game.set_birth_fee(fee)
    matron, sire = game.mint(owner), game.mint(owner)
    game.breed(matron, sire, fee=fee)
    game.advance(8 * 24 * 3600)  # due: only the fee stands in the way
    error = error_of(
        post(api, signed_request(game, game.pets.functions.giveBirth(matron), dev_key(PLAYER))), 422
    )
    assert error["code"] == "forward_request_prepaid_birth"
    assert error["details"] == {"matron_id": str(matron), "birth_fee": str(fee)}
    game.set_birth_fee(0)
    assert rows(relay) == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"from": "0x12"}, "from"),
        ({"gas": -1}, "gas"),
        ({"gas": True}, "gas"),
        ({"nonce": "1.5"}, "nonce"),
        ({"deadline": 2**48}, "deadline"),
        ({"data": "0xabc"}, "data"),
        ({"extra": 1}, "extra"),
    ],
)
def test_malformed_bodies_are_400s_naming_the_field(
    api: FlaskClient, relay: Relay, game: RelayGame, change: dict, field: str
):
    body = forward_body(
        signed_request(
            game, game.pets.functions.setApprovalForAll(game.account(8), True), dev_key(PLAYER)
        )
    )
    body["request"].update(change)
    error = error_of(api.post(FORWARD, json=body), 400)
    assert error["code"] == "invalid_parameter"
    assert field in error["details"]["invalid"]["json"]["request"]
    broken: dict[str, Any] | list[Any]
    for broken in ({**body, "signature": "0x00"}, {"request": body["request"]}, []):
        assert error_of(api.post(FORWARD, json=broken), 400)["code"] == "invalid_parameter"
    assert error_of(api.post(FORWARD, data="not json", content_type="application/json"), 400)
    assert rows(relay) == 0


def test_ether_in_a_request_is_refused(api: FlaskClient, game: RelayGame):
    request = signed_request(
        game, game.pets.functions.setApprovalForAll(game.account(8), True), dev_key(PLAYER)
    )
    body = forward_body(request)
    body["request"]["value"] = "1"
    assert error_of(api.post(FORWARD, json=body), 422)["code"] == "forward_request_value"


def test_a_spent_budget_is_a_429_and_the_config_shows_what_is_left(
    make_web: WebMaker, relay: Relay, game: RelayGame
):
    api = make_web(relay, daily_gas_per_player=150_000).test_client()
    key = (
        Account.create().key.to_0x_hex()
    )  # a new player (gasless: no ether needed), the same costs every run
    player = Account.from_key(key).address
    config = api.get(f"/api/v1/relay/config?player={player.lower()}").get_json()
    assert config["enabled"] and config["relay_address"] == relay.sender.address
    assert (config["forwarder"], config["chain_id"]) == (
        game.forwarder.address,
        game.web3.eth.chain_id,
    )
    assert config["daily_gas_per_player"] == config["remaining_gas"] == 150_000
    approve = game.pets.functions.setApprovalForAll(game.account(8), True)
    # a limit above the whole day's budget fits no day: a 422 (sign with less gas), not a 429
    error = error_of(post(api, signed_request(game, approve, key, gas=150_000)), 422)
    assert error["code"] == "forward_request_gas_above_budget"
    assert error["details"]["budget_gas"] == 150_000 < error["details"]["wanted_gas"]
    assert rows(relay) == 0  # nothing stored, nothing reserved
    assert api.get(f"/api/v1/relay/config?player={player}").get_json()["remaining_gas"] == 150_000
    # the signed gas bounds what is reserved (inner gas, 64/63 of it, calldata and the forwarder's work)
    assert post(api, signed_request(game, approve, key, gas=60_000)).status_code == 202
    relay.settle()
    left = api.get(f"/api/v1/relay/config?player={player}").get_json()["remaining_gas"]
    assert 0 < left < 150_000
    error = error_of(
        post(
            api,
            signed_request(
                game, game.pets.functions.setApprovalForAll(game.account(7), True), key, gas=60_000
            ),
        ),
        429,
    )
    assert (
        error["code"] == "sponsor_budget_spent"
        and error["details"]["until"] == config["budget_resets_at"]
    )
    assert error_of(api.get("/api/v1/relay/config?player=bob"), 400)["code"] == "invalid_parameter"


def test_an_unfunded_relay_accepts_queues_and_sends_once_funded(
    make_relay: RelayMaker, make_web: WebMaker, database_url: str, game: RelayGame
):
    relay = make_relay(database_url, game.new_funded_key(0))
    api = make_web(relay).test_client()
    request = signed_request(
        game, game.pets.functions.setApprovalForAll(game.account(8), True), dev_key(PLAYER)
    )
    error = error_of(post(api, request), 503)
    assert error["code"] == "relay_underfunded" and error["details"]["accepted"] is True
    request_id = error["details"]["request_id"]
    assert error["details"]["request"]["state"] == "queued"
    assert post(api, request).get_json()["id"] == request_id  # asked again: the same queued request
    assert api.get(f"/api/v1/relay/requests/{request_id}").get_json()["state"] == "queued"
    game.fund(relay.sender.address, ETHER)
    relay.settle()
    assert api.get(f"/api/v1/relay/requests/{request_id}").get_json()["state"] == "mined"
    assert game.pets.functions.isApprovedForAll(game.account(PLAYER), game.account(8)).call()


def test_without_a_relay_key_the_server_relays_nothing_but_answers(
    make_web: WebMaker, relay: Relay, game: RelayGame
):
    api = make_web(relay, key=None).test_client()
    assert api.get("/api/v1/relay/config").get_json()["enabled"] is False
    request = signed_request(
        game, game.pets.functions.setApprovalForAll(game.account(8), True), dev_key(PLAYER)
    )
    assert error_of(post(api, request), 503)["code"] == "relay_not_configured"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/relay/requests/999999",
        "/api/v1/relay/requests/x",
        "/api/v1/relay/requests/0/events",
        "/api/v1/relay/requests/999999/events",
    ],
)
def test_unknown_requests_are_404s(api: FlaskClient, path: str):
    assert error_of(api.get(path), 404)["code"] == "relay_request_not_found"


def test_the_routes_are_in_the_openapi_document(api: FlaskClient):
    paths = api.get("/api/v1/openapi.json").get_json()["paths"]
    forward = paths["/api/v1/relay/forward"]["post"]
    assert {"202", "400", "401", "409", "422", "429", "503"} <= set(forward["responses"])
    assert "requestBody" in forward
    for path in (
        "/api/v1/relay/requests/{request_id}",
        "/api/v1/relay/requests/{request_id}/events",
        "/api/v1/relay/config",
    ):
        assert "get" in paths[path]


def test_too_little_signed_gas_is_refused(api: FlaskClient, relay: Relay, game: RelayGame):
    call = game.pets.functions.setApprovalForAll(game.account(8), True)
    error = error_of(post(api, signed_request(game, call, dev_key(PLAYER), gas=5_000)), 422)
    assert (error["code"], error["details"]) == ("forward_request_gas", {"gas": 5_000})
    assert rows(relay) == 0
