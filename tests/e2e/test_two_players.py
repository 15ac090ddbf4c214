"""Two development players, each in their own browser context, play the game's loop.

Player 1 sees their generation-0 pets, breeds two of them, waits out the pregnancy (the
test moves the chain's clock), gives birth and lists the child by signing. Player 2 finds
the child through the market's filters, buys it and sees it under My pets; player 1's page
shows the sale. Then player 2 makes an offer on another of player 1's pets, which player 1
accepts. Every step goes through the web app's controls; the chain and the API are read
only to check what the pages say, and what they say in words: an empty market view says why
(not "0 pets"), Sign in says what it is for, a listed pet's form gives way to its listing,
the family tree names the matron and the sire, Activity has no raw event names.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.breeding import pick_pair
from tests.e2e.conftest import OpenPage
from tests.e2e.language import say, shape
from tests.e2e.player import by_id, development_player
from tests.e2e.running_game import RunningGame

PLAYER_1, PLAYER_2 = 1, 2  # development accounts (0 is the game's admin; 9 the relay's)
RAW_EVENT_NAMES = ("ApprovalForAll", "Withdrawn", "AuctionCreated", "ListingFilled", "Transfer")
LIST_PRICE = "0.25"  # ether
OFFER_PRICE = "0.05"


@pytest.mark.both_languages(
    "every step's words (transactions, empty views, the family tree, Activity's sentences)"
)
def test_breed_list_buy_offer_accept(game: RunningGame, open_page: OpenPage) -> None:
    one, two = (
        development_player(game, open_page, PLAYER_1),
        development_player(game, open_page, PLAYER_2),
    )
    matron, sire, offered = game.pets_of(PLAYER_1)[:3]

    # Nobody hires out a sire yet: the empty view says so, and how to change it.
    two.visit("/market?show=siring")
    expect(by_id(two.page, "market-empty")).to_contain_text(say("market.noSires"))
    expect(by_id(two.page, "market-count")).not_to_contain_text(say("market.count", count=0))

    # Player 1 sees their generation-0 pets under My pets; Sign in says what it is for.
    one.visit("/me")
    expect(by_id(one.page, "sign-in")).to_have_attribute("title", say("session.purpose"))
    for pet in game.pets_of(PLAYER_1):
        expect(one.card(pet)).to_be_visible()

    # ... breeds two of them, with the odds shown first.
    one.visit("/breed")
    pick_pair(one.page, matron, sire)
    expect(by_id(one.page, "breed-preview")).not_to_be_empty()
    expect(by_id(one.page, "breed-button")).to_be_enabled()
    by_id(one.page, "breed-button").click()
    one.expect_done(say("tx.breed", matron=matron, sire=sire))

    # The pregnancy runs its course on the chain's clock, moved by the test.
    due = game.game.pets.functions.getPet(matron).call()[2]
    game.advance(due - game.game.web3.eth.get_block("latest")["timestamp"] + 1)
    one.visit(f"/pets/{matron}")
    birth = by_id(one.page, "give-birth")
    expect(birth).to_be_enabled(timeout=15_000)  # the page follows the chain's clock
    birth.click()
    one.expect_done(say("tx.giveBirth", id=matron))
    child = game.api(f"/pets/{matron}/family?depth=1")["root"]["children"][0]["id"]
    assert game.api(f"/pets/{child}")["owner"] == one.address

    # ... and lists the child at a fixed price by signing (no transaction).
    one.visit(f"/pets/{child}")
    by_id(one.page, "list-price").fill(LIST_PRICE)
    by_id(one.page, "list-submit").click()
    one.expect_done(say("tx.list", id=child))
    expect(by_id(one.page, "listing-price")).to_contain_text(LIST_PRICE)
    expect(by_id(one.page, "list-form")).to_have_count(0)  # listed: the form gives way
    tree = by_id(one.page, "family-tree")
    expect(tree.locator(f'a[href="/pets/{matron}"]')).to_contain_text(say("family.matron"))
    expect(tree.locator(f'a[href="/pets/{sire}"]')).to_contain_text(say("family.sire"))

    # Player 2 finds it through the market's filters: fixed-price listings, generation 1+, up to 1 ETH.
    two.visit("/market")
    by_id(two.page, "filter-show").select_option("listed")
    by_id(two.page, "filter-gen-min").fill("1")
    by_id(two.page, "filter-price-max").fill("1")
    by_id(two.page, "filter-apply").click()
    results = by_id(two.page, "market-results")
    expect(two.card(child, results)).to_be_visible()
    for pet in game.pets_of(PLAYER_1):  # generation 0: filtered out
        expect(two.card(pet, results)).to_have_count(0)
    two.card(child, results).get_by_role("link").first.click()
    expect(by_id(two.page, "pet-page")).to_have_attribute("data-pet-id", str(child))

    # ... buys it, and sees it under My pets.
    by_id(two.page, "buy-button").click()
    two.expect_done(say("tx.buy", id=child))
    two.visit("/me")
    expect(two.card(child)).to_be_visible()

    # Player 1's page shows the sale.
    one.visit("/me")
    sale = one.page.locator(f'[data-testid="sale"][data-pet-id="{child}"]')
    expect(sale).to_be_visible()
    expect(sale).to_contain_text(say("player.sold"))
    expect(one.card(child)).to_have_count(0)

    # Player 2 offers on another of player 1's pets (wrapping ether into WETH first) ...
    two.visit(f"/pets/{offered}")
    by_id(two.page, "offer-price").fill(OFFER_PRICE)
    by_id(two.page, "offer-submit").click()
    two.expect_done(say("tx.offer", id=offered))

    # ... and player 1 sees the offer on the pet's page and accepts it.
    one.visit(f"/pets/{offered}")
    offer = by_id(one.page, "offer").filter(has_text=OFFER_PRICE)
    expect(offer).to_be_visible()
    offer.get_by_test_id("accept-offer").click()
    one.expect_done(say("tx.accept", id=offered))
    # Player 1 is owed the listing's ether and the offer's WETH: the top bar joins the two with
    # the language's "and", spaced off the amounts as the catalogues space a value ("0.23 ETH
    # 和 0.04 WETH"; the Chinese once read "ETH和0.04").
    earnings = by_id(one.page, "earnings-badge")
    expect(earnings).to_have_text(re.compile(r"ETH \S+ [\d.]+ WETH"), timeout=20_000)
    assert game.api(f"/pets/{offered}")["owner"] == two.address
    two.visit("/me")
    expect(two.card(offered)).to_be_visible()

    # Activity tells all of it in words (the accept needed an ApprovalForAll, for one), naming
    # the game's contracts as players know them, not by their addresses.
    one.visit("/activity")
    events = by_id(one.page, "event-list")
    book = say("contractName.OrderBook")
    expect(events).to_contain_text(shape("event.ApprovalForAll", operator=book))
    for name in RAW_EVENT_NAMES:
        expect(events).not_to_contain_text(name)

    one.watched.assert_clean()
    two.watched.assert_clean()
