"""Fees, credits and withdrawals shared by both markets (MarketPayments)."""

from brownie import ClockAuctionHouse, OrderBook  # type: ignore[attr-defined]  # added by brownie at run time
from market_helpers import ETHER, ZERO_ADDRESS, reverts, split


def test_the_cut_is_375_basis_points_by_default_and_capped_at_1000(auctions, orders, admin):
    assert auctions.cutBps() == 375 and orders.cutBps() == 375
    assert auctions.MAX_CUT_BPS() == 1000
    with reverts("MarketCutTooHigh", 1001, 1000):
        auctions.setCutBps(1001, {"from": admin})
    tx = auctions.setCutBps(1000, {"from": admin})
    assert tx.events["CutChanged"]["cutBps"] == 1000
    assert auctions.cutBps() == 1000


def test_each_market_announces_its_initial_cut_when_deployed(auctions, orders):
    # An indexer knows the cut from the events alone (the order book's API judges listings by it).
    for market in (auctions, orders):
        assert market.tx.events["CutChanged"]["cutBps"] == 375


def test_only_the_admin_sets_the_cut(auctions, alice):
    with reverts("AccessControlUnauthorizedAccount", alice, bytes(32)):
        auctions.setCutBps(1, {"from": alice})


def test_a_new_cut_applies_to_the_next_sale(market, auctions, admin, alice, bob):
    auctions.setCutBps(0, {"from": admin})
    pet = market.mint(alice)
    auctions.createSaleAuction(pet, ETHER, ETHER, 60, {"from": alice})
    auctions.bid(pet, auctions.getAuction(pet)["auctionId"], {"from": bob, "value": ETHER})
    assert tuple(auctions.houseBalance()) == (0, 0)
    assert auctions.creditOf(alice)[0] == split(ETHER, cut_bps=0)[2]


def test_withdrawing_nothing_reverts(auctions, orders, alice):
    with reverts("MarketNothingToWithdraw", alice):
        auctions.withdraw(alice, {"from": alice})
    with reverts("MarketNothingToWithdraw", alice):
        orders.withdraw(alice, {"from": alice})


def test_withdrawing_to_the_zero_address_reverts(auctions, admin, alice):
    with reverts("MarketZeroAddress"):
        auctions.withdraw(ZERO_ADDRESS, {"from": alice})
    with reverts("MarketZeroAddress"):
        auctions.withdrawHouse(ZERO_ADDRESS, {"from": admin})


def test_only_the_admin_withdraws_the_house(auctions, alice):
    with reverts("AccessControlUnauthorizedAccount", alice, bytes(32)):
        auctions.withdrawHouse(alice, {"from": alice})


def test_a_withdrawal_to_another_address_pays_it(market, auctions, alice, bob, carol):
    pet = market.mint(alice)
    auctions.createSaleAuction(pet, ETHER, ETHER, 60, {"from": alice})
    auctions.bid(pet, auctions.getAuction(pet)["auctionId"], {"from": bob, "value": ETHER})
    before = carol.balance()
    tx = auctions.withdraw(carol, {"from": alice})
    assert carol.balance() == before + split(ETHER)[2]
    assert tx.events["Withdrawn"]["account"] == alice
    assert tx.events["Withdrawn"]["to"] == carol


def test_a_withdrawal_does_not_make_the_next_credit_dearer(market, auctions, alice, bob):
    """The account word keeps its `_OPENED` mark, so a credit after a withdrawal rewrites a
    non-zero word (about 5,000 gas) instead of creating one (about 22,100)."""
    gas = []
    for _ in range(3):
        pet = market.mint(alice)
        auctions.createSaleAuction(pet, ETHER, ETHER, 60, {"from": alice})
        gas.append(
            auctions.bid(
                pet, auctions.getAuction(pet)["auctionId"], {"from": bob, "value": ETHER}
            ).gas_used
        )
        auctions.withdraw(alice, {"from": alice})
    first, second, third = gas
    assert first - second > 15_000  # the first credit ever creates the word
    assert second == third


def test_a_market_refuses_a_zero_pet_contract_or_admin(pets, weth, forwarder, admin, operator):
    with reverts("MarketZeroAddress"):
        ClockAuctionHouse.deploy(ZERO_ADDRESS, admin, operator, forwarder, 375, 0, {"from": admin})
    with reverts("MarketZeroAddress"):
        ClockAuctionHouse.deploy(pets, ZERO_ADDRESS, operator, forwarder, 375, 0, {"from": admin})
    with reverts("MarketZeroAddress"):
        ClockAuctionHouse.deploy(pets, admin, ZERO_ADDRESS, forwarder, 375, 0, {"from": admin})
    with reverts("MarketZeroAddress"):
        OrderBook.deploy(pets, ZERO_ADDRESS, admin, forwarder, 375, {"from": admin})


def test_a_market_refuses_a_cut_above_the_cap_at_deployment(pets, weth, forwarder, admin):
    with reverts("MarketCutTooHigh", 1001, 1000):
        OrderBook.deploy(pets, weth, admin, forwarder, 1001, {"from": admin})
