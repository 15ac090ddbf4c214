"""What a player sees when something goes wrong: not enough ether, a listing a fee raise
made unfillable, an offer beyond the player's WETH (said before signing), a listing of someone
else's pet, a wallet on the wrong network, a signature refused in the wallet, a form's earlier
message when the browser's own validation blocks the next submit. Each test uses development
accounts of its own (3 to 6), so the order of the tests does not matter."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from playwright.sync_api import expect

from pawchain.chain.typed_data import ORDER_TYPES
from tests.e2e.conftest import OpenPage
from tests.e2e.injected_wallet import MAINNET, injected_wallet
from tests.e2e.injected_wallet import NAME as WALLET_NAME
from tests.e2e.language import say, shape
from tests.e2e.offer_cover import offer_cover
from tests.e2e.player import Player, by_id, development_player
from tests.e2e.running_game import RunningGame

SELLER, POOR_BUYER, WRONG_NETWORK, REFUSER = 3, 4, 5, 6
TOO_DEAR = "20000"  # ether: twice what a development account holds
WALLET_OPTION = "wallet-option-test.pawchain.wallet"
INDEXED_SECONDS = 30


def injected_player(game: RunningGame, open_page: OpenPage, account: int, **wallet: Any) -> Player:
    """A player whose browser has the test wallet (injected_wallet.js), chosen in the picker."""
    address = game.game.account(account)
    who = Player(
        open_page(init_script=injected_wallet(address, game.server.rpc_url, **wallet)),
        game.url,
        address,
    )
    who.visit("/")
    # A fresh browser connects the development wallet by itself first; then the player
    # opens the picker from it ("Wallet") and chooses the injected one.
    by_id(who.page, "wallet-change").click()
    by_id(who.page, WALLET_OPTION).click()
    expect(by_id(who.page, "wallet-name")).to_have_text(WALLET_NAME)
    return who


@pytest.mark.both_languages("the failure's words, from the catalogue")
def test_not_enough_ether_is_said_plainly(game: RunningGame, open_page: OpenPage) -> None:
    pet = game.pets_of(SELLER)[0]
    seller = development_player(game, open_page, SELLER)
    seller.visit(f"/pets/{pet}")
    by_id(seller.page, "list-price").fill(TOO_DEAR)
    by_id(seller.page, "list-submit").click()
    seller.expect_done(say("tx.list", id=pet))

    buyer = development_player(game, open_page, POOR_BUYER)
    buyer.visit(f"/pets/{pet}")
    by_id(buyer.page, "buy-button").click()
    message = buyer.expect_failed(say("tx.buy", id=pet), "insufficient_funds")
    assert message == say("error.funds"), message
    assert game.api(f"/pets/{pet}")["owner"].lower() == seller.address.lower()

    # The app signed the listing with the fees in force as its limit: one bps more and no
    # fill can succeed, so no buyer is offered it and its seller is told why.
    with cut_raised(game):
        deadline = time.monotonic() + INDEXED_SECONDS
        while not game.api(f"/orders?pet={pet}&state=fees_above_limit")["items"]:
            assert time.monotonic() < deadline, (
                f"the fee raise over pet {pet}'s listing was not indexed"
            )
            time.sleep(0.3)
        buyer.visit(f"/pets/{pet}")
        expect(by_id(buyer.page, "pet-actions")).not_to_contain_text(say("pet.lookingAtMarket"))
        expect(by_id(buyer.page, "buy-button")).to_have_count(0)
        seller.visit(f"/pets/{pet}")
        expect(by_id(seller.page, "listing-over-fee-limit")).to_have_text(
            shape("petMarket.feesAboveLimit")
        )


@contextmanager
def cut_raised(game: RunningGame) -> Iterator[None]:
    """The order book's cut one basis point higher, then back whatever happens."""
    chain, admin = game.game, game.game.account(0)
    cut = chain.orders.functions.cutBps().call()
    chain.send(chain.orders.functions.setCutBps(cut + 1), admin)
    try:
        yield
    finally:
        chain.send(chain.orders.functions.setCutBps(cut), admin)


@pytest.mark.both_languages("an offer's shortfall in words, from the catalogue")
def test_an_offer_beyond_the_players_weth_is_said_before_signing(
    game: RunningGame, open_page: OpenPage
) -> None:
    pet = game.pets_of(SELLER)[1]
    buyer = development_player(game, open_page, POOR_BUYER)
    buyer.visit(f"/pets/{pet}")
    cover = by_id(buyer.page, "offer-cover")
    for price in (TOO_DEAR, "1"):  # more than all the player holds; more than their WETH
        by_id(buyer.page, "offer-price").fill(price)
        said = offer_cover(game, buyer.address, int(price) * 10**18, "money.offerNeedsSteps")
        assert said, price
        expect(cover).to_have_text(said)
    by_id(buyer.page, "offer-price").fill("")
    expect(cover).to_be_empty()
    buyer.watched.assert_clean()


def test_a_form_the_browser_blocks_drops_its_earlier_message(
    game: RunningGame, open_page: OpenPage
) -> None:
    player = development_player(game, open_page, SELLER)
    player.visit("/me")
    problem = by_id(player.page, "wrap-form").locator(".form-error")
    by_id(player.page, "wrap-amount").fill("abc")
    by_id(player.page, "wrap-submit").click()  # the app's own check: not an amount
    expect(problem).not_to_be_empty()
    by_id(player.page, "wrap-amount").fill("")
    by_id(player.page, "wrap-submit").click()  # required: the browser blocks this submit
    expect(problem).to_be_empty()
    player.watched.assert_clean()


@pytest.mark.both_languages("the pet's actions, read for the market's words in the run's language")
def test_a_listing_of_someone_elses_pet_is_refused(game: RunningGame, open_page: OpenPage) -> None:
    """The page offers no listing of another's pet; signed and sent to the API anyway (as a
    script could), it is refused with a 4xx in the API's error shape."""
    pet = game.pets_of(POOR_BUYER)[1]
    signer = game.game.account(SELLER)
    player = development_player(game, open_page, SELLER)
    player.visit(f"/pets/{pet}")
    expect(by_id(player.page, "pet-actions")).not_to_contain_text(say("pet.lookingAtMarket"))
    expect(by_id(player.page, "list-form")).to_have_count(0)

    order = foreign_listing(game, signer, pet)
    answer = player.page.request.post(
        f"{game.url}/api/v1/orders", data=order, fail_on_status_code=False
    )
    assert 400 <= answer.status < 500, (answer.status, answer.text())
    error = answer.json()["error"]
    assert error["status"] == answer.status and error["code"] and error["message"], error
    assert game.api(f"/pets/{pet}/orders")["best_listing"] is None


def foreign_listing(game: RunningGame, signer: str, pet: int) -> dict[str, object]:
    """A listing of `pet` by `signer`, who does not own it, signed by Ganache (EIP-712 with
    the order book's domain, as the web app signs: frontend/src/orders.ts)."""
    chain = game.game
    pet_nonce = chain.pets.functions.petNonce(pet).call()
    counter = chain.orders.functions.orderCounter(signer).call()
    expiry = chain.web3.eth.get_block("latest")["timestamp"] + 86_400
    max_fee_bps = 2_000  # above any cut + royalty the admin may set
    typed = {
        "types": {
            "EIP712Domain": [
                {"name": "name", "type": "string"},
                {"name": "version", "type": "string"},
                {"name": "chainId", "type": "uint256"},
                {"name": "verifyingContract", "type": "address"},
            ],
            "Listing": ORDER_TYPES["Listing"],
        },
        "primaryType": "Listing",
        "domain": {
            "name": "Pawchain OrderBook",
            "version": "1",
            "chainId": chain.web3.eth.chain_id,
            "verifyingContract": chain.orders.address,
        },
        # Numbers as decimal strings: Ganache's encoder refuses JSON numbers past 2**53.
        "message": {
            "seller": signer,
            "petId": str(pet),
            "price": str(10**17),
            "petNonce": str(pet_nonce),
            "expiry": str(expiry),
            "maxFeeBps": str(max_fee_bps),
            "counter": str(counter),
        },
    }
    signature = chain.rpc(
        "eth_signTypedData_v4", signer, typed
    )  # Ganache takes the object, not its JSON
    return {
        "kind": "listing",
        "order": {
            "signer": signer,
            "pet_id": pet,
            "price": str(10**17),
            "pet_nonce": str(pet_nonce),
            "expiry": str(expiry),
            "counter": str(counter),
            "max_fee_bps": max_fee_bps,
        },
        "signature": signature,
    }


def test_a_wallet_on_another_network_is_asked_to_switch(
    game: RunningGame, open_page: OpenPage
) -> None:
    player = injected_player(game, open_page, WRONG_NETWORK, chain_id=MAINNET)
    prompt = by_id(player.page, "wrong-network")
    expect(prompt).to_be_visible()
    expect(prompt).to_contain_text(str(MAINNET))
    by_id(player.page, "switch-network").click()
    expect(prompt).to_have_count(0)
    assert "wallet_switchEthereumChain" in player.page.evaluate("window.__testWallet.calls")
    player.watched.assert_clean()


@pytest.mark.both_languages("the refusal's words, from the catalogue")
def test_a_refused_signature_is_said_plainly(game: RunningGame, open_page: OpenPage) -> None:
    pet = game.pets_of(REFUSER)[0]
    player = injected_player(game, open_page, REFUSER, reject_signatures=True)
    player.visit(f"/pets/{pet}")
    by_id(player.page, "list-price").fill("0.1")
    by_id(player.page, "list-submit").click()
    # The first signature asked (the order book's one-time approval, then the listing) is refused.
    message = player.expect_failed("", "rejected")
    assert message == say("error.rejected"), message

    assert game.api(f"/pets/{pet}/orders")["best_listing"] is None
    player.watched.assert_clean()
