"""ERC-721 reads: balanceOf, ownerOf, totalSupply, name and symbol."""

import pytest

ZERO_ADDRESS = "0x0000000000000000000000000000000000000000"


@pytest.fixture(scope="module")
def alices_pets(game, alice, bob):
    game.mint(bob)
    return game.mint_many(alice, 3)


def test_balance_counts_the_owners_pets(pets, alices_pets, alice, bob, carol):
    assert pets.balanceOf(alice) == 3
    assert pets.balanceOf(bob) == 1
    assert pets.balanceOf(carol) == 0


def test_balance_of_the_zero_address_reverts(pets, reverts):
    with reverts("ERC721InvalidOwner", ZERO_ADDRESS):
        pets.balanceOf(ZERO_ADDRESS)


def test_owner_of_a_pet_is_its_owner(pets, alices_pets, alice):
    for pet_id in alices_pets:
        assert pets.ownerOf(pet_id) == alice


@pytest.mark.parametrize("pet_id", [0, 5, 2**32, 2**256 - 1])
def test_owner_of_a_nonexistent_pet_reverts(pets, alices_pets, reverts, pet_id):
    with reverts("ERC721NonexistentToken", pet_id):
        pets.ownerOf(pet_id)


def test_total_supply_counts_every_pet_minted_or_born(pets, game, alices_pets, alice):
    assert pets.totalSupply() == 4
    a, b = alices_pets[:2]
    game.child(a, b, alice)
    assert pets.totalSupply() == 5
    assert pets.balanceOf(alice) == 4


def test_ids_start_at_one_and_follow_each_other(pets, alices_pets, bob):
    assert pets.ownerOf(1) == bob
    assert alices_pets == [2, 3, 4]


def test_name_and_symbol(pets):
    assert pets.name() == "Pawchain Pets"
    assert pets.symbol() == "PAW"
