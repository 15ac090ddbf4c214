"""Trait offers: a signed-in buyer's "any pet showing variant V of trait T" intent, matched
against owners' pets; an owner picks a pet; the buyer signs an ordinary Offer for it, which
the owner accepts on chain."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest import MonkeyPatch
from sqlalchemy.orm import Session

from pawchain.orderbook import trait_offers as intents
from pawchain.web.core.database import engine_of
from tests.backend.orderbook.book import Book, all_pages
from tests.backend.orderbook.strategies import FIELD_VALUES, JSON
from tests.support.market_moves import MAX_FEE_BPS


def _intent(trait: str, variant: int, max_price: int, expiry: int) -> dict[str, Any]:
    return {"trait": trait, "variant": variant, "max_price": str(max_price), "expiry": expiry}


def test_posting_a_trait_offer_needs_a_signed_in_buyer_and_sane_terms(book: Book):
    now = book.now()
    refused = book.api.post(
        "/api/v1/trait-offers", json=_intent("body_shape", 3, 10**16, now + 600)
    )
    assert (refused.status_code, refused.get_json()["error"]["code"]) == (401, "not_signed_in")
    buyer = book.signed_in(book.game.account(7))
    for body, status, code in (
        (_intent("wings", 3, 10**16, now + 600), 400, "invalid_parameter"),
        (_intent("body_shape", 31, 10**16, now + 600), 400, "invalid_parameter"),
        (_intent("body_shape", 3, 0, now + 600), 422, "price_too_low"),
        (_intent("body_shape", 3, 2**96, now + 600), 422, "price_too_high"),
        (_intent("body_shape", 3, 10**16, now - 1), 422, "order_expired"),
        ({**_intent("body_shape", 3, 10**16, now + 600), "colour": 1}, 400, "invalid_parameter"),
    ):
        response = buyer.post("/api/v1/trait-offers", json=body)
        assert (response.status_code, response.get_json()["error"]["code"]) == (status, code), (
            body,
            response.json,
        )
    made = buyer.post("/api/v1/trait-offers", json=_intent("body_shape", 3, 10**16, now + 600))
    assert made.status_code == 201, made.json
    assert (made.get_json()["buyer"], made.get_json()["state"]) == (book.game.account(7), "live")
    assert (
        book.api.get(f"/api/v1/trait-offers/{made.get_json()['id']}").get_json() == made.get_json()
    )


def test_a_trait_offer_posted_again_is_the_one_stored(book: Book, monkeypatch: MonkeyPatch):
    """A client retrying after a timeout, or two posts at once, store one offer; once it is
    withdrawn, the same terms make a new one."""
    address = book.game.account(5)
    buyer = book.signed_in(address)
    terms = _intent("eye_colour", 5, 3 * 10**16, book.now() + 900)
    first = buyer.post("/api/v1/trait-offers", json=terms)
    assert first.status_code == 201, first.json
    again = buyer.post("/api/v1/trait-offers", json=terms)
    assert (again.status_code, again.get_json()) == (200, first.get_json())

    # Two at once: the other request commits the same terms after this one looked for them.
    raced = {**terms, "expiry": terms["expiry"] + 1}
    look = intents._same_intent

    def look_then_lose_the_race(session: Session, who: str, intent: intents.Intent) -> Any:
        monkeypatch.setattr(intents, "_same_intent", look)
        with Session(engine_of(book.app)) as other:
            rival, stored_now = intents.post(other, who, intent, book.now())
            assert stored_now
            rivals.append(rival.id)
        return None

    rivals: list[int] = []
    monkeypatch.setattr(intents, "_same_intent", look_then_lose_the_race)
    lost = buyer.post("/api/v1/trait-offers", json=raced)
    assert (lost.status_code, lost.get_json()["id"]) == (200, rivals[0]), lost.json
    standing = [
        offer["id"]
        for offer in all_pages(book.api, f"/api/v1/trait-offers?buyer={address}&trait=eye_colour")
        if offer["state"] == "live"
    ]
    assert sorted(standing) == sorted([first.get_json()["id"], rivals[0]])

    buyer.post(f"/api/v1/trait-offers/{first.get_json()['id']}/withdraw")
    anew = buyer.post("/api/v1/trait-offers", json=terms)
    assert anew.status_code == 201 and anew.get_json()["id"] != first.get_json()["id"]


def test_from_intent_to_a_filled_offer(book: Book):
    game = book.game
    buyer_address, owner_address = game.account(7), game.account(8)
    pet, other_pet = book.pet_for(owner_address), book.pet_for(owner_address)
    book.sync()
    trait = "pattern"
    variant = book.api.get(f"/api/v1/pets/{pet}").get_json()["traits"][trait]["variant"]
    buyer, owner = book.signed_in(buyer_address), book.signed_in(owner_address)
    intent = buyer.post(
        "/api/v1/trait-offers", json=_intent(trait, variant, 4 * 10**16, book.now() + 3600)
    ).get_json()
    miss = buyer.post(
        "/api/v1/trait-offers", json=_intent(trait, (variant + 1) % 31, 10**16, book.now() + 3600)
    ).get_json()

    book.named(pet, "Mochi")

    # The owner sees which pets match which intents (the other buyer's only), by name.
    pairs = {
        (item["pet"]["id"], item["pet"]["name"], item["trait_offer"]["id"])
        for item in all_pages(
            book.api, f"/api/v1/trait-offers/matches?owner={owner_address.lower()}&limit=50"
        )
    }
    assert (pet, "Mochi", intent["id"]) in pairs and (pet, "Mochi", miss["id"]) not in pairs
    assert not {
        offer
        for _, offer in all_pages(
            book.api, f"/api/v1/trait-offers/matches?owner={buyer_address}&limit=50"
        )
        if offer in (intent["id"], miss["id"])
    }

    # The owner picks the pet; the buyer sees it.
    url = f"/api/v1/trait-offers/{intent['id']}/picks"
    first = owner.post(url, json={"pet_id": pet})
    assert first.status_code == 201, first.json
    assert owner.post(url, json={"pet_id": pet}).status_code == 200  # again: the same pick
    assert buyer.post(url, json={"pet_id": pet}).get_json()["error"]["code"] == "not_owner"
    if book.api.get(f"/api/v1/pets/{other_pet}").get_json()["traits"][trait]["variant"] != variant:
        assert (
            owner.post(url, json={"pet_id": other_pet}).get_json()["error"]["code"]
            == "pet_does_not_match"
        )
    assert first.get_json()["pet"]["name"] == "Mochi"
    assert [
        (item["pet_id"], item["pet"]["name"]) for item in book.api.get(url).get_json()["picks"]
    ] == [(pet, "Mochi")]

    # The buyer signs an ordinary Offer for the picked pet; the owner accepts it on chain.
    book.fund_offer(buyer_address, 4 * 10**16)
    signed = book.sign("offer", buyer_address, pet, 4 * 10**16)
    offer = book.submit("offer", signed)
    assert offer.status_code == 201, offer.json
    assert offer.get_json()["hash"] in {
        item["hash"] for item in book.api.get(f"/api/v1/pets/{pet}/orders").get_json()["offers"]
    }
    game.send(
        game.orders.functions.acceptOffer(signed.order, signed.signature, MAX_FEE_BPS),
        owner_address,
    )
    book.sync()
    assert book.state(offer.get_json()["hash"]) == "filled"
    assert game.pets.functions.ownerOf(pet).call() == buyer_address


def test_withdrawn_and_expired_intents_match_nothing(book: Book):
    game = book.game
    buyer_address, owner_address = game.account(7), game.account(8)
    pet = book.pet_for(owner_address)
    book.sync()
    variant = book.api.get(f"/api/v1/pets/{pet}").get_json()["traits"]["mouth"]["variant"]
    buyer = book.signed_in(buyer_address)
    withdrawn = buyer.post(
        "/api/v1/trait-offers", json=_intent("mouth", variant, 10**16, book.now() + 3600)
    ).get_json()
    expiring = buyer.post(
        "/api/v1/trait-offers", json=_intent("mouth", variant, 10**16, book.now() + 60)
    ).get_json()
    stranger = book.signed_in(game.account(6)).post(
        f"/api/v1/trait-offers/{withdrawn['id']}/withdraw"
    )
    assert (stranger.status_code, stranger.get_json()["error"]["code"]) == (
        409,
        "not_your_trait_offer",
    )
    assert (
        buyer.post(f"/api/v1/trait-offers/{withdrawn['id']}/withdraw").get_json()["state"]
        == "withdrawn"
    )
    game.advance(61)
    matched = {
        item["trait_offer"]["id"]
        for item in all_pages(
            book.api, f"/api/v1/trait-offers/matches?owner={owner_address}&limit=100"
        )
    }
    assert not matched & {withdrawn["id"], expiring["id"]}
    assert book.api.get(f"/api/v1/trait-offers/{expiring['id']}").get_json()["state"] == "expired"
    picked = book.signed_in(owner_address).post(
        f"/api/v1/trait-offers/{withdrawn['id']}/picks", json={"pet_id": pet}
    )
    assert (picked.status_code, picked.get_json()["error"]["code"]) == (409, "trait_offer_not_live")
    mine = all_pages(
        book.api, f"/api/v1/trait-offers?buyer={buyer_address}&state=withdrawn&limit=100"
    )
    assert withdrawn["id"] in {item["id"] for item in mine} and all(
        item["state"] == "withdrawn" for item in mine
    )


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    body=st.one_of(
        JSON,
        st.dictionaries(
            st.sampled_from(["trait", "variant", "max_price", "expiry", "pet_id", "x"]),
            FIELD_VALUES,
            max_size=5,
        ),
    ),
    path=st.sampled_from(
        ["/api/v1/trait-offers", "/api/v1/trait-offers/1/picks", "/api/v1/trait-offers/1/withdraw"]
    ),
)
def test_no_trait_offer_body_makes_a_server_error(book: Book, body: object, path: str):
    response = book.signed_in(book.game.account(5)).post(path, json=body)
    assert response.status_code < 500, (body, response.data[:300])
    if response.status_code >= 400:
        assert response.get_json()["error"]["status"] == response.status_code
