"""Trait offers in the app, then what the sale shows on the market's insight pages.

A buyer signs in and posts two trait offers: one that a seller's pet matches (eye colour,
chosen by trait, tier and variant) and one that none of the seller's pets can fill. The
seller is told why for the second, is offered only the matching pets for the first, and
picks one; the buyer signs a WETH offer for it (wrapping ether and approving the order book
first) and the seller accepts it on the pet's page. The pet's price history and the trait's
then show the sale, in a chart with a caption and a table of its numbers, on a phone screen
too; the market sorts by rarity rank. Screenshots in artifacts/screenshots/.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from pawchain.render.names import MUTATION_TIER_NAMES
from tests.e2e.browser import PHONE
from tests.e2e.conftest import OpenPage
from tests.e2e.language import say, shape, start_of
from tests.e2e.layout import drawn_box
from tests.e2e.offer_cover import offer_cover
from tests.e2e.player import Player, by_id, development_player
from tests.e2e.running_game import RunningGame

# Development accounts: the sessions tests use 7 and 8 only to sign in and out (no pets
# moved), which these steps do not depend on.
BUYER, SELLER = 7, 8
TRAIT = "eye_colour"
PRICE = "0.04"  # ether
PHONE_WIDTH = PHONE["width"]


def trait_offer(player: Player, offer_id: int) -> Any:
    return player.page.locator(f'[data-testid="trait-offer"][data-id="{offer_id}"]')


def sign_in_on_the_page(player: Player) -> None:
    by_id(player.page, "to-sign-in").click()
    expect(by_id(player.page, "trait-offer-form")).to_be_visible()


def post_trait_offer(
    game: RunningGame, player: Player, variant: dict[str, Any], price: str
) -> None:
    page = player.page
    by_id(page, "to-trait").select_option(TRAIT)
    by_id(page, "to-tier").select_option(variant["tier_name"])
    by_id(page, "to-variant").select_option(str(variant["value"]))
    by_id(page, "to-price").fill(price)
    # Before posting, the form says what such an offer needs beside the WETH the buyer holds.
    need = int(Decimal(price) * 10**18)
    cover = offer_cover(game, player.address, need, "traitOffer.needsSteps")
    expect(by_id(page, "to-cover")).to_have_text(cover)
    by_id(page, "to-submit").click()
    expect(by_id(page, "my-trait-offers")).to_contain_text(variant["name"])


def nothing_scrolls_sideways(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{page.url} is {width} px wide on a {PHONE_WIDTH} px screen"


@pytest.mark.both_languages(
    "a trait offer's refusal and pick, the charts' captions; on a phone, nothing wider than the screen"
)
def test_a_trait_offer_is_made_filled_and_accepted_then_charted(
    game: RunningGame, open_page: OpenPage, screenshots: Path
) -> None:
    buyer = development_player(game, open_page, BUYER)
    seller = development_player(game, open_page, SELLER)
    # The seller's pets now (earlier tests of the session may have traded its seed pets).
    owned = game.api(f"/pets?owner={seller.address}&limit=100")["items"]
    pets = {pet["id"]: game.api(f"/pets/{pet['id']}") for pet in owned}
    pet = next(iter(pets))
    shown = pets[pet]["traits"][TRAIT]
    variants = game.api("/stats")["traits"][TRAIT]
    wanted = next(v for v in variants if v["value"] == shown["variant"])
    seller_shows = {p["traits"][TRAIT]["variant"] for p in pets.values()}
    absent = next(v for v in variants if v["value"] not in seller_shows)

    # The buyer finds trait offers from the market, signs in, and posts two.
    buyer.visit("/market")
    by_id(buyer.page, "market-trait-offers").click()
    sign_in_on_the_page(buyer)
    post_trait_offer(game, buyer, wanted, PRICE)
    post_trait_offer(game, buyer, absent, "0.01")
    newest, older = game.api(f"/trait-offers?buyer={buyer.address}&state=live")["items"][:2]
    assert (older["variant"], older["max_price"]) == (wanted["value"], "40000000000000000")
    buyer.page.screenshot(path=str(screenshots / "trait-offers-made-desktop.png"), full_page=True)

    # The seller cannot fill the second (and is told why) and fills the first with a match.
    seller.visit("/trait-offers")
    sign_in_on_the_page(seller)
    trait_offer(seller, newest["id"]).get_by_test_id("to-fill").click()
    refusal = trait_offer(seller, newest["id"]).get_by_test_id("to-fill-refusal")
    eye_colour = say(f"trait.{TRAIT}")
    absent_tier = say(f"mutation.{MUTATION_TIER_NAMES.index(absent['tier_name'])}")
    wants = say("traitOffer.wanted", trait=eye_colour, name=absent["name"], tier=absent_tier)
    expect(refusal).to_contain_text(start_of("traitOffer.cannotFill", want=wants))
    expect(refusal).to_contain_text(shown["name"])  # what the seller's pets show instead
    mine = trait_offer(seller, older["id"])
    mine.get_by_test_id("to-fill").click()
    matching = {
        p for p, body in pets.items() if body["traits"][TRAIT]["variant"] == wanted["value"]
    }
    options = mine.get_by_test_id("to-fill-pet").locator("option")
    expect(options).to_have_count(len(matching))
    assert {int(value) for value in options.evaluate_all("o => o.map(x => x.value)")} == matching
    mine.get_by_test_id("to-fill-pet").select_option(str(pet))
    mine.get_by_test_id("to-fill-submit").click()
    expect(mine.get_by_test_id("to-picked")).to_contain_text(start_of("traitOffer.picked", id=pet))

    # The buyer sees the pick and makes the WETH offer for it; the seller accepts it.
    buyer.visit("/trait-offers")
    pick = trait_offer(buyer, older["id"]).locator(f'[data-testid="to-pick"][data-pet-id="{pet}"]')
    pick.get_by_test_id("to-make-offer").click()
    buyer.expect_done(say("tx.offer", id=pet))
    seller.visit(f"/pets/{pet}")
    offer = by_id(seller.page, "offer").filter(has_text=PRICE)
    offer.get_by_test_id("accept-offer").click()
    seller.expect_done(say("tx.accept", id=pet))
    assert game.api(f"/pets/{pet}")["owner"] == buyer.address

    # The pet's price history shows the sale: a chart, its caption and its numbers.
    buyer.visit(f"/pets/{pet}")
    caption = by_id(buyer.page, "price-caption")
    sold_once = shape(
        "chart.sales", count=1, subject=say("pet.ofPet", id=pet), volume=f"{PRICE} ETH"
    )
    expect(caption).to_contain_text(sold_once)
    expect(buyer.page.locator(".chart-box canvas")).to_have_attribute(
        "aria-label", caption.inner_text()
    )
    expect(by_id(buyer.page, "price-table")).to_contain_text(f"{PRICE} ETH")

    # The trait's price history, floor and volume; then on a phone, nothing wider than it.
    path = f"/prices?by=trait&trait={TRAIT}&variant={wanted['value']}&days=30"
    buyer.visit(path)
    of_trait = say("prices.ofTrait", trait=eye_colour, name=wanted["name"])
    expect(by_id(buyer.page, "price-caption")).to_contain_text(of_trait)
    expect(by_id(buyer.page, "volume")).not_to_have_text("0 ETH")
    expect(by_id(buyer.page, "floor-price")).not_to_be_empty()
    phone = open_page(PHONE)
    phone.page.goto(game.url + path)
    canvas = phone.page.locator(".chart-box canvas")
    expect(canvas).to_be_visible()
    box = drawn_box(canvas)
    assert box["x"] > 0 and box["x"] + box["width"] <= PHONE_WIDTH, box
    nothing_scrolls_sideways(phone.page)
    phone.page.screenshot(path=str(screenshots / "prices-of-a-trait-phone.png"), full_page=True)
    phone.page.goto(f"{game.url}/trait-offers")
    expect(by_id(phone.page, "trait-offers")).to_be_visible()  # the buyer's, open to others
    nothing_scrolls_sideways(phone.page)

    # The market sorts by rarity rank: the rarest tier first, as the API ranks them.
    buyer.visit("/market?show=all&sort=rarity")
    ranked = game.api("/pets?sort=rarity&limit=6")["items"]
    cards = by_id(buyer.page, "market-results").get_by_test_id("pet-card")
    expect(cards.first).to_have_attribute("data-pet-id", str(ranked[0]["id"]))
    first_ids = cards.evaluate_all("cards => cards.slice(0, 6).map(c => Number(c.dataset.petId))")
    assert first_ids == [p["id"] for p in ranked]

    for watched in (buyer.watched, seller.watched, phone):
        watched.assert_clean()
