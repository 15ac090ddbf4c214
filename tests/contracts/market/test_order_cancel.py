"""Cancelling orders: one by its hash, or all of a signer's at once (a counter)."""

from market_helpers import ETHER, MAX_FEE_BPS, reverts


def test_a_cancelled_listing_cannot_be_filled(market, orders, alice, bob, listed):
    _pet, order, sig = listed
    digest = orders.hashListing(order)
    tx = orders.cancelOrder(digest, {"from": alice})
    assert tx.events["OrderCancelled"]["signer"] == alice
    assert orders.isCancelled(alice, digest)
    with reverts("MarketOrderCancelled", bytes(digest)):
        orders.fillListing(order, sig, {"from": bob, "value": ETHER})


def test_a_cancelled_offer_cannot_be_accepted(market, orders, alice, bob, offered):
    _pet, order, sig = offered
    digest = orders.hashOffer(order)
    orders.cancelOrder(digest, {"from": bob})
    with reverts("MarketOrderCancelled", bytes(digest)):
        orders.acceptOffer(order, sig, MAX_FEE_BPS, {"from": alice})


def test_cancelling_one_order_leaves_the_others_alive(market, pets, orders, alice, bob):
    pet = market.mint(alice)
    first, _first_sig = market.listing(alice, pet, ETHER)
    second, second_sig = market.listing(alice, pet, 2 * ETHER)
    orders.cancelOrder(orders.hashListing(first), {"from": alice})
    orders.fillListing(second, second_sig, {"from": bob, "value": 2 * ETHER})
    assert pets.ownerOf(pet) == bob


def test_a_second_cancel_by_hash_voids_its_order_too(market, pets, orders, alice, bob):
    """The first cancel by hash marks the signer's account word (fills of signers who never
    cancelled skip the cancelled flags); later cancels find the mark set and still count,
    and the mark touches neither the counter nor the credits."""
    pet = market.mint(alice)
    first, _ = market.listing(alice, pet, ETHER)
    second, second_sig = market.listing(alice, pet, 2 * ETHER)
    third, third_sig = market.listing(alice, pet, 3 * ETHER)
    counter, credit = orders.orderCounter(alice), tuple(orders.creditOf(alice))
    orders.cancelOrder(orders.hashListing(first), {"from": alice})
    orders.cancelOrder(orders.hashListing(second), {"from": alice})
    with reverts("MarketOrderCancelled", bytes(orders.hashListing(second))):
        orders.fillListing(second, second_sig, {"from": bob, "value": 2 * ETHER})
    assert orders.orderCounter(alice) == counter
    assert tuple(orders.creditOf(alice)) == credit
    orders.fillListing(third, third_sig, {"from": bob, "value": 3 * ETHER})
    assert pets.ownerOf(pet) == bob


def test_no_one_can_cancel_someone_elses_order(market, pets, orders, alice, bob, carol, listed):
    pet, order, sig = listed
    orders.cancelOrder(orders.hashListing(order), {"from": carol})  # recorded under carol only
    assert not orders.isCancelled(alice, orders.hashListing(order))
    orders.fillListing(order, sig, {"from": bob, "value": ETHER})
    assert pets.ownerOf(pet) == bob


def test_cancel_all_voids_every_earlier_order_of_the_signer(market, orders, alice, bob):
    a, b = market.mint(alice), market.mint(alice)
    la, sa = market.listing(alice, a, ETHER)
    lb, sb = market.listing(alice, b, ETHER)
    tx = orders.cancelAllOrders({"from": alice})
    assert tx.events["AllOrdersCancelled"]["counter"] == 1
    assert orders.orderCounter(alice) == 1
    for order, sig in ((la, sa), (lb, sb)):
        with reverts("MarketInvalidSigner", _recovered(orders, order, sig), alice):
            orders.fillListing(order, sig, {"from": bob, "value": ETHER})


def test_orders_signed_after_cancel_all_are_fillable(market, pets, orders, alice, bob):
    pet = market.mint(alice)
    orders.cancelAllOrders({"from": alice})
    order, sig = market.listing(alice, pet, ETHER)  # names counter 1
    orders.fillListing(order, sig, {"from": bob, "value": ETHER})
    assert pets.ownerOf(pet) == bob


def test_cancel_all_does_not_touch_other_signers(market, pets, orders, alice, bob, carol, listed):
    pet, order, sig = listed
    orders.cancelAllOrders({"from": carol})
    orders.fillListing(order, sig, {"from": bob, "value": ETHER})
    assert pets.ownerOf(pet) == bob


def _recovered(orders, order, sig):
    from eth_account import Account

    return Account._recover_hash(bytes(orders.hashListing(order)), signature=sig)
