"""Royalties: accrued in each market for the pets' royalty receiver, paid by withdrawRoyalties
to whoever is the receiver when it is called (the pets' treasury)."""

from market_helpers import ETHER, MAX_FEE_BPS, ZERO_ADDRESS, event_values, reverts, split


def _sell_for_ether(market, orders, seller, buyer, price):
    pet = market.mint(seller)
    order, sig = market.listing(seller, pet, price)
    orders.fillListing(order, sig, {"from": buyer, "value": price})


def _sell_for_weth(market, orders, seller, buyer, price):
    pet = market.mint(seller)
    order, sig = market.offer(buyer, pet, price)
    orders.acceptOffer(order, sig, MAX_FEE_BPS, {"from": seller})


def test_the_receiver_withdraws_ether_and_weth_royalties_at_once(
    market, orders, weth, treasury, alice, bob, carol
):
    _sell_for_ether(market, orders, alice, bob, ETHER)
    _sell_for_weth(market, orders, alice, bob, 2 * ETHER)
    ether_royalty, weth_royalty = split(ETHER)[1], split(2 * ETHER)[1]
    assert orders.royaltyReceiver() == treasury
    assert tuple(orders.royaltyBalance()) == (ether_royalty, weth_royalty)
    before = carol.balance()
    tx = orders.withdrawRoyalties(carol, {"from": treasury})
    assert carol.balance() == before + ether_royalty
    assert weth.balanceOf(carol) == weth_royalty
    assert tuple(orders.royaltyBalance()) == (0, 0)
    withdrawn = event_values(
        tx.events["RoyaltiesWithdrawn"], "receiver", "to", "etherAmount", "tokenAmount"
    )
    assert withdrawn == (treasury, carol, ether_royalty, weth_royalty)
    # the house's cut and the seller's credit are untouched
    assert tuple(orders.houseBalance()) == (split(ETHER)[0], split(2 * ETHER)[0])
    assert tuple(orders.creditOf(alice)) == (split(ETHER)[2], split(2 * ETHER)[2])


def test_auction_royalties_are_withdrawn_from_the_auction_house(
    market, auctions, treasury, alice, bob
):
    pet = market.mint(alice)
    auctions.createSaleAuction(pet, ETHER, ETHER, 60, {"from": alice})
    auctions.bid(pet, auctions.getAuction(pet)["auctionId"], {"from": bob, "value": ETHER})
    before = alice.balance()
    auctions.withdrawRoyalties(alice, {"from": treasury})  # to another account: the caller pays gas
    assert alice.balance() == before + split(ETHER)[1]
    assert auctions.balance() == split(ETHER)[0] + split(ETHER)[2]


def test_only_the_current_royalty_receiver_withdraws_royalties(
    market, orders, treasury, alice, bob
):
    _sell_for_ether(market, orders, alice, bob, ETHER)
    with reverts("MarketNotRoyaltyReceiver", bob, treasury):
        orders.withdrawRoyalties(bob, {"from": bob})


def test_royalties_accrued_before_a_treasury_change_go_to_the_new_treasury(
    market, pets, orders, admin, treasury, alice, bob, carol
):
    _sell_for_ether(market, orders, alice, bob, ETHER)
    pets.setTreasury(carol, {"from": admin})
    assert orders.royaltyReceiver() == carol
    with reverts("MarketNotRoyaltyReceiver", treasury, carol):
        orders.withdrawRoyalties(treasury, {"from": treasury})
    before = bob.balance()
    orders.withdrawRoyalties(bob, {"from": carol})
    assert bob.balance() == before + split(ETHER)[1]


def test_withdrawing_no_royalties_or_to_the_zero_address_reverts(
    market, orders, auctions, treasury, alice, bob
):
    with reverts("MarketNothingToWithdraw", treasury):
        orders.withdrawRoyalties(treasury, {"from": treasury})
    with reverts("MarketNothingToWithdraw", treasury):
        auctions.withdrawRoyalties(treasury, {"from": treasury})
    _sell_for_ether(market, orders, alice, bob, ETHER)
    with reverts("MarketZeroAddress"):
        orders.withdrawRoyalties(ZERO_ADDRESS, {"from": treasury})


def test_royalties_can_be_withdrawn_while_paused(market, orders, admin, treasury, alice, bob):
    _sell_for_weth(market, orders, alice, bob, ETHER)
    orders.pause({"from": admin})
    orders.withdrawRoyalties(treasury, {"from": treasury})
    assert tuple(orders.royaltyBalance()) == (0, 0)


def test_the_house_withdraws_its_weth_cut_apart_from_the_royalties(
    market, orders, weth, admin, alice, bob, carol
):
    _sell_for_weth(market, orders, alice, bob, ETHER)
    tx = orders.withdrawHouse(carol, {"from": admin})
    assert weth.balanceOf(carol) == split(ETHER)[0]
    assert tx.events["HouseWithdrawn"]["tokenAmount"] == split(ETHER)[0]
    assert tuple(orders.houseBalance()) == (0, 0)
    assert tuple(orders.royaltyBalance()) == (0, split(ETHER)[1])
