"""Attacks: replaying a signed order where, or when, it was not meant to be used."""

from brownie import OrderBook, accounts  # type: ignore[attr-defined]  # added by brownie at run time
from market_helpers import CUT_BPS, ETHER, MAX_FEE_BPS, reverts, signed_order


def _recovered(orders, order, sig):
    from eth_account import Account

    return Account._recover_hash(bytes(orders.hashListing(order)), signature=sig)


def test_a_listing_signed_for_another_chain_id_does_not_verify(market, pets, orders, alice, bob):
    pet = market.mint(alice)
    order, sig = market.listing(alice, pet, ETHER, chain_id=1)
    with reverts("MarketInvalidSigner", _recovered(orders, order, sig), alice):
        orders.fillListing(order, sig, {"from": bob, "value": ETHER})


def test_a_listing_signed_for_another_market_deployment_does_not_verify(
    market, pets, orders, weth, forwarder, admin, alice, bob
):
    other = OrderBook.deploy(pets, weth, admin, forwarder, CUT_BPS, {"from": admin})
    pets.setApprovalForAll(other, True, {"from": alice})
    pet = market.mint(alice)
    order, sig = market.listing(alice, pet, ETHER)  # for `orders`
    with reverts("MarketInvalidSigner", _recovered(other, order, sig), alice):
        other.fillListing(order, sig, {"from": bob, "value": ETHER})
    # and the other way round
    order2, sig2 = signed_order(
        orders,
        "listing",
        alice,
        pet,
        ETHER,
        pets.petNonce(pet),
        order[4],
        verifying_contract=other.address,
    )
    with reverts("MarketInvalidSigner", _recovered(orders, order2, sig2), alice):
        orders.fillListing(order2, sig2, {"from": bob, "value": ETHER})


def test_a_listing_replayed_after_its_fill_is_stale(market, pets, orders, alice, bob, listed):
    pet, order, sig = listed
    orders.fillListing(order, sig, {"from": bob, "value": ETHER})
    # even once the pet is back with the seller, the old listing stays dead
    pets.transferFrom(bob, alice, pet, {"from": bob})
    with reverts("PetStaleNonce", pet, 0, 2):
        orders.fillListing(order, sig, {"from": accounts[7], "value": ETHER})


def test_an_offer_replayed_after_its_acceptance_is_stale(market, pets, orders, alice, bob, offered):
    pet, order, sig = offered
    orders.acceptOffer(order, sig, MAX_FEE_BPS, {"from": alice})
    pets.transferFrom(bob, alice, pet, {"from": bob})
    with reverts("PetStaleNonce", pet, 0, 2):
        orders.acceptOffer(order, sig, MAX_FEE_BPS, {"from": alice})


def test_a_listing_replayed_after_a_cancel_reverts(market, orders, alice, bob, listed):
    _pet, order, sig = listed
    digest = orders.hashListing(order)
    orders.cancelOrder(digest, {"from": alice})
    with reverts("MarketOrderCancelled", bytes(digest)):
        orders.fillListing(order, sig, {"from": bob, "value": ETHER})


def test_a_listing_replayed_after_cancel_all_does_not_verify(market, orders, alice, bob, listed):
    _pet, order, sig = listed
    orders.cancelAllOrders({"from": alice})
    with reverts("MarketInvalidSigner", _recovered(orders, order, sig), alice):
        orders.fillListing(order, sig, {"from": bob, "value": ETHER})


def test_a_listing_filled_after_the_pet_moved_is_stale(
    market, pets, orders, alice, bob, carol, listed
):
    pet, order, sig = listed
    pets.transferFrom(alice, carol, pet, {"from": alice})
    with reverts("PetStaleNonce", pet, 0, 1):
        orders.fillListing(order, sig, {"from": bob, "value": ETHER})
    # and the listing stays dead if the pet comes back
    pets.transferFrom(carol, alice, pet, {"from": carol})
    with reverts("PetStaleNonce", pet, 0, 2):
        orders.fillListing(order, sig, {"from": bob, "value": ETHER})
