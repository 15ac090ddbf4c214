"""Sale auctions: escrow, the linear clock, a bid that settles at once, cancel."""

from brownie import chain
from market_helpers import ETHER, reverts, split


def test_creating_an_auction_escrows_the_pet_and_records_its_terms(market, pets, auctions, alice):
    pet = market.mint(alice)
    tx = auctions.createSaleAuction(pet, 2 * ETHER, ETHER, 3600, {"from": alice})
    assert pets.ownerOf(pet) == auctions
    auction = auctions.getAuction(pet)
    assert auction["seller"] == alice
    assert auction["kind"] == 1
    assert [auction["startPrice"], auction["endPrice"], auction["duration"]] == [
        2 * ETHER,
        ETHER,
        3600,
    ]
    assert auction["startedAt"] == tx.timestamp
    assert tx.events["AuctionCreated"]["petId"] == pet
    assert tx.events["AuctionCreated"]["seller"] == alice


def test_the_price_falls_linearly_then_holds_at_the_end_price(market, auctions, alice):
    pet = market.mint(alice)
    tx = auctions.createSaleAuction(pet, 2 * ETHER, ETHER, 1000, {"from": alice})
    start = tx.timestamp
    for elapsed in (0, 1, 250, 999):
        chain.mine(timestamp=start + elapsed)
        assert auctions.currentPrice(pet) == 2 * ETHER - ETHER * elapsed // 1000
    for elapsed in (1000, 5000, 10**6):
        chain.mine(timestamp=start + elapsed)
        assert auctions.currentPrice(pet) == ETHER


def test_the_price_may_also_rise(market, auctions, alice):
    pet = market.mint(alice)
    tx = auctions.createSaleAuction(pet, ETHER, 3 * ETHER, 100, {"from": alice})
    chain.mine(timestamp=tx.timestamp + 30)
    assert auctions.currentPrice(pet) == ETHER + 2 * ETHER * 30 // 100
    chain.mine(timestamp=tx.timestamp + 100)
    assert auctions.currentPrice(pet) == 3 * ETHER


def test_a_bid_buys_the_pet_and_credits_seller_royalty_and_house_exactly(
    market, pets, auctions, alice, bob, treasury
):
    pet = market.mint(alice)
    price = 10**18 + 7
    auctions.createSaleAuction(pet, price, price, 60, {"from": alice})
    tx = auctions.bid(pet, auctions.getAuction(pet)["auctionId"], {"from": bob, "value": price})
    cut, royalty, proceeds = split(price)
    assert pets.ownerOf(pet) == bob
    assert tuple(auctions.creditOf(alice)) == (proceeds, 0)
    assert tuple(auctions.royaltyBalance()) == (royalty, 0)
    assert tuple(auctions.creditOf(treasury)) == (0, 0)
    assert tuple(auctions.houseBalance()) == (cut, 0)
    assert tuple(auctions.creditOf(bob)) == (0, 0)
    assert auctions.balance() == proceeds + royalty + cut
    assert auctions.getAuction(pet)["kind"] == 0
    assert tx.events["AuctionWon"]["winner"] == bob
    assert tx.events["AuctionWon"]["price"] == price


def test_overpayment_is_credited_to_the_bidder(market, auctions, alice, bob):
    pet = market.mint(alice)
    auctions.createSaleAuction(pet, ETHER, ETHER, 60, {"from": alice})
    auctions.bid(pet, auctions.getAuction(pet)["auctionId"], {"from": bob, "value": ETHER + 12345})
    assert tuple(auctions.creditOf(bob)) == (12345, 0)
    before = bob.balance()
    tx = auctions.withdraw(bob, {"from": bob})
    assert bob.balance() == before + 12345 - tx.gas_used * tx.gas_price


def test_the_seller_withdraws_the_proceeds(market, auctions, alice, bob):
    pet = market.mint(alice)
    auctions.createSaleAuction(pet, ETHER, ETHER, 60, {"from": alice})
    auctions.bid(pet, auctions.getAuction(pet)["auctionId"], {"from": bob, "value": ETHER})
    proceeds = split(ETHER)[2]
    before = alice.balance()
    tx = auctions.withdraw(alice, {"from": alice})
    assert alice.balance() == before + proceeds - tx.gas_used * tx.gas_price
    assert tx.events["Withdrawn"]["etherAmount"] == proceeds
    assert tuple(auctions.creditOf(alice)) == (0, 0)


def test_a_bid_below_the_current_price_reverts(market, auctions, alice, bob):
    pet = market.mint(alice)
    auctions.createSaleAuction(pet, ETHER, ETHER, 60, {"from": alice})
    with reverts("MarketBidTooLow", ETHER - 1, ETHER):
        auctions.bid(pet, auctions.getAuction(pet)["auctionId"], {"from": bob, "value": ETHER - 1})


def test_a_bid_on_a_pet_in_no_auction_reverts(market, auctions, alice, bob):
    pet = market.mint(alice)
    with reverts("MarketNotOnAuction", pet):
        auctions.bid(pet, auctions.getAuction(pet)["auctionId"], {"from": bob, "value": ETHER})
    with reverts("MarketNotOnAuction", pet):
        auctions.currentPrice(pet)


def test_a_sale_bid_on_a_siring_auction_reverts(market, auctions, alice, bob):
    pet = market.mint(alice)
    auctions.createSiringAuction(pet, ETHER, ETHER, 60, {"from": alice})
    with reverts("MarketWrongAuctionKind", pet, 2):
        auctions.bid(pet, auctions.getAuction(pet)["auctionId"], {"from": bob, "value": ETHER})


def test_the_seller_cancels_and_gets_the_pet_back(market, pets, auctions, alice):
    pet = market.mint(alice)
    auctions.createSaleAuction(pet, ETHER, ETHER, 60, {"from": alice})
    tx = auctions.cancelAuction(pet, {"from": alice})
    assert pets.ownerOf(pet) == alice
    assert auctions.getAuction(pet)["kind"] == 0
    assert tx.events["AuctionCancelled"]["seller"] == alice


def test_only_the_seller_may_cancel(market, auctions, alice, bob):
    pet = market.mint(alice)
    auctions.createSaleAuction(pet, ETHER, ETHER, 60, {"from": alice})
    with reverts("MarketNotSeller", bob, alice):
        auctions.cancelAuction(pet, {"from": bob})


def test_cancelling_a_pet_in_no_auction_reverts(market, auctions, alice):
    pet = market.mint(alice)
    with reverts("MarketNotOnAuction", pet):
        auctions.cancelAuction(pet, {"from": alice})


def test_a_duration_under_a_minute_reverts(market, auctions, alice):
    pet = market.mint(alice)
    with reverts("MarketDurationTooShort", 59, 60):
        auctions.createSaleAuction(pet, ETHER, ETHER, 59, {"from": alice})


def test_a_duration_over_a_year_reverts(market, auctions, alice):
    pet = market.mint(alice)
    year = 365 * 86400
    with reverts("MarketDurationTooLong", year + 1, year):
        auctions.createSaleAuction(pet, ETHER, ETHER, year + 1, {"from": alice})


def test_a_price_above_128_bits_reverts(market, auctions, alice):
    pet = market.mint(alice)
    with reverts("MarketPriceTooHigh", 2**128, 2**128 - 1):
        auctions.createSaleAuction(pet, 2**128, 0, 60, {"from": alice})
    with reverts("MarketPriceTooHigh", 2**128, 2**128 - 1):
        auctions.createSaleAuction(pet, 0, 2**128, 60, {"from": alice})


def test_someone_elses_pet_cannot_be_auctioned(market, auctions, alice, bob):
    pet = market.mint(alice)
    market.mint(bob)  # bob approves the house too
    with reverts("ERC721IncorrectOwner", bob, pet, alice):
        auctions.createSaleAuction(pet, ETHER, ETHER, 60, {"from": bob})


def test_a_pet_cannot_be_auctioned_without_approving_the_house(market, auctions, alice):
    pet = market.mint(alice, approve=False)
    with reverts("ERC721InsufficientApproval", auctions, pet):
        auctions.createSaleAuction(pet, ETHER, ETHER, 60, {"from": alice})


def test_a_pregnant_pet_cannot_be_auctioned(market, pets, auctions, alice):
    matron, sire = market.ready_pair(alice)
    pets.breedWith(matron, sire, {"from": alice})
    with reverts("MarketPetPregnant", matron):
        auctions.createSaleAuction(matron, ETHER, ETHER, 60, {"from": alice})
    with reverts("MarketPetPregnant", matron):
        auctions.createSiringAuction(matron, ETHER, ETHER, 60, {"from": alice})
    # the sire is merely cooling down: it may be sold
    auctions.createSaleAuction(sire, ETHER, ETHER, 60, {"from": alice})
