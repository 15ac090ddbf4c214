"""Signed listings: free to create, filled by anyone with the signature, paid in ether."""

from brownie import chain
from market_helpers import ETHER, event_values, reverts, reverts_matching, split


def test_filling_a_listing_moves_the_pet_and_credits_exactly(
    market, pets, orders, alice, bob, treasury
):
    pet = market.mint(alice)
    price = 2 * ETHER + 3
    order, sig = market.listing(alice, pet, price)
    tx = orders.fillListing(order, sig, {"from": bob, "value": price})
    cut, royalty, proceeds = split(price)
    assert pets.ownerOf(pet) == bob
    assert tuple(orders.creditOf(alice)) == (proceeds, 0)
    assert tuple(orders.royaltyBalance()) == (royalty, 0)  # accrued for the receiver, not credited
    assert tuple(orders.creditOf(treasury)) == (0, 0)
    assert tuple(orders.houseBalance()) == (cut, 0)
    assert orders.balance() == price
    event = tx.events["ListingFilled"]
    assert event_values(event, "petId", "seller", "buyer", "price") == (pet, alice, bob, price)
    assert event["orderHash"] == orders.hashListing(order)


def test_a_listing_costs_the_seller_nothing_but_one_approval(market, pets, orders, alice, bob):
    pet = market.mint(alice)
    before = alice.balance()
    order, sig = market.listing(alice, pet, ETHER)  # signing sends no transaction
    assert alice.balance() == before
    orders.fillListing(order, sig, {"from": bob, "value": ETHER})


def test_paying_less_than_the_price_reverts(market, orders, alice, bob, listed):
    _pet, order, sig = listed
    with reverts("MarketWrongPayment", ETHER - 1, ETHER):
        orders.fillListing(order, sig, {"from": bob, "value": ETHER - 1})


def test_paying_more_than_the_price_reverts(market, orders, alice, bob, listed):
    _pet, order, sig = listed
    with reverts("MarketWrongPayment", ETHER + 1, ETHER):
        orders.fillListing(order, sig, {"from": bob, "value": ETHER + 1})


def test_a_listing_with_an_altered_price_does_not_verify(market, orders, alice, bob, listed):
    _pet, order, sig = listed
    cheap = (order[0], order[1], ETHER // 2, *order[3:])
    with reverts("MarketInvalidSigner", _recovered(orders, cheap, sig), alice):
        orders.fillListing(cheap, sig, {"from": bob, "value": ETHER // 2})


def test_an_expired_listing_reverts(market, orders, alice, bob):
    pet = market.mint(alice)
    order, sig, expiry = market.expired("listing", alice, pet)
    with reverts_matching("MarketOrderExpired", str(expiry), r"\d+"):
        orders.fillListing(order, sig, {"from": bob, "value": ETHER})


def test_a_listing_is_fillable_up_to_its_expiry_second(market, pets, orders, alice, bob):
    pet = market.mint(alice)
    expiry = chain.time() + 100
    order, sig = market.listing(alice, pet, ETHER, expiry=expiry)
    chain.mine(timestamp=expiry - 1)
    tx = orders.fillListing(order, sig, {"from": bob, "value": ETHER})
    assert tx.timestamp <= expiry
    assert pets.ownerOf(pet) == bob


def test_a_listing_of_someone_elses_pet_does_not_verify(market, orders, alice, bob, carol):
    pet = market.mint(alice)
    order, sig = market.listing(carol, pet, ETHER)  # carol signs as seller of alice's pet
    # the order names carol, so the signature verifies, but carol does not own the pet
    with reverts("ERC721IncorrectOwner", carol, pet, alice):
        orders.fillListing(order, sig, {"from": bob, "value": ETHER})


def test_a_listing_needs_the_sellers_approval_of_the_order_book(market, pets, orders, alice, bob):
    pet = market.mint(alice)
    pets.setApprovalForAll(orders, False, {"from": alice})
    order, sig = market.listing(alice, pet, ETHER)
    with reverts("ERC721InsufficientApproval", orders, pet):
        orders.fillListing(order, sig, {"from": bob, "value": ETHER})


def test_a_listing_of_a_pet_that_does_not_exist_reverts(market, orders, alice, bob):
    order, sig = market.listing(alice, 999, ETHER, pet_nonce=0)
    with reverts("ERC721NonexistentToken", 999):
        orders.fillListing(order, sig, {"from": bob, "value": ETHER})


def _recovered(orders, order, sig):
    """Who the signature recovers to for `order` (a stranger when the terms were altered)."""
    from eth_account import Account

    return Account._recover_hash(bytes(orders.hashListing(order)), signature=sig)
