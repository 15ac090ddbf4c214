"""Siring auctions: the winner's matron becomes pregnant, the sire goes back to its seller."""

from brownie import chain
from market_helpers import ETHER, reverts, split


def _siring(market, auctions, seller, price=ETHER):
    sire = market.mint(seller)
    auctions.createSiringAuction(sire, price, price, 60, {"from": seller})
    return sire


def test_a_siring_bid_makes_the_matron_pregnant_and_returns_the_sire(
    market, pets, auctions, alice, bob
):
    sire = _siring(market, auctions, alice)
    matron = market.mint(bob)
    tx = market.bid_on_siring(sire, matron, bob)
    assert pets.getPet(matron)["siringWithId"] == sire
    assert pets.ownerOf(sire) == alice
    assert pets.ownerOf(matron) == bob
    assert auctions.getAuction(sire)["kind"] == 0
    assert tx.events["SiringAuctionWon"]["winner"] == bob
    assert tx.events["Pregnant"]["matronId"] == matron


def test_the_sire_owner_is_credited_the_price_less_the_cut_and_no_royalty(
    market, auctions, alice, bob, treasury
):
    price = 3 * ETHER + 1
    sire = _siring(market, auctions, alice, price)
    matron = market.mint(bob)
    market.bid_on_siring(sire, matron, bob, price)
    cut = split(price)[0]
    assert tuple(auctions.creditOf(alice)) == (price - cut, 0)
    assert tuple(auctions.houseBalance()) == (cut, 0)
    assert tuple(auctions.creditOf(treasury)) == (0, 0)
    assert tuple(auctions.royaltyBalance()) == (0, 0)
    assert auctions.balance() == price


def test_the_child_is_born_to_the_winner(market, pets, auctions, alice, bob):
    sire = _siring(market, auctions, alice)
    matron = market.mint(bob)
    market.bid_on_siring(sire, matron, bob)
    child = market.give_birth(matron, bob)
    assert pets.ownerOf(child) == bob
    assert pets.getPet(child)["sireId"] == sire


def test_overpayment_of_a_siring_bid_is_credited(market, auctions, alice, bob):
    sire = _siring(market, auctions, alice)
    matron = market.mint(bob)
    market.bid_on_siring(sire, matron, bob, ETHER + 99)
    assert tuple(auctions.creditOf(bob)) == (99, 0)


def test_a_siring_bid_may_prepay_the_birth_fee(market, pets, auctions, admin, alice, bob, carol):
    fee = 10**15
    pets.setBirthFee(fee, {"from": admin})
    sire = _siring(market, auctions, alice)
    matron = market.mint(bob)
    with reverts("MarketBidTooLow", ETHER, ETHER + fee):
        market.bid_on_siring(sire, matron, bob, ETHER, prepay_birth=True)
    market.bid_on_siring(sire, matron, bob, ETHER + fee, prepay_birth=True)
    assert pets.getPet(matron)["birthFee"] == fee
    assert auctions.balance() == ETHER  # the fee went to the pets
    before = carol.balance()
    market.give_birth(matron, carol)
    assert carol.balance() > before - 10**15  # the midwife was paid (gas aside)


def test_a_siring_bid_below_the_price_reverts(market, auctions, alice, bob):
    sire = _siring(market, auctions, alice)
    matron = market.mint(bob)
    with reverts("MarketBidTooLow", ETHER - 1, ETHER):
        market.bid_on_siring(sire, matron, bob, ETHER - 1)


def test_a_siring_bid_on_a_sale_auction_reverts(market, auctions, alice, bob):
    pet = market.mint(alice)
    auctions.createSaleAuction(pet, ETHER, ETHER, 60, {"from": alice})
    matron = market.mint(bob)
    with reverts("MarketWrongAuctionKind", pet, 1):
        market.bid_on_siring(pet, matron, bob)


def test_a_siring_bid_on_no_auction_reverts(market, auctions, alice, bob):
    pet = market.mint(alice)
    matron = market.mint(bob)
    with reverts("MarketNotOnAuction", pet):
        market.bid_on_siring(pet, matron, bob)


def test_a_siring_bid_with_someone_elses_matron_reverts(market, auctions, alice, bob, carol):
    sire = _siring(market, auctions, alice)
    matron = market.mint(carol)
    with reverts("PetNotMatronOwner", bob, matron):
        market.bid_on_siring(sire, matron, bob)


def test_a_siring_bid_with_a_cooling_down_sire_reverts(market, pets, auctions, alice, bob):
    sire, other = market.ready_pair(alice)
    pets.breedWith(other, sire, {"from": alice})
    ready_at = pets.getPet(sire)["cooldownEnd"]
    auctions.createSiringAuction(sire, ETHER, ETHER, 60, {"from": alice})
    matron = market.mint(bob)
    with reverts("PetCoolingDown", sire, ready_at):
        market.bid_on_siring(sire, matron, bob)
    chain.sleep(ready_at - chain.time() + 1)
    market.bid_on_siring(sire, matron, bob)


def test_a_siring_bid_while_the_pets_are_paused_reverts(market, pets, auctions, admin, alice, bob):
    sire = _siring(market, auctions, alice)
    matron = market.mint(bob)
    pets.pause({"from": admin})
    with reverts("PetGamePaused"):
        market.bid_on_siring(sire, matron, bob)


def test_a_sire_cannot_breed_with_its_own_child(market, pets, auctions, alice, bob):
    sire, matron = market.ready_pair(alice)
    pets.breedWith(matron, sire, {"from": alice})
    child = market.give_birth(matron, alice)
    pets.transferFrom(alice, bob, child, {"from": alice})
    chain.sleep(3600)
    auctions.createSiringAuction(sire, ETHER, ETHER, 60, {"from": alice})
    with reverts("PetBreedingWithParent", child, sire):
        market.bid_on_siring(sire, child, bob)
