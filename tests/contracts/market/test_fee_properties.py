"""Property tests: the cut, the royalty and the seller's share are exact to the wei for any
price and any basis points within the caps; the clock price follows its formula."""

from brownie import chain
from brownie.test import given, strategy
from hypothesis import settings
from market_helpers import split

PRICES = strategy("uint256", min_value=0, max_value=10**22)  # up to 10,000 ether
BPS = strategy("uint256", min_value=0, max_value=1000)


@settings(max_examples=12)
@given(price=PRICES, cut_bps=BPS, royalty_bps=BPS)
def test_a_listing_fill_splits_the_price_exactly(
    market, pets, orders, admin, treasury, alice, bob, price, cut_bps, royalty_bps
):
    orders.setCutBps(cut_bps, {"from": admin})
    pets.setRoyalty(royalty_bps, {"from": admin})
    pet = market.mint(alice)
    # A limit of exactly the rates in force always passes: both fees round down.
    order, sig = market.listing(alice, pet, price, max_fee_bps=cut_bps + royalty_bps)
    seller_before, royalty_before, house_before = (
        orders.creditOf(alice)[0],
        orders.royaltyBalance()[0],
        orders.houseBalance()[0],
    )
    orders.fillListing(order, sig, {"from": bob, "value": price})
    cut, royalty, proceeds = split(price, cut_bps, royalty_bps)
    assert orders.creditOf(alice)[0] - seller_before == proceeds
    assert orders.royaltyBalance()[0] - royalty_before == royalty
    assert orders.houseBalance()[0] - house_before == cut
    assert cut + royalty + proceeds == price


@settings(max_examples=10)
@given(price=PRICES, cut_bps=BPS, royalty_bps=BPS)
def test_an_accepted_offer_splits_the_price_exactly_in_weth(
    market, pets, orders, weth, admin, treasury, alice, bob, price, cut_bps, royalty_bps
):
    orders.setCutBps(cut_bps, {"from": admin})
    pets.setRoyalty(royalty_bps, {"from": admin})
    pet = market.mint(alice)
    order, sig = market.offer(bob, pet, price)
    before = (
        orders.creditOf(alice)[1],
        orders.royaltyBalance()[1],
        orders.houseBalance()[1],
        weth.balanceOf(orders),
    )
    orders.acceptOffer(order, sig, cut_bps + royalty_bps, {"from": alice})
    cut, royalty, proceeds = split(price, cut_bps, royalty_bps)
    after = (
        orders.creditOf(alice)[1],
        orders.royaltyBalance()[1],
        orders.houseBalance()[1],
        weth.balanceOf(orders),
    )
    assert [a - b for a, b in zip(after, before, strict=True)] == [proceeds, royalty, cut, price]


@settings(max_examples=10)
@given(price=PRICES, cut_bps=BPS, royalty_bps=BPS)
def test_an_auction_sale_splits_the_price_exactly(
    market, pets, auctions, admin, treasury, alice, bob, price, cut_bps, royalty_bps
):
    auctions.setCutBps(cut_bps, {"from": admin})
    pets.setRoyalty(royalty_bps, {"from": admin})
    pet = market.mint(alice)
    auctions.createSaleAuction(pet, price, price, 60, {"from": alice})
    before = (auctions.creditOf(alice)[0], auctions.royaltyBalance()[0], auctions.houseBalance()[0])
    auctions.bid(pet, auctions.getAuction(pet)["auctionId"], {"from": bob, "value": price})
    cut, royalty, proceeds = split(price, cut_bps, royalty_bps)
    after = (auctions.creditOf(alice)[0], auctions.royaltyBalance()[0], auctions.houseBalance()[0])
    assert [a - b for a, b in zip(after, before, strict=True)] == [proceeds, royalty, cut]


@settings(max_examples=10)
@given(
    start=strategy("uint256", max_value=2**128 - 1),
    end=strategy("uint256", max_value=2**128 - 1),
    duration=strategy("uint256", min_value=60, max_value=365 * 86400),
    elapsed_permille=strategy("uint256", max_value=1500),
)
def test_the_clock_price_is_linear_then_flat(
    market, auctions, alice, start, end, duration, elapsed_permille
):
    pet = market.mint(alice)
    tx = auctions.createSaleAuction(pet, start, end, duration, {"from": alice})
    elapsed = duration * elapsed_permille // 1000
    chain.mine(timestamp=tx.timestamp + elapsed)
    elapsed = chain[-1].timestamp - tx.timestamp  # type: ignore[index, union-attr]  # brownie mistypes chain[-1]
    if elapsed >= duration:
        expected = end
    elif end >= start:
        expected = start + (end - start) * elapsed // duration
    else:
        expected = start - (start - end) * elapsed // duration
    assert auctions.currentPrice(pet) == expected
