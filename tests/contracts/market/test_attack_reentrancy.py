"""Attacks: a hostile contract re-enters bid, fill and withdraw while being paid."""

from brownie import ReentrantBidder  # type: ignore[attr-defined]  # added by brownie at run time
from market_helpers import ETHER, MAX_FEE_BPS, last_revert_name, split


def _credited_bidder(market, auctions, alice, seller):
    """A ReentrantBidder that won an auction with 1 ether of overpayment credited."""
    bidder, pet = market.contract_wins_sale_auction(ReentrantBidder, alice, seller, ETHER)
    assert tuple(auctions.creditOf(bidder)) == (ETHER, 0)
    return bidder, pet


def test_reentering_withdraw_from_withdraw_is_refused(market, auctions, alice, bob):
    bidder, _ = _credited_bidder(market, auctions, alice, bob)
    bidder.arm(auctions, auctions.withdraw.encode_input(bidder), 0, {"from": alice})
    auctions_before = auctions.balance()
    bidder.act(auctions, auctions.withdraw.encode_input(bidder), 0, {"from": alice})
    assert bidder.attempts() == 1
    assert not bidder.lastSucceeded()
    assert last_revert_name(bidder.lastRevert(), auctions) == "MarketReentrantCall"
    assert auctions.balance() == auctions_before - ETHER  # paid once
    assert tuple(auctions.creditOf(bidder)) == (0, 0)


def test_reentering_bid_from_withdraw_is_refused(market, auctions, alice, bob):
    bidder, _ = _credited_bidder(market, auctions, alice, bob)
    other = market.sale_auction(bob, ETHER // 2)
    bidder.arm(
        auctions,
        auctions.bid.encode_input(other, auctions.getAuction(other)["auctionId"]),
        ETHER // 2,
        {"from": alice},
    )
    bidder.act(auctions, auctions.withdraw.encode_input(bidder), 0, {"from": alice})
    assert not bidder.lastSucceeded()
    assert last_revert_name(bidder.lastRevert(), auctions) == "MarketReentrantCall"
    assert auctions.getAuction(other)["kind"] == 1


def test_reentering_fill_from_withdraw_is_refused(market, pets, orders, admin, alice, bob, carol):
    bidder = ReentrantBidder.deploy({"from": alice})
    # the bidder collects ether as the royalty receiver of the pets
    pets.setTreasury(bidder, {"from": admin})
    pet = market.mint(carol)
    order, sig = market.listing(carol, pet, ETHER)
    orders.fillListing(order, sig, {"from": bob, "value": ETHER})
    assert orders.royaltyBalance()[0] > 0
    other = market.mint(carol)
    order2, sig2 = market.listing(carol, other, ETHER // 4)
    alice.transfer(bidder, ETHER)
    bidder.arm(orders, orders.fillListing.encode_input(order2, sig2), ETHER // 4, {"from": alice})
    bidder.act(orders, orders.withdrawRoyalties.encode_input(bidder), 0, {"from": alice})
    assert bidder.attempts() == 1
    assert not bidder.lastSucceeded()
    assert last_revert_name(bidder.lastRevert(), orders) == "MarketReentrantCall"
    assert pets.ownerOf(other) == carol
    assert tuple(orders.royaltyBalance()) == (0, 0)


def test_weth_proceeds_are_paid_without_running_the_receivers_code(
    market, pets, orders, weth, admin, alice, bob, carol
):
    bidder = ReentrantBidder.deploy({"from": alice})
    pets.setTreasury(bidder, {"from": admin})
    pet = market.mint(carol)
    offer, sig = market.offer(bob, pet, ETHER)
    orders.acceptOffer(offer, sig, MAX_FEE_BPS, {"from": carol})
    bidder.arm(orders, orders.withdrawRoyalties.encode_input(bidder), 0, {"from": alice})
    bidder.act(orders, orders.withdrawRoyalties.encode_input(bidder), 0, {"from": alice})
    assert bidder.attempts() == 0
    assert tuple(orders.royaltyBalance()) == (0, 0)
    assert weth.balanceOf(bidder) == split(ETHER)[1]


def test_the_markets_never_call_a_winners_receiver_hook(market, pets, auctions, alice, bob):
    bidder = ReentrantBidder.deploy({"from": alice})
    pet = market.sale_auction(bob)
    bidder.arm(auctions, auctions.withdraw.encode_input(bidder), 0, {"from": alice})
    market.bid_through(bidder, pet, ETHER, alice)
    assert pets.ownerOf(pet) == bidder
    assert bidder.receiverHookCalls() == 0
    assert bidder.attempts() == 0
