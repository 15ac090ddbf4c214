"""ERC-721 transferFrom: who may move a pet, where to, and what a transfer changes."""

import pytest

ZERO_ADDRESS = "0x0000000000000000000000000000000000000000"


@pytest.fixture(scope="module")
def pet(game, alice):
    game.mint(alice)
    return game.mint(alice)


def test_owner_transfers_a_pet(pets, pet, alice, bob):
    pets.transferFrom(alice, bob, pet, {"from": alice})
    assert pets.ownerOf(pet) == bob
    assert pets.balanceOf(alice) == 1
    assert pets.balanceOf(bob) == 1


def test_transfer_emits_transfer_with_every_field_indexed(pets, pet, alice, bob):
    tx = pets.transferFrom(alice, bob, pet, {"from": alice})
    assert list(tx.events["Transfer"].values()) == [alice, bob, pet]
    (log,) = tx.logs
    assert len(log["topics"]) == 4  # signature, from, to, tokenId
    assert log["data"] in ("0x", b"")


def test_approved_account_transfers_a_pet(pets, pet, alice, bob, carol):
    pets.approve(bob, pet, {"from": alice})
    tx = pets.transferFrom(alice, carol, pet, {"from": bob})
    assert pets.ownerOf(pet) == carol
    assert list(tx.events["Transfer"].values()) == [alice, carol, pet]


def test_operator_transfers_a_pet(pets, pet, alice, bob, carol):
    pets.setApprovalForAll(bob, True, {"from": alice})
    pets.transferFrom(alice, carol, pet, {"from": bob})
    assert pets.ownerOf(pet) == carol


def test_stranger_cannot_transfer(pets, pet, alice, bob, reverts):
    with reverts("ERC721InsufficientApproval", bob, pet):
        pets.transferFrom(alice, bob, pet, {"from": bob})
    assert pets.ownerOf(pet) == alice


def test_approval_for_another_pet_does_not_help(pets, game, pet, alice, bob, reverts):
    other = game.mint(alice)
    pets.approve(bob, other, {"from": alice})
    with reverts("ERC721InsufficientApproval", bob, pet):
        pets.transferFrom(alice, bob, pet, {"from": bob})


def test_wrong_from_reverts(pets, pet, alice, bob, carol, reverts):
    with reverts("ERC721IncorrectOwner", bob, pet, alice):
        pets.transferFrom(bob, carol, pet, {"from": alice})


def test_transfer_of_a_nonexistent_pet_reverts(pets, pet, alice, bob, reverts):
    with reverts("ERC721NonexistentToken", pet + 1):
        pets.transferFrom(alice, bob, pet + 1, {"from": alice})


def test_transfer_to_the_zero_address_reverts(pets, pet, alice, reverts):
    with reverts("ERC721InvalidReceiver", ZERO_ADDRESS):
        pets.transferFrom(alice, ZERO_ADDRESS, pet, {"from": alice})


def test_transfer_to_the_token_contract_reverts(pets, pet, alice, reverts):
    with reverts("ERC721InvalidReceiver", pets.address):
        pets.transferFrom(alice, pets, pet, {"from": alice})


def test_transfer_to_oneself_keeps_the_balance_and_advances_the_nonce(pets, pet, alice):
    tx = pets.transferFrom(alice, alice, pet, {"from": alice})
    assert pets.ownerOf(pet) == alice
    assert pets.balanceOf(alice) == 2
    assert pets.petNonce(pet) == 1
    assert list(tx.events["Transfer"].values()) == [alice, alice, pet]


def test_pet_nonce_starts_at_zero_and_counts_transfers(pets, pet, alice, bob):
    assert pets.petNonce(pet) == 0
    pets.transferFrom(alice, bob, pet, {"from": alice})
    assert pets.petNonce(pet) == 1
    pets.transferFrom(bob, alice, pet, {"from": bob})
    pets.transferFrom(alice, bob, pet, {"from": alice})
    assert pets.petNonce(pet) == 3


def test_pet_nonce_is_per_pet(pets, pet, alice, bob):
    pets.transferFrom(alice, bob, pet, {"from": alice})
    assert pets.petNonce(pet - 1) == 0


def test_pet_nonce_of_a_nonexistent_pet_reverts(pets, pet, reverts):
    with reverts("ERC721NonexistentToken", pet + 1):
        pets.petNonce(pet + 1)


def test_a_failed_transfer_changes_nothing(pets, pet, alice, bob, reverts):
    with reverts("ERC721InsufficientApproval", bob, pet):
        pets.transferFrom(alice, bob, pet, {"from": bob})
    assert pets.petNonce(pet) == 0
    assert pets.balanceOf(alice) == 2
    assert pets.balanceOf(bob) == 0


def test_a_transfer_keeps_the_pets_genes_and_breeding_state(pets, game, pet, alice, bob):
    partner = pet - 1
    game.breed(pet, partner, alice)
    before = pets.getPet(pet).dict()
    pets.transferFrom(alice, bob, pet, {"from": alice})
    assert pets.getPet(pet).dict() == before
