"""The live event stream in the web app: a page open on the market shows a new auction, and
the seller's bell counts the sale and tells it in words, without the page being reloaded.

Development accounts 5 (the seller; test_error_paths.py uses its wallet only, never its pets)
and 6 (the buyer, through the chain: test_error_paths.py lists another of its pets). The
chain moves are made from Python: the test is about what the seller's open page hears.
The open panel is photographed (artifacts/screenshots/notifications-desktop.png)."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import OpenPage
from tests.e2e.language import say
from tests.e2e.player import by_id, development_player
from tests.e2e.running_game import RunningGame

SELLER, BUYER = 5, 6
PRICE = 12 * 10**16  # wei: 0.12 ETH, a constant-price auction
STREAM_SECONDS = 30  # mined, indexed (the indexer polls every second), streamed, drawn


def test_a_sale_reaches_the_open_page_and_the_bell(
    game: RunningGame, open_page: OpenPage, screenshots: Path
) -> None:
    chain = game.game
    pet = game.pets_of(SELLER)[-1]
    seller_address, buyer_address = chain.account(SELLER), chain.account(BUYER)
    seller = development_player(game, open_page, SELLER)
    seller.visit("/market")
    expect(by_id(seller.page, "notice-count")).to_have_text("")
    seller.page.evaluate("window.notReloaded = true")  # gone if the page were loaded again

    # The seller puts the pet up for sale: the open market page shows it without a reload.
    chain.send(chain.pets.functions.setApprovalForAll(chain.auctions.address, True), seller_address)
    chain.send(
        chain.auctions.functions.createSaleAuction(pet, PRICE, PRICE, 86_400), seller_address
    )
    expect(seller.card(pet, by_id(seller.page, "market-results"))).to_be_visible(
        timeout=STREAM_SECONDS * 1000
    )

    # Another player buys it: the bell counts one unread notice, which says what happened.
    chain.send(chain.auctions.functions.bid(pet, 1), buyer_address, value=PRICE)
    expect(by_id(seller.page, "notice-count")).to_have_text("1", timeout=STREAM_SECONDS * 1000)
    by_id(seller.page, "notice-bell").click()
    notice = by_id(seller.page, "notice").first
    buyer_short = f"{buyer_address[:6].lower()}…{buyer_address[-4:].lower()}"
    sold = say("notice.sold", id=pet, buyer=buyer_short, price="0.12 ETH")
    expect(notice).to_have_text(re.compile(re.escape(sold)))

    expect(by_id(seller.page, "notice-count")).to_have_text("")  # read once the panel opened
    assert seller.page.evaluate("window.notReloaded") is True
    seller.page.screenshot(path=str(screenshots / "notifications-desktop.png"))

    # Read stays read after a reload (localStorage), and the notice is still listed.
    seller.visit("/activity")
    expect(by_id(seller.page, "notice-count")).to_have_text("")
    by_id(seller.page, "notice-bell").click()
    expect(by_id(seller.page, "notice")).to_have_count(1)
    seller.watched.assert_clean()
