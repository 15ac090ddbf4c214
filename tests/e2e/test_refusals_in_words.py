"""Every refusal a player can reach, in words: the page is a moment behind the chain (another
tab bred the sire, the seller relisted or cancelled, a rising price rose), so the contract
refuses, and the player reads why with the pet's number and the time to wait, never
"contract refused".

Development accounts 7 and 8 (test_sessions.py signs in with them; their pets are untouched
there), so the order of the tests does not matter."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.breeding import pick_pair
from tests.e2e.conftest import OpenPage
from tests.e2e.language import refusal, say, shape
from tests.e2e.player import by_id, development_player
from tests.e2e.running_game import RunningGame
from tests.e2e.test_error_paths import foreign_listing

BREEDER, SELLER = 7, 8


def pet_words(number: int) -> str:
    """A pet as a refusal names it ("pet #5")."""
    return say("refusal.pet", id=number)


DEAR = 10**18  # wei: an auction's start price
CHEAP = 10**17


@pytest.mark.both_languages(
    "the contracts' refusals as the app words them (refusals.json), times and numbers filled in"
)
def test_each_refusal_a_player_can_reach_is_said_in_words(
    game: RunningGame, open_page: OpenPage
) -> None:
    matron, sire, other = game.pets_of(BREEDER)[:3]
    auctioned, listed = game.pets_of(SELLER)[:2]
    chain = game.game
    seller = chain.account(SELLER)

    # A second tab of the breeder's has the sire chosen for another matron ...
    late_tab = development_player(game, open_page, BREEDER)
    late_tab.visit("/breed")
    pick_pair(late_tab.page, other, sire)
    expect(by_id(late_tab.page, "breed-button")).to_be_enabled()

    # ... while the first tab breeds it: the sire rests, the matron is pregnant. This tab hears
    # no live events (its stream answered 204: no stream), so its pages stay as they were drawn,
    # a moment behind the chain: a pet's page would otherwise draw a relisted auction again.
    breeder = development_player(game, open_page, BREEDER)
    breeder.page.route("**/api/v1/stream**", lambda route: route.fulfill(status=204))
    breeder.visit("/breed")
    pick_pair(breeder.page, matron, sire)
    expect(by_id(breeder.page, "breed-button")).to_be_enabled()
    by_id(breeder.page, "breed-button").click()
    breeder.expect_done(say("tx.breed", matron=matron, sire=sire))

    by_id(late_tab.page, "breed-button").click()
    said = late_tab.expect_failed(say("tx.breed", matron=other, sire=sire), "PetCoolingDown")
    # "in 12 min": a time still to wait, not "now"
    resting = refusal("PetCoolingDown", petId=pet_words(sire), readyAt=shape("time.in"))
    assert resting.fullmatch(said), said

    # A birth sent too early says when she is due.
    breeder.visit(f"/pets/{matron}")
    by_id(breeder.page, "give-birth").click()
    said = breeder.expect_failed(say("tx.giveBirth", id=matron), "PetGestationNotOver")
    due = refusal("PetGestationNotOver", matronId=pet_words(matron), dueAt=shape("time.in"))
    assert due.fullmatch(said), said

    # A buyer looks at an auction; the seller takes it down and puts it up again.
    chain.send(chain.pets.functions.setApprovalForAll(chain.auctions.address, True), seller)
    _auction(game, auctioned, seller)
    breeder.visit(f"/pets/{auctioned}")
    expect(by_id(breeder.page, "buy-auction")).to_be_visible()
    chain.send(chain.auctions.functions.cancelAuction(auctioned), seller)
    _auction(game, auctioned, seller)
    by_id(breeder.page, "buy-auction").click()
    said = breeder.expect_failed(say("tx.bid", id=auctioned), "MarketAuctionChanged")
    assert refusal("MarketAuctionChanged", petId=pet_words(auctioned)).fullmatch(said), said

    # A rising auction's price passed the one the page showed: the bid sent is short.
    chain.send(chain.auctions.functions.cancelAuction(auctioned), seller)
    chain.send(chain.auctions.functions.createSaleAuction(auctioned, CHEAP, DEAR, 3_600), seller)
    breeder.visit(f"/pets/{auctioned}")
    expect(by_id(breeder.page, "buy-auction")).to_be_visible()
    game.advance(1_800)
    by_id(breeder.page, "buy-auction").click()
    said = breeder.expect_failed(say("tx.bid", id=auctioned), "MarketBidTooLow")
    sent_too_little = refusal("MarketBidTooLow", sent=re.compile(r"0\.1\d* ETH"))
    assert sent_too_little.fullmatch(said), said

    # A buyer looks at a listing the seller then cancels: the signed order is void.
    chain.send(chain.pets.functions.setApprovalForAll(chain.orders.address, True), seller)
    answer = breeder.page.request.post(
        f"{game.url}/api/v1/orders", data=foreign_listing(game, seller, listed)
    )
    assert answer.ok, answer.text()
    breeder.visit(f"/pets/{listed}")
    expect(by_id(breeder.page, "buy-button")).to_be_visible()
    chain.send(chain.orders.functions.cancelOrder(answer.json()["hash"]), seller)
    by_id(breeder.page, "buy-button").click()
    said = breeder.expect_failed(say("tx.buy", id=listed), "MarketOrderCancelled")
    assert refusal("MarketOrderCancelled").fullmatch(said), said

    for player in (late_tab, breeder):
        player.watched.assert_clean()


def _auction(game: RunningGame, pet: int, seller: str) -> None:
    """A sale auction of `pet` from 1 to 0.1 ETH over a day, started on the chain."""
    chain = game.game
    chain.send(chain.auctions.functions.createSaleAuction(pet, DEAR, CHEAP, 86_400), seller)
