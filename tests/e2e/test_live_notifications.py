"""The live event stream in the web app: a page open on the market shows a new auction, and
the seller's bell counts the sale and tells it in words, without the page being reloaded;
a player's bell tells a pregnancy come due (once, whether the app was open or not), an
offer higher than theirs, and their sire's use by another player (lent, or hired at auction).

A bell counts a due birth on a page opened fresh, so each test first checks that no other
test left its player's pets pregnant (a test that failed between a breeding and the birth
once left account 5's matron due, and the seller's fresh bell said "1"). Development accounts
6 (the seller: no browser test breeds its pets; test_error_paths.py has another of them
refuse a signature, test_live_pet_page.py buys with its wallet) and 5 (the buyer, through the
chain); the births and offers walk mints fresh pets for accounts 4 (the player) and 1, and
account 3 outbids. The chain moves are made from Python: the test is about what the player's
open page hears. The open panels are photographed (artifacts/screenshots/notifications-desktop.png,
notifications-outbid-birth-desktop.png)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from eth_account import Account
from eth_account.messages import encode_typed_data
from playwright.sync_api import expect

from pawchain.chain.typed_data import pet_name_typed_data
from tests.backend.orderbook.book import payload
from tests.e2e.conftest import OpenPage
from tests.e2e.held_stream import HeldStream
from tests.e2e.language import LANGUAGE, VALUE, as_spoken, say
from tests.e2e.player import by_id, development_player
from tests.e2e.running_game import RunningGame
from tests.support.catalogues import catalogue
from tests.support.market_moves import private_key, sign_order

SELLER, BUYER = 6, 5
PLAYER, RIVAL, OWNER = 4, 3, 1
PRICE = 12 * 10**16  # wei: 0.12 ETH, a constant-price auction
STREAM_SECONDS = 30  # mined, indexed (the indexer polls every second), streamed, drawn


def _none_pregnant(game: RunningGame, account: str) -> None:
    """No pet of `account` is pregnant: its bell would tell the birth once due, a notice no
    step of the test made (another test bred its pets and did not see the birth through)."""
    pregnant = [pet["id"] for pet in game.api(f"/pets?owner={account}&status=pregnant")["items"]]
    assert pregnant == [], f"another test left {account}'s pets {pregnant} pregnant"


@pytest.mark.both_languages("a notice's words, and their change when the player switches language")
def test_a_sale_reaches_the_open_page_and_the_bell(
    game: RunningGame, open_page: OpenPage, screenshots: Path
) -> None:
    chain = game.game
    pet = game.pets_of(SELLER)[-1]
    seller_address, buyer_address = chain.account(SELLER), chain.account(BUYER)
    _none_pregnant(game, seller_address)
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
    buyer_short = f"{buyer_address[:6]}…{buyer_address[-4:]}"  # checksummed, as every address
    sold = say("notice.sold", pet=say("pet.ofPet", id=pet), buyer=buyer_short, price="0.12 ETH")
    expect(notice).to_have_text(re.compile(re.escape(sold)))

    expect(by_id(seller.page, "notice-count")).to_have_text("")  # read once the panel opened
    assert seller.page.evaluate("window.notReloaded") is True
    seller.page.screenshot(path=str(screenshots / "notifications-desktop.png"))

    # Read stays read after a reload (localStorage), and the notice is still listed.
    seller.visit("/activity")
    expect(by_id(seller.page, "notice-count")).to_have_text("")
    by_id(seller.page, "notice-bell").click()
    expect(by_id(seller.page, "notice")).to_have_count(1)

    # Kept as words, the notice reads in the language chosen now, not the one it arrived in.
    other = "zh-CN" if LANGUAGE == "en" else "en"
    texts = catalogue(other)

    def said(key: str, **values: object) -> str:
        return as_spoken(VALUE.sub(lambda match: str(values[match.group(1)]), texts[key]), other)

    with seller.page.expect_navigation():
        by_id(seller.page, "language-switch").select_option(other)
    by_id(seller.page, "notice-bell").click()
    sold = said("notice.sold", pet=said("pet.ofPet", id=pet), buyer=buyer_short, price="0.12 ETH")
    expect(by_id(seller.page, "notice").first).to_have_text(re.compile(re.escape(sold)))
    seller.watched.assert_clean()


def _offer(game: RunningGame, buyer: str, pet: int, price: int) -> None:
    """`buyer` wraps `price` ether, lets the order book take it and signs an offer for `pet`."""
    chain = game.game
    chain.send(chain.weth.functions.deposit(), buyer, value=price)
    allowance = chain.weth.functions.allowance(buyer, chain.orders.address).call()
    chain.send(chain.weth.functions.approve(chain.orders.address, allowance + price), buyer)
    game.post("/orders", payload("offer", sign_order(chain, "Offer", buyer, pet, price)))


def _name(game: RunningGame, pet: int, name: str, owner: str) -> None:
    """`owner` names `pet` as the app does: a signed PetName (no gas)."""
    issued_at = int(time.time())  # the server judges a name's signing time by the wall clock
    typed = pet_name_typed_data(
        game.game.web3.eth.chain_id,
        game.game.pets.address,
        {"petId": pet, "name": name, "issuedAt": issued_at},
    )
    signed = Account.sign_message(
        encode_typed_data(full_message=typed), private_key(game.game, owner)
    )
    body = {"name": name, "issued_at": issued_at, "signature": "0x" + signed.signature.hex()}
    game.post(f"/pets/{pet}/name", body)


def _pregnant(game: RunningGame, matron: int, sire: int) -> None:
    """Breed the pair (one owner's, fresh generation 0); return once the API shows it."""
    game.game.breed(matron, sire)
    deadline = time.monotonic() + STREAM_SECONDS
    while not (game.indexed(matron) or {}).get("pregnancy"):
        assert time.monotonic() < deadline, f"pet {matron}'s pregnancy was not indexed"
        time.sleep(0.2)


def _due(game: RunningGame, matron: int) -> None:
    """Move the chain's clock past the due time the API shows for `matron`'s pregnancy."""
    due = game.api(f"/pets/{matron}")["pregnancy"]["due_time"]
    now = game.game.web3.eth.get_block("latest")["timestamp"]
    game.advance(max(due - now, 0) + 1)


@pytest.mark.both_languages("the notices' words, with names and prices filled in")
def test_a_due_birth_and_an_outbid_offer_are_told_once(
    game: RunningGame, open_page: OpenPage, screenshots: Path
) -> None:
    chain = game.game
    player_address, rival, owner = (chain.account(n) for n in (PLAYER, RIVAL, OWNER))
    _none_pregnant(game, player_address)
    # Fresh pets (their ids from the chain): the player's two pairs, and another owner's pet
    # the player offers 0.1 WETH for. The first matron has a name.
    first, first_sire, second, second_sire = (chain.mint(player_address) for _ in range(4))
    wanted = chain.mint(owner)
    deadline = time.monotonic() + STREAM_SECONDS
    while game.indexed(wanted) is None:
        assert time.monotonic() < deadline, f"pet {wanted} was not indexed"
        time.sleep(0.2)
    _name(game, first, "Pudding", player_address)
    _offer(game, player_address, wanted, 10**17)

    # Due while the app was closed: told when it opens.
    _pregnant(game, first, first_sire)
    _due(game, first)
    player = development_player(game, open_page, PLAYER)
    stream = HeldStream(player.page)  # the market page's stream: answered after the breeding
    player.visit("/market")
    expect(by_id(player.page, "notice-count")).to_have_text("1", timeout=STREAM_SECONDS * 1000)
    by_id(player.page, "notice-bell").click()
    first_due = say("notice.birthReady", pet="Pudding")
    expect(by_id(player.page, "notice").first).to_have_text(re.compile("^" + re.escape(first_due)))
    by_id(player.page, "notice-bell").click()  # closed again: new notices stay unread

    # Bred while the app is open, before its stream answered (a slow stream server; under load
    # the page's stream once opened after such a breeding, which it then never heard of), and
    # due; then outbid.
    _pregnant(game, second, second_sire)
    game.stream_caught_up()  # the stream, answered now, starts after the breeding's event
    stream.release()
    _due(game, second)
    expect(by_id(player.page, "notice-count")).to_have_text("1", timeout=STREAM_SECONDS * 1000)
    _offer(game, rival, wanted, 2 * 10**17)
    expect(by_id(player.page, "notice-count")).to_have_text("2", timeout=STREAM_SECONDS * 1000)
    by_id(player.page, "notice-bell").click()
    rival_short = f"{rival[:6]}…{rival[-4:]}"  # checksummed (EIP-55), letter case kept
    outbid = say(
        "notice.outbid",
        buyer=rival_short,
        price="0.2 WETH",
        pet=say("pet.ofPet", id=wanted),
        mine="0.1 WETH",
    )
    second_due = say("notice.birthReady", pet=say("pet.number", id=second))
    expect(by_id(player.page, "notice")).to_have_text(
        [re.compile("^" + re.escape(text)) for text in (outbid, second_due, first_due)]
    )
    player.page.screenshot(path=str(screenshots / "notifications-outbid-birth-desktop.png"))

    # Opened again: neither pregnancy is told twice (the next notice is the only unread one).
    player.visit("/activity")
    _offer(game, rival, wanted, 3 * 10**17)
    expect(by_id(player.page, "notice-count")).to_have_text("1", timeout=STREAM_SECONDS * 1000)
    by_id(player.page, "notice-bell").click()
    expect(by_id(player.page, "notice")).to_have_count(4)

    # The rival breeds their matron with a sire the player lent them (approveSiring): told.
    by_id(player.page, "notice-bell").click()
    lent, rivals = chain.mint(player_address), chain.mint(rival)
    chain.approve_siring(lent, rival)
    chain.breed(rivals, lent)
    expect(by_id(player.page, "notice-count")).to_have_text("1", timeout=STREAM_SECONDS * 1000)
    by_id(player.page, "notice-bell").click()
    used = say(
        "notice.sireUsed",
        breeder=rival_short,
        matron=say("pet.ofPet", id=rivals),
        sire=say("pet.ofPet", id=lent),
    )
    expect(by_id(player.page, "notice").first).to_have_text(re.compile("^" + re.escape(used)))

    # Hired in a siring auction: the breeding and the auction's end are one notice, priced.
    by_id(player.page, "notice-bell").click()
    hired, matron = chain.mint(player_address), chain.mint(rival)
    chain.send(chain.pets.functions.setApprovalForAll(chain.auctions.address, True), player_address)
    chain.send(
        chain.auctions.functions.createSiringAuction(hired, PRICE, PRICE, 86_400), player_address
    )
    auction = chain.auctions.functions.getAuction(hired).call()[4]  # its auctionId
    chain.send(
        chain.auctions.functions.bidOnSiringAuction(hired, auction, matron, False),
        rival,
        value=PRICE,
    )
    expect(by_id(player.page, "notice-count")).to_have_text("1", timeout=STREAM_SECONDS * 1000)
    by_id(player.page, "notice-bell").click()
    sired = say("notice.sired", sire=f"#{hired}", buyer=rival_short, price="0.12 ETH")
    expect(by_id(player.page, "notice").first).to_have_text(re.compile("^" + re.escape(sired)))
    expect(by_id(player.page, "notice")).to_have_count(6)
    player.watched.assert_clean()
