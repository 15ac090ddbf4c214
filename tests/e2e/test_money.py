"""Money visible: a player's ETH and WETH in the header, wrapping and unwrapping on the wallet
panel, an offer's steps (WETH, the order book's allowance, the signature) shown before it is
made, what a seller receives after the market fee and the royalty (read from the contracts)
before listing, auctioning or accepting, an accepted offer refused in words when the buyer's
WETH is gone (the relay's 422), earnings waiting in the header until withdrawn, and ether
deposited for offers: an open offer form and the top bar following a deposit made under them,
the top bar telling the funds for offers apart from earnings, the credit shown, an offer it covers needing no steps
and no warning, a deposit beyond the ether refused before sending, the credit withdrawn as WETH.

Development accounts 7 and 8, as test_refusals_in_words.py (other pets of theirs)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from pawchain.chain.refusals import ether, percent
from tests.e2e.conftest import OpenPage
from tests.e2e.language import refusal, say, shape, start_of
from tests.e2e.offer_cover import offer_cover
from tests.e2e.player import Player, by_id, development_player
from tests.e2e.running_game import RunningGame

BUYER, SELLER = 7, 8
WRAP, UNWRAP, OFFER = "0.3", "0.1", "0.15"
OFFER_WEI = 15 * 10**16
# Deposited for offers: first from the chain while an offer form is open (short of OFFER),
# then on My pets, which makes the funds cover an offer of OFFER.
EARLY_WEI = 5 * 10**16
DEPOSIT, FUNDS_WEI = "0.15", 2 * 10**17


def expect_mined(player: Player, title: str) -> None:
    """A WETH transaction: done once mined (the server does not index WETH)."""
    entry = player.action(title)
    expect(entry).to_have_attribute("data-done", "true", timeout=60_000)
    expect(entry).to_have_attribute("data-state", "mined")


def receive(
    game: RunningGame, market: str, low: int, high: int = 0, unit: str = "ETH", royalty: bool = True
) -> str:
    """The sentence the app must show for a price (or a range), from the contracts' fee
    settings now (`market`: PetGame's "orders" or "auctions")."""
    chain = game.game
    cut = getattr(chain, market).functions.cutBps().call()
    royalty_bps = chain.pets.functions.royaltyInfo(0, 10_000).call()[1] if royalty else 0

    def left(price: int) -> str:
        # Every decimal: the contracts pay the seller to the wei (0.140625, not a cut 0.1406).
        wei = price - price * cut // 10_000 - price * royalty_bps // 10_000
        whole, fraction = divmod(wei, 10**18)
        decimals = f"{fraction:018d}".rstrip("0")
        return f"{whole}{'.' + decimals if decimals else ''} {unit}"

    amount = say("money.range", low=left(low), high=left(high)) if high else left(low)
    sentence = "money.receiveRoyalty" if royalty_bps else "money.receive"
    return say(sentence, amount=amount, cut=percent(cut), royalty=percent(royalty_bps))


@pytest.mark.both_languages(
    "amounts in sentences (what a seller receives, earnings, an offer's steps) and a refusal, from the catalogues"
)
def test_balances_wrapping_offer_steps_fees_and_earnings(
    game: RunningGame, open_page: OpenPage, screenshots: Path
) -> None:
    chain = game.game
    buyer = development_player(game, open_page, BUYER)
    seller = development_player(game, open_page, SELLER)
    _, listed, offered = game.pets_of(SELLER)[:3]

    def wallet_weth() -> str:
        return ether(chain.weth.functions.balanceOf(buyer.address).call(), "WETH")

    # The header shows both balances; the wallet panel wraps and unwraps.
    buyer.visit("/me")
    expect(by_id(buyer.page, "balance")).to_contain_text(" ETH")
    expect(by_id(buyer.page, "weth-balance")).to_contain_text(" WETH")
    for form, amount, title in (
        ("wrap", WRAP, say("tx.wrap")),
        ("unwrap", UNWRAP, say("tx.unwrap")),
    ):
        by_id(buyer.page, f"{form}-amount").fill(amount)
        by_id(buyer.page, f"{form}-submit").click()
        expect_mined(buyer, title)
        expect(by_id(buyer.page, "wallet-weth")).to_have_text(wallet_weth())
    buyer.page.screenshot(path=str(screenshots / "wallet-panel-desktop.png"), full_page=True)

    # An offer shows its steps first: the WETH is there, the allowance is to be given.
    buyer.visit(f"/pets/{offered}")
    by_id(buyer.page, "offer-price").fill(OFFER)
    expect(by_id(buyer.page, "offer-step-wrap")).to_have_attribute("data-done", "true")
    assert chain.weth.functions.allowance(buyer.address, chain.orders.address).call() == 0
    allow = by_id(buyer.page, "offer-step-allow")
    expect(allow).to_have_attribute("data-done", "false")
    expect(allow).to_contain_text(start_of("money.stepAllow", amount=f"{OFFER} WETH"))
    by_id(buyer.page, "offer-steps").screenshot(path=str(screenshots / "offer-steps-desktop.png"))
    by_id(buyer.page, "offer-submit").click()
    buyer.expect_done(say("tx.offer", id=offered))
    # The page draws itself again; the price went with the offer, so the form comes back empty
    # (what a player types is kept over a redraw, but not what a form sent).
    expect(by_id(buyer.page, "offer-price")).to_have_value("")

    # Before listing, auctioning or accepting, the seller reads what they receive.
    seller.visit(f"/pets/{listed}")
    by_id(seller.page, "list-price").fill("1")
    you_receive = by_id(seller.page, "list-form").get_by_test_id("you-receive")
    expect(you_receive).to_have_text(receive(game, "orders", 10**18))
    auction = by_id(seller.page, "auction-form")
    by_id(seller.page, "auction-kind").select_option("siring")
    expect(auction.get_by_test_id("you-receive")).to_have_text(
        receive(game, "auctions", 10**17, 10**18, royalty=False)  # the form's 0.1 to 1 ETH
    )
    seller.page.screenshot(path=str(screenshots / "you-receive-desktop.png"), full_page=True)

    seller.visit(f"/pets/{offered}")
    offer = by_id(seller.page, "offer").filter(has_text=OFFER)
    expect(offer.get_by_test_id("offer-receive")).to_have_text(
        receive(game, "orders", OFFER_WEI, unit="WETH")
    )

    # The buyer's WETH is gone before the seller accepts: the relay refuses, in words.
    gone = chain.weth.functions.balanceOf(buyer.address).call()
    chain.send(chain.weth.functions.withdraw(gone), buyer.address)
    offer.get_by_test_id("accept-offer").click()
    accept = say("tx.accept", id=offered)
    said = seller.expect_failed(accept, "ERC20InsufficientBalance")
    assert refusal("ERC20InsufficientBalance", needed=f"{OFFER} WETH").fullmatch(said), said

    # With the WETH back, the offer is accepted; the seller's earnings wait in the header.
    chain.send(chain.weth.functions.deposit(), buyer.address, value=gone)
    seller.visit(f"/pets/{offered}")
    by_id(seller.page, "offer").filter(has_text=OFFER).get_by_test_id("accept-offer").click()
    seller.expect_done(accept)
    seller.visit("/me")
    before, after = say("money.toWithdraw", amount="\0").split("\0")
    owed = re.compile(f"{re.escape(before)}.+ WETH{re.escape(after)}")
    expect(by_id(seller.page, "earnings-badge")).to_have_text(owed)

    by_id(seller.page, "withdraw-OrderBook").click()
    seller.expect_done(say("player.withdrawTitle.OrderBook"))

    expect(by_id(seller.page, "earnings-badge")).to_have_count(0)

    deposit_for_offers(game, buyer, pet=listed)

    buyer.watched.assert_clean()
    seller.watched.assert_clean(allowed=("status of 422",))


def deposit_for_offers(game: RunningGame, buyer: Player, pet: int) -> None:
    """The buyer, short of WETH and allowance for an offer on `pet`, deposits ether for offers:
    first from the chain while the offer form is open, whose shortfall line and the top bar follow
    the funds (no typing, no reload); then on My pets, where the top bar shows the funds under their own words, not
    as earnings to withdraw, and the credit shows. The offer form then needs no step, says no
    shortfall and submits the offer (the order book pays an accepted offer from the credit when
    it covers the price). A deposit beyond the buyer's ether is refused before sending;
    withdrawing the book's earnings pays the credit back as WETH, and My pets follows a deposit
    made from the chain; Activity tells the deposit in words."""
    chain = game.game

    def wallet_weth() -> int:
        return int(chain.weth.functions.balanceOf(buyer.address).call())

    def cover() -> str:
        return offer_cover(game, buyer.address, OFFER_WEI, "money.offerNeedsSteps")

    buyer.visit(f"/pets/{pet}")
    by_id(buyer.page, "offer-price").fill(OFFER)
    short = cover()
    assert short, "the buyer's wallet must fall short for the credit to matter"
    expect(by_id(buyer.page, "offer-cover")).to_have_text(short)
    # A deposit under the open form (as from another tab): the line says the new funds once
    # the app sees the block (it reads the chain's head every 5 s).
    chain.send(chain.orders.functions.depositForOffers(), buyer.address, value=EARLY_WEI)
    moved = cover()
    assert moved and moved != short, (short, moved)
    expect(by_id(buyer.page, "offer-cover")).to_have_text(moved, timeout=30_000)
    # The top bar follows the same block: the funds for offers show without a reload.
    funds = by_id(buyer.page, "offer-funds-badge")
    early = say("money.forOffers", amount=ether(EARLY_WEI, "WETH"))
    expect(funds).to_have_text(early, timeout=30_000)

    buyer.visit("/me")
    # The bar names the funds for offers (linking to their panel), and no earnings to withdraw.
    expect(funds).to_have_text(early)
    expect(funds).to_have_attribute("href", "/me#offer-credit")
    expect(by_id(buyer.page, "earnings-badge")).to_have_count(0)
    expect(by_id(buyer.page, "offer-credit")).to_have_text(ether(EARLY_WEI, "WETH"))
    by_id(buyer.page, "deposit-offers-amount").fill("1000000")
    by_id(buyer.page, "deposit-offers-submit").click()
    expect(by_id(buyer.page, "deposit-offers-problem")).to_have_text(shape("offerCredit.tooMuch"))
    by_id(buyer.page, "deposit-offers-amount").fill(DEPOSIT)
    by_id(buyer.page, "deposit-offers-submit").click()
    expect_mined(buyer, say("tx.depositForOffers"))
    expect(by_id(buyer.page, "offer-credit")).to_have_text(ether(FUNDS_WEI, "WETH"))
    assert chain.orders.functions.creditOf(buyer.address).call()[1] == FUNDS_WEI

    buyer.visit(f"/pets/{pet}")
    by_id(buyer.page, "offer-price").fill(OFFER)
    expect(by_id(buyer.page, "offer-step-credit")).to_have_attribute("data-done", "true")
    expect(by_id(buyer.page, "offer-step-wrap")).to_have_count(0)
    expect(by_id(buyer.page, "offer-cover")).to_be_empty()
    # The server takes an offer that the funds alone pay (the wallet is still short).
    by_id(buyer.page, "offer-submit").click()
    buyer.expect_done(say("tx.offer", id=pet))
    offers = game.api(f"/pets/{pet}/orders")["offers"]
    mine = [(o["signer"].lower(), o["price"]) for o in offers]
    assert mine == [(buyer.address.lower(), str(OFFER_WEI))], offers

    held = wallet_weth()
    buyer.visit("/me")
    by_id(buyer.page, "withdraw-OrderBook").click()
    buyer.expect_done(say("player.withdrawTitle.OrderBook"))
    expect(by_id(buyer.page, "offer-credit")).to_have_text(ether(0, "WETH"))
    assert wallet_weth() == held + FUNDS_WEI
    # My pets follows the chain too (a deposit from another tab, seen within the clock's 5 s
    # and the reading's time), the bar with it; the credit is then taken back, as the module
    # found it.
    chain.send(chain.orders.functions.depositForOffers(), buyer.address, value=EARLY_WEI)
    expect(by_id(buyer.page, "offer-credit")).to_have_text(ether(EARLY_WEI, "WETH"), timeout=30_000)
    expect(funds).to_have_text(early, timeout=30_000)
    chain.send(chain.orders.functions.withdraw(buyer.address), buyer.address)

    # Activity tells the deposit in words of its own (not its event's name made into words).
    deadline = time.monotonic() + 30
    while not game.api("/activity?event=DepositedForOffers&limit=1")["items"]:
        assert time.monotonic() < deadline, "the deposit was not indexed"
        time.sleep(0.2)
    buyer.visit("/activity")
    expect(by_id(buyer.page, "event-list")).to_contain_text(shape("event.DepositedForOffers"))
