"""Attacks: a seller changes a pet between signing and fill (breeds it, lets it give birth)
so the buyer would pay a fresh pet's price for a cooling-down, pregnant or just-delivered
one. Every breeding (matron and sire) and every birth (matron) advances the pet nonce an
order names, so the fill reverts with PetStaleNonce and nothing moves."""

import pytest
from market_helpers import ETHER, MAX_FEE_BPS, reverts


@pytest.mark.parametrize("role", ["matron", "sire"])
def test_a_listed_pet_bred_in_either_role_cannot_be_bought(market, pets, orders, alice, bob, role):
    matron, sire = market.ready_pair(alice)
    pet = matron if role == "matron" else sire
    order, sig = market.listing(alice, pet, ETHER)
    pets.breedWith(matron, sire, {"from": alice})  # the matron is now pregnant; both cool down
    with reverts("PetStaleNonce", pet, 0, 1):
        orders.fillListing(order, sig, {"from": bob, "value": ETHER})
    assert pets.ownerOf(pet) == alice
    assert orders.balance() == 0


def test_an_offer_cannot_be_accepted_after_the_seller_bred_the_pet(
    market, pets, orders, weth, alice, bob
):
    # The seller controls when an offer is accepted: breed first, then sell the spent pet.
    pet, sire = market.ready_pair(alice)
    order, sig = market.offer(bob, pet, ETHER)
    pets.breedWith(pet, sire, {"from": alice})
    with reverts("PetStaleNonce", pet, 0, 1):
        orders.acceptOffer(order, sig, MAX_FEE_BPS, {"from": alice})
    assert pets.ownerOf(pet) == alice
    assert weth.balanceOf(bob) == ETHER


def test_a_pregnant_pet_cannot_be_bought_after_it_gave_birth(
    market, pets, orders, alice, bob, carol
):
    # Listed while pregnant (the buyer pays for the coming child); the birth between
    # signing and fill would leave the child with the seller.
    pet, sire = market.ready_pair(alice)
    pets.breedWith(pet, sire, {"from": alice})
    order, sig = market.listing(alice, pet, 2 * ETHER)  # nonce 1: bred
    market.give_birth(pet, carol)  # anyone may call giveBirth
    with reverts("PetStaleNonce", pet, 1, 2):
        orders.fillListing(order, sig, {"from": bob, "value": 2 * ETHER})
    assert pets.ownerOf(pet) == alice


def test_an_offer_on_a_pregnant_pet_cannot_be_accepted_after_the_birth(
    market, pets, orders, alice, bob
):
    pet, sire = market.ready_pair(alice)
    pets.breedWith(pet, sire, {"from": alice})
    order, sig = market.offer(bob, pet, 2 * ETHER)
    market.give_birth(pet, alice)
    with reverts("PetStaleNonce", pet, 1, 2):
        orders.acceptOffer(order, sig, MAX_FEE_BPS, {"from": alice})


def test_an_order_signed_after_the_breeding_fills(market, pets, orders, alice, bob):
    # Not a ban on selling bred pets: an order signed on the pet as it is now stays good.
    pet, sire = market.ready_pair(alice)
    pets.breedWith(pet, sire, {"from": alice})
    order, sig = market.listing(alice, pet, ETHER)
    orders.fillListing(order, sig, {"from": bob, "value": ETHER})
    assert pets.ownerOf(pet) == bob
    assert pets.getPet(pet)["siringWithId"] == sire  # bob bought it pregnant, knowingly
