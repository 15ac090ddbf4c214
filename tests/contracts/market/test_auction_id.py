"""Every auction of a pet has an id, and a bid names it: a seller who cancels and relists a
pet at a new price (front-running a pending bid) cannot catch that bid at the new price."""

from brownie import chain
from market_helpers import ETHER, reverts, valid_genes


def test_a_pets_first_auction_is_number_one_and_the_id_is_returned_and_emitted(
    market, auctions, alice
):
    pet = market.mint(alice)
    tx = auctions.createSaleAuction(pet, ETHER, ETHER, 3600, {"from": alice})
    assert tx.return_value == 1
    assert tx.events["AuctionCreated"]["auctionId"] == 1
    assert auctions.getAuction(pet)["auctionId"] == 1


def test_each_relisting_gets_the_next_id(market, auctions, alice):
    pet = market.mint(alice)
    for expected in (1, 2, 3):
        tx = auctions.createSiringAuction(pet, ETHER, ETHER, 3600, {"from": alice})
        assert tx.events["AuctionCreated"]["auctionId"] == expected
        auctions.cancelAuction(pet, {"from": alice})
        assert dict(auctions.getAuction(pet))["kind"] == 0  # closed, the id kept for the next one
        assert auctions.getAuction(pet)["auctionId"] == expected


def test_a_bid_for_a_cancelled_and_relisted_auction_is_refused(market, pets, auctions, alice, bob):
    pet = market.mint(alice)
    auctions.createSaleAuction(pet, ETHER, ETHER, 3600, {"from": alice})
    seen = auctions.getAuction(pet)["auctionId"]  # what bob's page showed
    # alice sees bob's bid (with a margin) pending and relists first, at the whole margin.
    auctions.cancelAuction(pet, {"from": alice})
    auctions.createSaleAuction(pet, 2 * ETHER, 2 * ETHER, 3600, {"from": alice})
    with reverts("MarketAuctionChanged", pet, seen, seen + 1):
        auctions.bid(pet, seen, {"from": bob, "value": 2 * ETHER})
    assert pets.ownerOf(pet) == auctions and bob.balance() >= 2 * ETHER


def test_a_siring_bid_for_a_relisted_auction_is_refused(market, auctions, alice, bob):
    sire = market.mint(alice)
    matron = market.mint(bob)
    auctions.createSiringAuction(sire, ETHER, ETHER, 3600, {"from": alice})
    auctions.cancelAuction(sire, {"from": alice})
    auctions.createSiringAuction(sire, 2 * ETHER, 2 * ETHER, 3600, {"from": alice})
    with reverts("MarketAuctionChanged", sire, 1, 2):
        auctions.bidOnSiringAuction(sire, 1, matron, False, {"from": bob, "value": 2 * ETHER})


def test_a_bid_naming_the_current_auction_wins(market, pets, auctions, alice, bob):
    pet = market.mint(alice)
    auctions.createSaleAuction(pet, ETHER, ETHER, 3600, {"from": alice})
    auctions.cancelAuction(pet, {"from": alice})
    auctions.createSaleAuction(pet, ETHER, ETHER, 3600, {"from": alice})
    auctions.bid(pet, 2, {"from": bob, "value": ETHER})
    assert pets.ownerOf(pet) == bob


def test_a_bid_on_a_cancelled_auction_is_refused(market, auctions, alice, bob):
    pet = market.mint(alice)
    auctions.createSaleAuction(pet, ETHER, ETHER, 3600, {"from": alice})
    auctions.cancelAuction(pet, {"from": alice})
    with reverts("MarketNotOnAuction", pet):
        auctions.bid(pet, 1, {"from": bob, "value": ETHER})


def test_a_gen0_auction_is_its_pets_first(auctions, operator, bob):
    tx = auctions.createGen0Auction(valid_genes(77), {"from": operator})
    pet = tx.return_value
    assert tx.events["AuctionCreated"]["auctionId"] == 1
    price = auctions.currentPrice(pet)
    with reverts("MarketAuctionChanged", pet, 0, 1):
        auctions.bid(pet, 0, {"from": bob, "value": price})
    auctions.bid(pet, 1, {"from": bob, "value": price})


def test_the_ids_survive_a_sale_the_buyer_relists(market, pets, auctions, alice, bob):
    pet = market.mint(alice)
    market.mint(bob)  # bob approves the house for his pets
    auctions.createSaleAuction(pet, ETHER, ETHER, 3600, {"from": alice})
    auctions.bid(pet, 1, {"from": bob, "value": ETHER})
    chain.mine()
    tx = auctions.createSaleAuction(pet, ETHER, ETHER, 3600, {"from": bob})
    assert tx.return_value == 2


def test_relisting_rewrites_the_auction_word_instead_of_creating_it(market, auctions, alice, carol):
    first, second = market.mint(alice), market.mint(alice)
    auctions.createSaleAuction(first, ETHER, ETHER, 3600, {"from": alice})
    auctions.cancelAuction(first, {"from": alice})
    fresh = auctions.createSaleAuction(second, ETHER, ETHER, 3600, {"from": alice}).gas_used
    again = auctions.createSaleAuction(first, ETHER, ETHER, 3600, {"from": alice}).gas_used
    assert fresh - again > 15_000  # 20,000 to create word 1 against 2,900 to rewrite it
