"""Attacks: a seller must never keep both the pet and the money, across auctions and orders."""

from market_helpers import ETHER, MAX_FEE_BPS, reverts


def test_a_pet_in_an_auction_cannot_be_sold_through_an_earlier_listing(
    market, pets, orders, auctions, alice, bob, listed
):
    pet, order, sig = listed
    auctions.createSaleAuction(
        pet, 5 * ETHER, 5 * ETHER, 3600, {"from": alice}
    )  # escrow: nonce 0 -> 1
    with reverts("PetStaleNonce", pet, 0, 1):
        orders.fillListing(order, sig, {"from": bob, "value": ETHER})
    assert pets.ownerOf(pet) == auctions


def test_a_pet_in_an_auction_cannot_be_sold_through_a_listing_signed_during_it(
    market, pets, orders, auctions, alice, bob
):
    pet = market.mint(alice)
    auctions.createSaleAuction(pet, 5 * ETHER, 5 * ETHER, 3600, {"from": alice})
    order, sig = market.listing(alice, pet, ETHER)  # names the escrow's nonce
    with reverts("ERC721IncorrectOwner", alice, pet, auctions):
        orders.fillListing(order, sig, {"from": bob, "value": ETHER})


def test_an_offer_cannot_be_accepted_while_the_pet_is_in_an_auction(
    market, pets, orders, auctions, weth, alice, bob
):
    pet = market.mint(alice)
    early, early_sig = market.offer(bob, pet, ETHER)
    auctions.createSaleAuction(pet, 5 * ETHER, 5 * ETHER, 3600, {"from": alice})
    late, late_sig = market.offer(bob, pet, ETHER, fund=False)
    with reverts("PetStaleNonce", pet, 0, 1):
        orders.acceptOffer(early, early_sig, MAX_FEE_BPS, {"from": alice})
    with reverts("ERC721IncorrectOwner", alice, pet, auctions):
        orders.acceptOffer(late, late_sig, MAX_FEE_BPS, {"from": alice})
    # the seller cancels the auction: pet back, and no money from the offer
    auctions.cancelAuction(pet, {"from": alice})
    assert pets.ownerOf(pet) == alice
    assert tuple(orders.creditOf(alice)) == (0, 0)
    assert weth.balanceOf(bob) == ETHER
    # both offers died with the escrow's moves (nonce now 2)
    with reverts("PetStaleNonce", pet, 1, 2):
        orders.acceptOffer(late, late_sig, MAX_FEE_BPS, {"from": alice})


def test_a_pet_sold_through_an_offer_cannot_then_be_auctioned(
    market, pets, orders, auctions, alice, bob, offered
):
    pet, order, sig = offered
    orders.acceptOffer(order, sig, MAX_FEE_BPS, {"from": alice})
    with reverts("ERC721IncorrectOwner", alice, pet, bob):
        auctions.createSaleAuction(pet, ETHER, ETHER, 60, {"from": alice})
    with reverts("MarketNotOnAuction", pet):
        auctions.cancelAuction(pet, {"from": alice})
    assert pets.ownerOf(pet) == bob


def test_a_pet_won_at_auction_cannot_be_sold_again_through_the_sellers_listing(
    market, pets, orders, auctions, alice, bob, carol, listed
):
    pet, order, sig = listed
    auctions.createSaleAuction(pet, ETHER, ETHER, 60, {"from": alice})
    market.bid(pet, bob, ETHER)
    with reverts("PetStaleNonce", pet, 0, 2):
        orders.fillListing(order, sig, {"from": carol, "value": ETHER})
    assert pets.ownerOf(pet) == bob


def test_a_sire_back_from_a_siring_auction_has_voided_its_old_orders(
    market, pets, orders, auctions, alice, bob, carol
):
    sire = market.mint(alice)
    order, sig = market.listing(alice, sire, ETHER)
    auctions.createSiringAuction(sire, ETHER, ETHER, 60, {"from": alice})
    matron = market.mint(bob)
    market.bid_on_siring(sire, matron, bob)
    # escrow (1), the breeding (2), the way home (3)
    assert pets.ownerOf(sire) == alice
    with reverts("PetStaleNonce", sire, 0, 3):
        orders.fillListing(order, sig, {"from": carol, "value": ETHER})
