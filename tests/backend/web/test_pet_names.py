"""Pet names: the owner signs an EIP-712 PetName; the server checks the name's rules, the
signer against the indexed owner, and the signing time against replays (docs/rules.md)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from apiflask import APIFlask
from eth_account import Account
from eth_account.messages import encode_typed_data
from flask.testing import FlaskClient
from sqlalchemy import delete, update
from sqlalchemy import event as engine_events
from sqlalchemy.orm import Session

from pawchain.chain.typed_data import pet_name_typed_data
from pawchain.queries.data_version import data_version
from pawchain.store import Pet, PetName
from pawchain.store.name_counter import count_name_change
from pawchain.web import create_app
from pawchain.web.core.database import engine_of
from pawchain.web.pets import naming
from tests.support.market_moves import private_key
from tests.support.pet_game import PetGame
from tests.support.stored_names import store_names


@pytest.fixture(autouse=True)
def no_names(app: APIFlask) -> Iterator[None]:
    """The web tests share one database: each test here starts and ends with no names."""
    yield
    with Session(engine_of(app)) as session:
        session.execute(delete(PetName))
        count_name_change(session)
        session.commit()


@pytest.fixture
def wall_now() -> int:
    """The time a wallet writes into a PetName (the server judges it by the wall clock)."""
    return int(time.time())


@pytest.fixture
def two_pets(all_pets: list[Pet], web_season: PetGame) -> tuple[Pet, Pet]:
    """Two pets of one player account (the development mnemonic's keys sign for it)."""
    accounts = set(web_season.web3.eth.accounts)
    owner = next(p.owner for p in all_pets if p.owner in accounts)
    first, second = [p for p in all_pets if p.owner == owner][:2]
    return first, second


def signed(
    game: PetGame, pet: Pet, name: str, issued_at: int, signer: str | None = None
) -> dict[str, Any]:
    """The body a wallet sends: PetName signed by `signer` (default: the pet's owner)."""
    typed = pet_name_typed_data(
        game.web3.eth.chain_id,
        game.pets.address,
        {"petId": pet.id, "name": name, "issuedAt": issued_at},
    )
    key = private_key(game, signer or pet.owner)
    signature = Account.sign_message(encode_typed_data(full_message=typed), key).signature
    return {"name": name, "issued_at": issued_at, "signature": "0x" + bytes(signature).hex()}


def name(api: FlaskClient, pet: Pet, body: dict[str, Any]) -> Any:
    return api.post(f"/api/v1/pets/{pet.id}/name", json=body)


def test_a_named_pet_shows_its_name_in_its_page_metadata_list_and_search(
    api: FlaskClient, web_season: PetGame, two_pets: tuple[Pet, Pet], wall_now: int
) -> None:
    pet = two_pets[0]
    response = name(api, pet, signed(web_season, pet, "Mochi", wall_now))
    assert response.status_code == 200, response.json
    assert response.get_json() == {
        "pet_id": pet.id,
        "name": "Mochi",
        "named_by": pet.owner,
        "issued_at": wall_now,
    }
    assert api.get(f"/api/v1/pets/{pet.id}").get_json()["name"] == "Mochi"
    assert api.get(f"/api/v1/metadata/{pet.id}").get_json()["name"] == "Mochi"
    found = api.get("/api/v1/pets?name=m%C3%B6C").get_json()["items"]  # "möC": case, accents
    assert [(p["id"], p["name"]) for p in found] == [(pet.id, "Mochi")]
    unnamed = api.get(f"/api/v1/pets?owner={pet.owner}").get_json()["items"]
    assert {p["name"] for p in unnamed if p["id"] != pet.id} == {None}
    # The owner renames it later: a newer signature replaces the name.
    renamed = name(api, pet, signed(web_season, pet, "Mochi Two", wall_now + 1))
    assert renamed.status_code == 200, renamed.json
    assert api.get(f"/api/v1/pets/{pet.id}").get_json()["name"] == "Mochi Two"


@pytest.mark.parametrize(
    ("raw", "code", "words"),
    [
        ("", "name_length", "1 to 24 characters"),
        ("A" * 25, "name_length", "this one has 25"),
        ("Mo\x07chi", "name_control_character", "control or format"),
        ("Mo\u200dchi", "name_control_character", "U+200D"),
        ("M\u043echi", "name_mixed_scripts", "CYRILLIC and LATIN"),  # a Cyrillic o
        ("Mochi!", "name_character", "letters, digits 0-9"),
        (" Mochi", "name_spaces", "start or end with a space"),
        ("Mo\u0301chi", "name_not_normalised", "NFC"),  # o + combining accent, not ó
    ],
)
def test_a_name_against_the_rules_is_refused_in_words(
    api: FlaskClient,
    web_season: PetGame,
    two_pets: tuple[Pet, Pet],
    wall_now: int,
    raw: str,
    code: str,
    words: str,
) -> None:
    response = name(api, two_pets[0], signed(web_season, two_pets[0], raw, wall_now))
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert (error["code"], words in error["message"]) == (code, True), error


def test_a_look_alike_of_another_pets_name_is_refused(
    api: FlaskClient, web_season: PetGame, two_pets: tuple[Pet, Pet], wall_now: int
) -> None:
    first, second = two_pets
    assert name(api, first, signed(web_season, first, "Mochi", wall_now)).status_code == 200
    for look_alike in ("MOCHI", "M0chi", "Möchi", "Мосні"):  # the last all Cyrillic
        response = name(api, second, signed(web_season, second, look_alike, wall_now))
        assert response.status_code == 409, look_alike
        assert response.get_json()["error"]["code"] == "name_taken"
        said = response.get_json()["error"]["message"]
        assert f'Pet #{first.id} is already named "Mochi", which "{look_alike}"' in said


def test_a_signature_names_a_pet_once(
    api: FlaskClient, web_season: PetGame, two_pets: tuple[Pet, Pet], wall_now: int
) -> None:
    pet = two_pets[0]
    old = signed(web_season, pet, "Mochi", wall_now - 5)
    assert name(api, pet, old).status_code == 200
    assert name(api, pet, signed(web_season, pet, "Kuro", wall_now)).status_code == 200
    replayed = name(api, pet, old)
    assert replayed.status_code == 409
    assert replayed.get_json()["error"]["code"] == "name_signature_replayed"
    assert api.get(f"/api/v1/pets/{pet.id}").get_json()["name"] == "Kuro"
    stale = name(api, pet, signed(web_season, pet, "Late", wall_now - 601))
    assert stale.get_json()["error"]["code"] == "name_signature_expired"


def test_only_the_owner_can_name_a_pet(
    api: FlaskClient, web_season: PetGame, two_pets: tuple[Pet, Pet], wall_now: int
) -> None:
    pet = two_pets[0]
    stranger = next(a for a in web_season.web3.eth.accounts if a != pet.owner)
    response = name(api, pet, signed(web_season, pet, "Mochi", wall_now, signer=stranger))
    assert response.status_code == 403
    error = response.get_json()["error"]
    assert error["code"] == "not_pet_owner" and stranger in error["message"]
    assert api.get(f"/api/v1/pets/{pet.id}").get_json()["name"] is None


@pytest.mark.parametrize("prefix", ["", "Mo\x00", "M\u043e", "A" * 25])
def test_a_name_search_is_validated(api: FlaskClient, prefix: str) -> None:
    response = api.get("/api/v1/pets", query_string={"name": prefix})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invalid_parameter"


def test_a_transfer_keeps_the_name_and_the_new_owner_may_rename(
    app: APIFlask, api: FlaskClient, web_season: PetGame, two_pets: tuple[Pet, Pet], wall_now: int
) -> None:
    pet = two_pets[0]
    assert name(api, pet, signed(web_season, pet, "Mochi", wall_now - 2)).status_code == 200
    buyer = next(a for a in web_season.web3.eth.accounts if a != pet.owner)
    # The indexer's row after a transfer (the row is put back: the web tests share it).
    with Session(engine_of(app)) as session:
        session.execute(update(Pet).where(Pet.id == pet.id).values(owner=buyer))
        session.commit()
    try:
        assert api.get(f"/api/v1/pets/{pet.id}").get_json()["name"] == "Mochi"
        seller = name(api, pet, signed(web_season, pet, "Kuro", wall_now - 1))
        assert seller.status_code == 403  # the former owner can no longer name it
        renamed = name(api, pet, signed(web_season, pet, "Kuro", wall_now, signer=buyer))
        assert renamed.status_code == 200 and renamed.get_json()["named_by"] == buyer
    finally:
        with Session(engine_of(app)) as session:
            session.execute(update(Pet).where(Pet.id == pet.id).values(owner=pet.owner))
            session.commit()


def _tree_names(node: dict[str, Any]) -> dict[int, str | None]:
    names = {node["id"]: node["name"]}
    for relative in (*node["parents"], *node["children"]):
        names |= _tree_names(relative)
    return names


def test_auctions_family_trees_and_activity_show_the_names(
    app: APIFlask, api: FlaskClient, all_pets: list[Pet]
) -> None:
    child = next(pet for pet in all_pets if pet.matron_id)  # the one pet left unnamed
    store_names(
        engine_of(app),
        ((pet.id, f"Pet{pet.id}", pet.owner) for pet in all_pets if pet.id != child.id),
    )

    def named(pet_id: int) -> str | None:
        return None if pet_id == child.id else f"Pet{pet_id}"

    auctions = api.get("/api/v1/market/auctions?limit=100").get_json()["items"]
    assert auctions
    assert [item["pet"]["name"] for item in auctions] == [named(i["pet_id"]) for i in auctions]
    tree = _tree_names(api.get(f"/api/v1/pets/{child.id}/family").get_json()["root"])
    assert child.matron_id in tree and len(tree) > 2
    assert tree == {pet_id: named(pet_id) for pet_id in tree}
    # Activity and a pet's history: each event carries its pet's name.
    events = api.get("/api/v1/activity?limit=100").get_json()["items"]
    history = api.get(f"/api/v1/pets/{child.matron_id}/history").get_json()["items"]
    for event in [*events, *history]:
        assert event["pet_name"] == (named(event["pet_id"]) if event["pet_id"] else None)
    assert any(event["pet_name"] for event in events) and history


def test_a_name_given_through_one_worker_shows_in_the_others_kept_answers(
    app: APIFlask, api: FlaskClient, web_season: PetGame, two_pets: tuple[Pet, Pet], wall_now: int
) -> None:
    # Two apps on one database, as two gunicorn workers are: the other keeps the pet's page.
    other = create_app(app.config["SETTINGS"])
    try:
        pet = two_pets[0]
        page = f"/api/v1/pets/{pet.id}"
        assert other.test_client().get(page).get_json()["name"] is None
        assert name(api, pet, signed(web_season, pet, "Mochi", wall_now)).status_code == 200
        assert other.test_client().get(page).get_json()["name"] == "Mochi"
        renamed = name(api, pet, signed(web_season, pet, "Kuro", wall_now + 1))
        assert renamed.status_code == 200
        assert other.test_client().get(page).get_json()["name"] == "Kuro"
    finally:
        engine_of(other).dispose()


def test_the_data_version_reads_no_name(app: APIFlask) -> None:
    # Every worker reads it ten times a second: a scan of the names would grow with them.
    engine = engine_of(app)
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    engine_events.listen(engine, "before_cursor_execute", record)
    try:
        with engine.connect() as connection:
            data_version(connection)
    finally:
        engine_events.remove(engine, "before_cursor_execute", record)
    assert statements
    assert not [s for s in statements if re.search(r"\bpet_names\b", s)], statements


@pytest.mark.parametrize("same_name", [False, True])
def test_a_naming_that_loses_a_race_is_a_409_in_words(
    api: FlaskClient,
    app: APIFlask,
    web_season: PetGame,
    two_pets: tuple[Pet, Pet],
    wall_now: int,
    monkeypatch: pytest.MonkeyPatch,
    same_name: bool,
) -> None:
    """Another request's naming (of this pet, or of another pet with this name) committed
    between this one's read and its write: the unique index broke inside the name counter's
    UPDATE, outside the handler of the commit, and answered 500."""
    pet, other = two_pets
    real_key = naming.name_key

    def key_after_a_rival_commits(text: str) -> str:
        with Session(engine_of(app)) as session:  # what the other request wrote meanwhile
            rival = PetName(
                pet_id=other.id if same_name else pet.id,
                name="Rival" if not same_name else text,
                name_key=real_key("Rival" if not same_name else text),
                named_by=pet.owner,
                issued_at=wall_now,
                signature=b"\x00" * 65,
            )
            session.add(rival)
            count_name_change(session)
            session.commit()
        return real_key(text)

    monkeypatch.setattr(naming, "name_key", key_after_a_rival_commits)
    answer = name(api, pet, signed(web_season, pet, "Mochi", wall_now))
    assert answer.status_code == 409, answer.data
    code = answer.get_json()["error"]["code"]
    assert code == ("name_taken" if same_name else "pet_named_meanwhile")
