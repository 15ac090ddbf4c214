"""PetToken.transferForSale: transferFrom that first checks the pet's nonce and
returns the ERC-2981 royalty of the sale (the order book checks a signed order's nonce,
moves the pet and learns the royalty in this one call)."""

from market_helpers import ETHER, reverts, split


def test_it_moves_the_pet_and_returns_the_royalty_when_the_nonce_matches(
    market, pets, treasury, alice, bob
):
    pet = market.mint(alice)
    nonce = pets.petNonce(pet)
    price = 3 * ETHER + 7
    receiver, royalty = pets.transferForSale.call(alice, bob, pet, nonce, price, {"from": alice})
    assert receiver == treasury and royalty == split(price)[1] > 0
    assert pets.royaltyInfo(pet, price)[1] == royalty
    tx = pets.transferForSale(alice, bob, pet, nonce, price, {"from": alice})
    assert pets.ownerOf(pet) == bob
    assert pets.petNonce(pet) == nonce + 1
    assert tx.events["Transfer"]["from"] == alice and tx.events["Transfer"]["to"] == bob


def test_a_stale_nonce_reverts_and_the_pet_stays(market, pets, alice, bob, carol):
    pet = market.mint(alice)
    pets.transferFrom(alice, carol, pet, {"from": alice})
    pets.transferFrom(carol, alice, pet, {"from": carol})
    with reverts("PetStaleNonce", pet, 1, 2):
        pets.transferForSale(alice, bob, pet, 1, ETHER, {"from": alice})
    assert pets.ownerOf(pet) == alice


def test_it_keeps_transferFroms_approval_rules(market, pets, alice, bob):
    pet = market.mint(alice)
    with reverts("ERC721InsufficientApproval", bob, pet):
        pets.transferForSale(alice, bob, pet, 0, ETHER, {"from": bob})
    with reverts("ERC721IncorrectOwner", bob, pet, alice):
        pets.transferForSale(bob, bob, pet, 0, ETHER, {"from": alice})
    with reverts("ERC721NonexistentToken", 10**6):
        pets.transferForSale(alice, bob, 10**6, 0, ETHER, {"from": alice})
