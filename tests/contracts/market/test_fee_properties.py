"""Property tests: the cut, the royalty and the seller's share are exact to the wei for any
price and any basis points within the caps; the clock price follows its formula."""

from brownie import chain
from brownie.test import given, strategy
from hypothesis import settings
from market_helpers import split

PRICES = strategy("uint256", min_value=0, max_value=10**22)  # up to 10,000 ether
BPS = strategy("uint256", min_value=0, max_value=1000)
# Any price, any cut and any royalty within the caps.
ANY_SALE = given(price=PRICES, cut_bps=BPS, royalty_bps=BPS)


def _set_fees(market_contract, pets, admin, cut_bps: int, royalty_bps: int) -> None:
    """Puts the example's cut (in the market under test) and royalty (in the pets) in force."""
    market_contract.setCutBps(cut_bps, {"from": admin})
    pets.setRoyalty(royalty_bps, {"from": admin})


def _shares(market_contract, seller, currency: int) -> tuple[int, int, int]:
    """What the seller, the royalty receiver and the house hold in a market, in `currency`
    (0: ether, 1: WETH)."""
    return (
        market_contract.creditOf(seller)[currency],
        market_contract.royaltyBalance()[currency],
        market_contract.houseBalance()[currency],
    )


def _gains(before: tuple, after: tuple) -> list[int]:
    return [a - b for a, b in zip(after, before, strict=True)]


@settings(max_examples=12)
@ANY_SALE
def test_a_listing_fill_splits_the_price_exactly(
    market, pets, orders, admin, alice, bob, price, cut_bps, royalty_bps
):
    _set_fees(orders, pets, admin, cut_bps, royalty_bps)
    pet = market.mint(alice)
    # A limit of exactly the rates in force always passes: both fees round down.
    order, sig = market.listing(alice, pet, price, max_fee_bps=cut_bps + royalty_bps)
    before = _shares(orders, alice, 0)
    orders.fillListing(order, sig, {"from": bob, "value": price})
    cut, royalty, proceeds = split(price, cut_bps, royalty_bps)
    assert _gains(before, _shares(orders, alice, 0)) == [proceeds, royalty, cut]
    assert cut + royalty + proceeds == price


@settings(max_examples=10)
@ANY_SALE
def test_an_accepted_offer_splits_the_price_exactly_in_weth(
    market, pets, orders, weth, admin, alice, bob, price, cut_bps, royalty_bps
):
    _set_fees(orders, pets, admin, cut_bps, royalty_bps)
    order, sig = market.offer(bob, market.mint(alice), price)
    before = (*_shares(orders, alice, 1), weth.balanceOf(orders))
    orders.acceptOffer(order, sig, cut_bps + royalty_bps, {"from": alice})
    cut, royalty, proceeds = split(price, cut_bps, royalty_bps)
    after = (*_shares(orders, alice, 1), weth.balanceOf(orders))
    assert _gains(before, after) == [proceeds, royalty, cut, price]


@settings(max_examples=10)
@ANY_SALE
def test_an_auction_sale_splits_the_price_exactly(
    market, pets, auctions, admin, alice, bob, price, cut_bps, royalty_bps
):
    _set_fees(auctions, pets, admin, cut_bps, royalty_bps)
    pet = market.sale_auction(alice, price)
    before = _shares(auctions, alice, 0)
    market.bid(pet, bob, price)
    cut, royalty, proceeds = split(price, cut_bps, royalty_bps)
    assert _gains(before, _shares(auctions, alice, 0)) == [proceeds, royalty, cut]


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
