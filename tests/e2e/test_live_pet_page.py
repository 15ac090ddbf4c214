"""A pet's page is live: while its owner has it open, another player's moves on the pet (an
auction put up, a purchase) show on it without a reload; the page once kept showing a sold
pet's auction, and its owner, until reloaded. The chain's moves are made from Python: the
test is about what the open page hears."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import OpenPage
from tests.e2e.player import by_id, development_player
from tests.e2e.running_game import RunningGame

OWNER, BUYER = 5, 6  # account 5's third pet: the other tests use its first two
PRICE = 3 * 10**16  # wei: a constant-price auction
STREAM_SECONDS = 30  # mined, indexed (the indexer polls every second), streamed, drawn


def test_the_open_pet_page_shows_its_auction_and_sale_without_a_reload(
    game: RunningGame, open_page: OpenPage
) -> None:
    chain = game.game
    pet = game.pets_of(OWNER)[2]
    owner, buyer = chain.account(OWNER), chain.account(BUYER)
    player = development_player(game, open_page, OWNER)
    player.visit(f"/pets/{pet}")
    expect(by_id(player.page, "auction-form")).to_be_visible()  # the owner's forms
    player.page.evaluate("window.notReloaded = true")  # gone if the page were loaded again

    chain.send(chain.pets.functions.setApprovalForAll(chain.auctions.address, True), owner)
    chain.send(chain.auctions.functions.createSaleAuction(pet, PRICE, PRICE, 86_400), owner)
    expect(by_id(player.page, "auction-box")).to_be_visible(timeout=STREAM_SECONDS * 1000)

    chain.send(chain.auctions.functions.bid(pet, 1), buyer, value=PRICE)
    owner_line = player.page.locator(f'[data-testid="pet-page"] a[href="/players/{buyer}"]')
    expect(owner_line.first).to_be_visible(timeout=STREAM_SECONDS * 1000)
    expect(by_id(player.page, "auction-box")).to_have_count(0)
    expect(by_id(player.page, "auction-form")).to_have_count(0)  # no longer the owner's
    assert player.page.evaluate("window.notReloaded") is True
    player.watched.assert_clean()
