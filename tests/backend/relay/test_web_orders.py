"""Gasless order fills: a forward request whose inner call is OrderBook.acceptOffer,
cancelOrder or cancelAllOrders goes through /relay/forward like any other. A listing fill
pays ether, which the relay never sends: it stays a wallet transaction."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.backend.relay.conftest import Relay, WebMaker
from tests.backend.relay.relay_game import RelayGame, dev_key
from tests.backend.relay.signing import forward_body, signed_request
from tests.support.market_moves import MAX_FEE_BPS, order_hash, sign_order

SELLER, BUYER = 5, 6
PRICE = 10**17


def relayed(api: FlaskClient, relay: Relay, game: RelayGame, call: object, key_index: int) -> dict:
    """Forward `call` signed by development account `key_index`; the final status."""
    accepted = api.post(
        "/api/v1/relay/forward", json=forward_body(signed_request(game, call, dev_key(key_index)))
    )
    assert accepted.status_code == 202, accepted.json
    relay.settle()
    return api.get(f"/api/v1/relay/requests/{accepted.get_json()['id']}").get_json()


def test_offers_are_accepted_and_orders_cancelled_without_gas(
    make_web: WebMaker, relay: Relay, game: RelayGame
):
    api = make_web(relay).test_client()
    seller, buyer = game.account(SELLER), game.account(BUYER)
    pet, other_pet = game.mint(seller), game.mint(seller)
    game.send(
        game.weth.functions.deposit(), buyer, value=2 * PRICE
    )  # the buyer's own wallet transactions
    game.send(game.weth.functions.approve(game.orders.address, 2 * PRICE), buyer)
    seller_ether = game.web3.eth.get_balance(seller)
    # the seller lets the market move the pet, and accepts the buyer's offer: both relayed
    assert (
        relayed(
            api,
            relay,
            game,
            game.pets.functions.setApprovalForAll(game.orders.address, True),
            SELLER,
        )["state"]
        == "mined"
    )
    offer = sign_order(game, "Offer", buyer, pet, PRICE)
    weth_before = game.weth.functions.balanceOf(buyer).call()
    assert (
        relayed(
            api,
            relay,
            game,
            game.orders.functions.acceptOffer(offer.order, offer.signature, MAX_FEE_BPS),
            SELLER,
        )["state"]
        == "mined"
    )
    assert game.pets.functions.ownerOf(pet).call() == buyer
    assert (
        game.weth.functions.balanceOf(buyer).call() == weth_before - PRICE
    )  # the seller is credited (MarketPayments)
    assert game.web3.eth.get_balance(seller) == seller_ether  # the seller paid no gas

    # the buyer cancels another offer, relayed; accepting it is then refused with the book's error
    second = sign_order(game, "Offer", buyer, other_pet, PRICE)
    cancel = game.orders.functions.cancelOrder(order_hash(game, "Offer", second))
    assert relayed(api, relay, game, cancel, BUYER)["state"] == "mined"
    refused = api.post(
        "/api/v1/relay/forward",
        json=forward_body(
            signed_request(
                game,
                game.orders.functions.acceptOffer(second.order, second.signature, MAX_FEE_BPS),
                dev_key(SELLER),
            )
        ),
    )
    assert refused.status_code == 422
    assert refused.get_json()["error"]["details"]["error"] == "MarketOrderCancelled"

    counter = game.orders.functions.orderCounter(buyer).call()
    assert (
        relayed(api, relay, game, game.orders.functions.cancelAllOrders(), BUYER)["state"]
        == "mined"
    )
    assert game.orders.functions.orderCounter(buyer).call() == counter + 1


def test_a_listing_fill_stays_a_wallet_transaction(
    make_web: WebMaker, relay: Relay, game: RelayGame
):
    api = make_web(relay).test_client()
    seller = game.account(SELLER)
    pet = game.mint(seller)
    game.send(game.pets.functions.setApprovalForAll(game.orders.address, True), seller)
    listing = sign_order(game, "Listing", seller, pet, PRICE)
    body = forward_body(
        signed_request(
            game,
            game.orders.functions.fillListing(listing.order, listing.signature),
            dev_key(BUYER),
        )
    )
    body["request"]["value"] = str(PRICE)
    refused = api.post("/api/v1/relay/forward", json=body)
    assert (refused.status_code, refused.get_json()["error"]["code"]) == (
        422,
        "forward_request_value",
    )
