"""POST /api/v1/orders: every reason an order is refused (each its own code and message),
what a good order looks like stored, idempotent resubmission, and an unreachable chain."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from eth_keys.constants import SECPK1_N
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from pawchain.orderbook import MAX_PRICE
from pawchain.web import create_app
from pawchain.web.core.database import engine_of
from tests.backend.orderbook.book import Book, all_pages, payload
from tests.backend.orderbook.conftest import make_book
from tests.backend.orderbook.strategies import FIELD_VALUES, JSON
from tests.support import market_moves as market
from tests.support.databases import databases
from tests.support.market_moves import SignedOrder

YEAR = 365 * 86_400


def refused(response, status: int, code: str, *words: str) -> None:
    assert response.status_code == status, response.json
    error = response.get_json()["error"]
    assert (error["status"], error["code"]) == (status, code), error
    assert error["message"].endswith(".")
    for word in words:
        assert word in error["message"], (word, error["message"])


def test_a_good_listing_is_stored_live_with_its_hash_as_the_contract_computes_it(book: Book):
    seller = book.game.account(1)
    pet = book.pet_for(seller)
    signed = book.sign("listing", seller, pet, 10**17)
    response = book.submit("listing", signed)
    assert response.status_code == 201, response.json
    body = response.get_json()
    assert body["hash"] == "0x" + market.order_hash(book.game, "Listing", signed).hex()
    assert (body["kind"], body["signer"], body["pet_id"], body["price"], body["state"]) == (
        "listing",
        seller,
        pet,
        str(10**17),
        "live",
    )
    assert book.order(body["hash"]) == body


def test_the_same_order_twice_is_one_row_answered_200(book: Book):
    seller = book.game.account(2)
    pet, signed, order_hash = book.listed(seller, 5 * 10**16)
    again = book.submit("listing", signed)
    assert again.status_code == 200, again.json
    assert again.get_json()["hash"] == order_hash
    assert [
        item["hash"] for item in book.api.get(f"/api/v1/orders?pet={pet}").get_json()["items"]
    ] == [order_hash]


def test_a_good_offer_is_stored(book: Book):
    owner, buyer = book.game.account(1), book.game.account(3)
    pet = book.pet_for(owner)
    book.fund_offer(buyer, 2 * 10**16)
    response = book.submit("offer", book.sign("offer", buyer, pet, 2 * 10**16))
    assert response.status_code == 201, response.json
    assert (
        response.get_json()["kind"],
        response.get_json()["signer"],
        response.get_json()["state"],
    ) == ("offer", buyer, "live")


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda body: body["order"].update(signer="0x12"), ["order.signer", "address"]),
        (lambda body: body["order"].update(price="ten"), ["order.price", "wei"]),
        (lambda body: body["order"].update(price="-1"), ["order.price"]),
        (lambda body: body["order"].update(pet_id=0), ["order.pet_id"]),
        (lambda body: body["order"].update(expiry=1.5), ["order.expiry"]),
        (lambda body: body["order"].update(pet_id=1.5), ["order.pet_id"]),
        (lambda body: body["order"].update(max_fee_bps=100.5), ["order.max_fee_bps"]),
        (lambda body: body["order"].pop("counter"), ["order.counter", "Required"]),
        (lambda body: body["order"].update(colour="blue"), ["order.colour", "Unknown"]),
        (lambda body: body.update(kind="auction"), ["kind"]),
        (lambda body: body.update(signature="0xzz"), ["signature", "hex"]),
        (lambda body: body.update(order=[1, 2]), ["order"]),
    ],
    ids=[
        "signer",
        "price-text",
        "price-negative",
        "pet-zero",
        "expiry-float",
        "pet-id-fraction",
        "fee-limit-fraction",
        "counter-missing",
        "unknown-field",
        "kind",
        "signature-hex",
        "order-not-object",
    ],
)
def test_malformed_fields_are_400_naming_the_field(book: Book, change, words: list[str]):
    seller = book.game.account(1)
    body = payload("listing", book.sign("listing", seller, book.pet_for(seller), 10**16))
    change(body)
    refused(book.api.post("/api/v1/orders", json=body), 400, "invalid_parameter", *words)


def test_a_body_that_is_not_json_is_415(book: Book):
    response = book.api.post("/api/v1/orders", data="listing please", content_type="text/plain")
    assert response.status_code == 415 and response.get_json()["error"]["code"] == "json_required"


def test_price_and_expiry_must_be_sane(book: Book):
    game, seller = book.game, book.game.account(1)
    pet = book.pet_for(seller)
    nonce, counter, now = game.pets.functions.petNonce(pet).call(), 0, book.now()

    def terms(price: int, expiry: int):
        return market.sign_terms(game, "Listing", seller, pet, price, nonce, expiry, counter)

    refused(book.submit("listing", terms(0, now + 600)), 422, "price_too_low", "0 wei")
    refused(book.submit("listing", terms(MAX_PRICE + 1, now + 600)), 422, "price_too_high", "2^96")
    assert book.submit("listing", terms(MAX_PRICE, now + 600)).status_code == 201
    refused(book.submit("listing", terms(10**16, now - 5)), 422, "order_expired", str(now - 5))
    refused(
        book.submit("listing", terms(10**16, now + YEAR + 3600)), 422, "expiry_too_far", "a year"
    )


def test_signatures_the_contract_would_refuse_are_refused(book: Book):
    game, seller = book.game, book.game.account(1)
    pet = book.pet_for(seller)
    signed = book.sign("listing", seller, pet, 10**16)
    r, s, v = (
        signed.signature[:32],
        int.from_bytes(signed.signature[32:64], "big"),
        signed.signature[64],
    )
    refused(
        book.submit("listing", replace(signed, signature=signed.signature[:64])),
        422,
        "invalid_signature",
        "64 bytes",
    )
    refused(
        book.submit("listing", replace(signed, signature=signed.signature[:64] + bytes([v - 27]))),
        422,
        "invalid_signature",
        "27 or 28",
    )
    high_s = (
        r + (SECPK1_N - s).to_bytes(32, "big") + bytes([55 - v])
    )  # the malleable twin: same signer, high s
    refused(
        book.submit("listing", replace(signed, signature=high_s)),
        422,
        "invalid_signature",
        "lower half",
    )

    def signed_again(key_of: str | None = None, chain_id: int | None = None) -> SignedOrder:
        """The same listing signed again by another key or for another chain."""
        return market.sign_terms(
            game,
            "Listing",
            seller,
            pet,
            10**16,
            signed.order[3],
            signed.order[4],
            0,
            key_of,
            chain_id,
        )

    by_other = signed_again(key_of=game.account(2))
    refused(book.submit("listing", by_other), 422, "wrong_signer", game.account(2), seller)
    other_chain = signed_again(chain_id=game.web3.eth.chain_id + 1)
    refused(book.submit("listing", other_chain), 422, "wrong_signer", seller)
    as_offer = book.submit(
        "offer", replace(signed, max_fee_bps=None)
    )  # a Listing's signature is not an Offer's
    refused(as_offer, 422, "wrong_signer")


def test_the_pet_must_exist_and_not_be_in_an_auction(book: Book):
    game, seller = book.game, book.game.account(1)
    missing = book.submit(
        "listing",
        market.sign_terms(game, "Listing", seller, 99_999, 10**16, 0, book.now() + 600, 0),
    )
    refused(missing, 404, "pet_not_found", "99999")
    # a number, as every pet_not_found's details.pet_id (the pets' routes too)
    assert missing.get_json()["error"]["details"]["pet_id"] == 99_999
    pet = book.pet_for(seller)
    signed = book.sign("listing", seller, pet, 10**16)
    market.create_auction(game, pet, 10**17, 10**16, 3600)
    house_nonce = game.pets.functions.petNonce(pet).call()
    escrowed = market.sign_terms(
        game, "Listing", seller, pet, 10**16, house_nonce, book.now() + 600, 0
    )
    refused(book.submit("listing", escrowed), 409, "pet_in_auction", str(pet))
    refused(book.submit("listing", signed), 409, "pet_in_auction")


def test_a_listing_needs_the_owner_and_the_books_approval(book: Book):
    game = book.game
    owner, stranger = game.account(4), game.account(5)
    pet = book.pet_for(owner, approve=False)
    refused(
        book.submit("listing", book.sign("listing", stranger, pet, 10**16)),
        409,
        "not_owner",
        stranger,
        owner,
    )
    refused(
        book.submit("listing", book.sign("listing", owner, pet, 10**16)),
        409,
        "market_not_approved",
        "setApprovalForAll",
    )
    game.send(
        game.pets.functions.approve(game.orders.address, pet), owner
    )  # one pet's approval is enough
    assert book.submit("listing", book.sign("listing", owner, pet, 10**16)).status_code == 201


def test_an_offer_needs_weth_held_and_approved_and_someone_elses_pet(book: Book):
    game = book.game
    owner, buyer = game.account(1), game.account(6)
    pet = book.pet_for(owner)
    refused(book.submit("offer", book.sign("offer", owner, pet, 10**15)), 409, "own_pet")
    have = game.weth.functions.balanceOf(buyer).call()
    price = have + 10**15
    refused(
        book.submit("offer", book.sign("offer", buyer, pet, price)),
        409,
        "insufficient_weth",
        str(have),
        str(price),
    )
    book.fund_offer(buyer, 10**15, approve=False)
    allowance = game.weth.functions.allowance(buyer, game.orders.address).call()
    assert allowance < price
    refused(
        book.submit("offer", book.sign("offer", buyer, pet, price)),
        409,
        "weth_not_approved",
        str(allowance),
    )
    game.send(game.weth.functions.approve(game.orders.address, price), buyer)
    assert book.submit("offer", book.sign("offer", buyer, pet, price)).status_code == 201


def test_an_offer_the_buyers_credit_in_the_book_covers_needs_no_wallet_weth(book: Book):
    game = book.game
    owner, buyer = game.account(1), game.account(3)
    pet = book.pet_for(owner)
    credit = game.orders.functions.creditOf(buyer).call()[1]  # proceeds pay offers only
    funds = game.orders.functions.offerFundsOf(buyer).call()  # after a deposit: 0 or credit
    balance = game.weth.functions.balanceOf(buyer).call()
    price = max(credit, balance) + 10**15  # neither the credit nor the wallet covers it
    refused(
        book.submit("offer", book.sign("offer", buyer, pet, price)),
        409,
        "insufficient_weth",
        f"credit in the order book is {funds} wei",
        f"holds {balance} wei",
        str(price),
        "depositForOffers",
        "approve(orderBook, amount)",
    )
    game.send(game.orders.functions.depositForOffers(), buyer, value=price - credit - 1)
    refused(  # one wei short: the credit never pays part of a price
        book.submit("offer", book.sign("offer", buyer, pet, price)),
        409,
        "insufficient_weth",
        f"is {price - 1} wei",
    )
    deposit = game.send(game.orders.functions.depositForOffers(), buyer, value=1)
    assert game.weth.functions.balanceOf(buyer).call() < price
    assert book.submit("offer", book.sign("offer", buyer, pet, price)).status_code == 201
    book.sync()  # a deposit is in the activity log, about no pet, like a withdrawal
    (logged,) = [
        item
        for item in all_pages(book.api, "/api/v1/activity?event=DepositedForOffers")
        if item["tx_hash"] == deposit["transactionHash"].to_0x_hex()
    ]
    assert (logged["pet_id"], logged["args"]["amount"]) == (None, "1")
    assert logged["args"]["account"].lower() == buyer.lower()


def test_the_nonce_and_counter_must_be_current_and_the_order_not_cancelled(book: Book):
    game, seller = book.game, book.game.account(2)
    pet = book.pet_for(seller)
    nonce, expiry = game.pets.functions.petNonce(pet).call(), book.now() + 3600
    counter = game.orders.functions.orderCounter(seller).call()
    refused(
        book.submit(
            "listing",
            market.sign_terms(game, "Listing", seller, pet, 10**16, nonce + 1, expiry, counter),
        ),
        409,
        "stale_pet_nonce",
        f"nonce {nonce + 1}",
        f"is {nonce}",
    )
    refused(
        book.submit(
            "listing",
            market.sign_terms(game, "Listing", seller, pet, 10**16, nonce, expiry, counter + 1),
        ),
        409,
        "stale_counter",
        f"counter {counter + 1}",
    )
    signed = market.sign_terms(game, "Listing", seller, pet, 10**16, nonce, expiry, counter)
    market.cancel_order(game, "Listing", signed)
    refused(book.submit("listing", signed), 409, "order_cancelled", seller)


def test_a_listing_signs_a_fee_limit_that_covers_the_fees_in_force(book: Book):
    game, seller = book.game, book.game.account(2)
    pet = book.pet_for(seller)
    nonce, expiry = game.pets.functions.petNonce(pet).call(), book.now() + 3600
    counter = game.orders.functions.orderCounter(seller).call()
    fees = (
        game.orders.functions.cutBps().call() + game.pets.functions.royaltyInfo(0, 10_000).call()[1]
    )

    def listing(limit: int):
        return market.sign_terms(
            game, "Listing", seller, pet, 10**16, nonce, expiry, counter, max_fee_bps=limit
        )

    refused(
        book.submit("listing", listing(fees - 1)),
        409,
        "fee_limit_too_low",
        f"at most {fees - 1} bps",
        f"{fees} bps",
    )
    refused(
        book.submit("listing", replace(listing(fees), max_fee_bps=None)),
        422,
        "fee_limit_missing",
        "max_fee_bps",
    )
    refused(
        book.submit("listing", replace(listing(fees), max_fee_bps=10_001)),
        422,
        "fee_limit_out_of_range",
        "10000",
    )
    created = book.submit("listing", listing(fees))
    assert created.status_code == 201 and created.get_json()["max_fee_bps"] == fees
    buyer = game.account(6)
    book.fund_offer(buyer, 10**15)
    offer = book.sign("offer", buyer, pet, 10**15)
    refused(
        book.submit("offer", replace(offer, max_fee_bps=fees)),
        422,
        "fee_limit_not_signed",
        "own limit",
    )
    created = book.submit("offer", offer)
    assert created.status_code == 201 and created.get_json()["max_fee_bps"] is None


def test_an_unreachable_chain_is_a_503(book: Book, tmp_path: Path):
    engines: list[Engine] = []
    backend = book.indexer.sessions.kw["bind"].dialect.name
    with databases(backend, tmp_path) as make:
        offline = make_book(book.game, make(), tmp_path, engines, rpc_url="http://127.0.0.1:9")
        seller = book.game.account(1)
        signed = book.sign("listing", seller, book.pet_for(seller), 10**16)
        response = offline.api.post("/api/v1/orders", json=payload("listing", signed))
        refused(response, 503, "chain_unavailable", "cannot be reached")
        engine_of(offline.app).dispose()
        for engine in engines:
            engine.dispose()


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    kind=FIELD_VALUES,
    fields=st.dictionaries(
        st.sampled_from(
            ["signer", "pet_id", "price", "pet_nonce", "expiry", "counter", "max_fee_bps", "extra"]
        ),
        FIELD_VALUES,
        max_size=8,
    ),
    signature=FIELD_VALUES,
    whole=st.one_of(st.none(), JSON),
)
def test_no_body_makes_a_server_error(
    book: Book, kind: object, fields: dict, signature: object, whole: object
):
    body = whole if whole is not None else {"kind": kind, "order": fields, "signature": signature}
    response = book.api.post("/api/v1/orders", json=body)
    assert response.status_code < 500, (body, response.data[:300])
    assert response.get_json()["error"]["status"] == response.status_code


def test_a_server_without_a_deployment_record_is_a_503(book: Book, tmp_path: Path):
    settings = replace(book.app.config["SETTINGS"], deployment_path=tmp_path / "missing.json")
    app = create_app(settings)
    try:
        seller = book.game.account(1)
        signed = book.sign("listing", seller, book.pet_for(seller), 10**16)
        refused(
            app.test_client().post("/api/v1/orders", json=payload("listing", signed)),
            503,
            "chain_not_configured",
        )
    finally:
        engine_of(app).dispose()
