"""Pause: no new auctions, bids or fills; cancels and withdrawals go on."""

from market_helpers import ETHER, MAX_FEE_BPS, reverts, valid_genes


def test_pause_stops_new_auctions_and_bids(market, auctions, admin, operator, alice, bob):
    pet, sire, matron = market.mint(alice), market.mint(alice), market.mint(bob)
    listed = market.sale_auction(alice)
    auctions.createSiringAuction(sire, ETHER, ETHER, 60, {"from": alice})
    tx = auctions.pause({"from": admin})
    assert tx.events["MarketPaused"]["account"] == admin
    assert auctions.paused()
    with reverts("MarketIsPaused"):
        auctions.createSaleAuction(pet, ETHER, ETHER, 60, {"from": alice})
    with reverts("MarketIsPaused"):
        auctions.createSiringAuction(pet, ETHER, ETHER, 60, {"from": alice})
    with reverts("MarketIsPaused"):
        auctions.createGen0Auction(valid_genes(5), {"from": operator})
    with reverts("MarketIsPaused"):
        market.bid(listed, bob, ETHER)
    with reverts("MarketIsPaused"):
        market.bid_on_siring(sire, matron, bob)


def test_pause_stops_fills(market, orders, admin, alice, bob):
    a, b = market.mint(alice), market.mint(alice)
    listing, listing_sig = market.listing(alice, a, ETHER)
    offer, offer_sig = market.offer(bob, b, ETHER)
    orders.pause({"from": admin})
    with reverts("MarketIsPaused"):
        orders.fillListing(listing, listing_sig, {"from": bob, "value": ETHER})
    with reverts("MarketIsPaused"):
        orders.acceptOffer(offer, offer_sig, MAX_FEE_BPS, {"from": alice})


def test_a_paused_market_never_traps_a_sellers_pet(market, pets, auctions, admin, alice):
    pet = market.sale_auction(alice)
    auctions.pause({"from": admin})
    auctions.cancelAuction(pet, {"from": alice})
    assert pets.ownerOf(pet) == alice


def test_withdrawals_and_cancels_work_while_paused(market, auctions, orders, admin, alice, bob):
    pet = market.sale_auction(alice)
    market.bid(pet, bob, ETHER)
    auctions.pause({"from": admin})
    orders.pause({"from": admin})
    auctions.withdraw(alice, {"from": alice})
    orders.cancelOrder(b"\x01" * 32, {"from": alice})
    orders.cancelAllOrders({"from": alice})
    auctions.withdrawHouse(admin, {"from": admin})


def test_unpause_resumes_bidding(market, pets, auctions, admin, alice, bob):
    pet = market.sale_auction(alice)
    auctions.pause({"from": admin})
    tx = auctions.unpause({"from": admin})
    assert "MarketUnpaused" in tx.events
    assert not auctions.paused()
    market.bid(pet, bob, ETHER)
    assert pets.ownerOf(pet) == bob


def test_only_the_admin_pauses_and_unpauses(auctions, orders, alice):
    for market_contract in (auctions, orders):
        with reverts("AccessControlUnauthorizedAccount", alice, bytes(32)):
            market_contract.pause({"from": alice})
        with reverts("AccessControlUnauthorizedAccount", alice, bytes(32)):
            market_contract.unpause({"from": alice})
