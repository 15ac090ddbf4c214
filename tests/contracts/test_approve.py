"""ERC-721 approve / getApproved, and how a transfer voids an approval (pet nonce)."""

import pytest

ZERO_ADDRESS = "0x0000000000000000000000000000000000000000"


@pytest.fixture(scope="module")
def pet(game, alice):
    return game.mint(alice)


def test_a_new_pet_has_no_approved_account(pets, pet):
    assert pets.getApproved(pet) == ZERO_ADDRESS


def test_owner_approves_an_account(pets, pet, alice, bob):
    tx = pets.approve(bob, pet, {"from": alice})
    assert pets.getApproved(pet) == bob
    assert list(tx.events["Approval"].values()) == [alice, bob, pet]


def test_approval_event_indexes_owner_approved_and_pet(pets, pet, alice, bob):
    tx = pets.approve(bob, pet, {"from": alice})
    (log,) = tx.logs
    assert len(log["topics"]) == 4  # signature, owner, approved, tokenId


def test_operator_of_the_owner_approves_an_account(pets, pet, alice, bob, carol):
    pets.setApprovalForAll(bob, True, {"from": alice})
    tx = pets.approve(carol, pet, {"from": bob})
    assert pets.getApproved(pet) == carol
    # The event names the owner, not the operator who approved.
    assert list(tx.events["Approval"].values()) == [alice, carol, pet]


def test_stranger_cannot_approve(pets, pet, bob, carol, reverts):
    with reverts("ERC721InvalidApprover", bob):
        pets.approve(carol, pet, {"from": bob})


def test_approved_account_cannot_approve_another(pets, pet, alice, bob, carol, reverts):
    pets.approve(bob, pet, {"from": alice})
    with reverts("ERC721InvalidApprover", bob):
        pets.approve(carol, pet, {"from": bob})


def test_approving_a_nonexistent_pet_reverts(pets, pet, alice, bob, reverts):
    with reverts("ERC721NonexistentToken", pet + 1):
        pets.approve(bob, pet + 1, {"from": alice})


def test_get_approved_of_a_nonexistent_pet_reverts(pets, pet, reverts):
    with reverts("ERC721NonexistentToken", pet + 1):
        pets.getApproved(pet + 1)


def test_approving_the_zero_address_clears_the_approval(pets, pet, alice, bob):
    pets.approve(bob, pet, {"from": alice})
    tx = pets.approve(ZERO_ADDRESS, pet, {"from": alice})
    assert pets.getApproved(pet) == ZERO_ADDRESS
    assert tx.events["Approval"]["approved"] == ZERO_ADDRESS


def test_a_new_approval_replaces_the_old_one(pets, pet, alice, bob, carol, reverts):
    pets.approve(bob, pet, {"from": alice})
    pets.approve(carol, pet, {"from": alice})
    assert pets.getApproved(pet) == carol
    with reverts("ERC721InsufficientApproval", bob, pet):
        pets.transferFrom(alice, bob, pet, {"from": bob})


def test_a_transfer_clears_the_approval(pets, pet, alice, bob, carol):
    pets.approve(bob, pet, {"from": alice})
    pets.transferFrom(alice, carol, pet, {"from": alice})
    assert pets.getApproved(pet) == ZERO_ADDRESS


def test_an_approval_does_not_come_back_with_the_pet(pets, pet, alice, bob, carol, reverts):
    pets.approve(bob, pet, {"from": alice})
    pets.transferFrom(alice, carol, pet, {"from": alice})
    pets.transferFrom(carol, alice, pet, {"from": carol})
    assert pets.getApproved(pet) == ZERO_ADDRESS
    with reverts("ERC721InsufficientApproval", bob, pet):
        pets.transferFrom(alice, bob, pet, {"from": bob})


def test_an_approval_is_used_up_by_the_transfer_it_allows(pets, pet, alice, bob, carol, reverts):
    pets.approve(bob, pet, {"from": alice})
    pets.transferFrom(alice, carol, pet, {"from": bob})
    assert pets.getApproved(pet) == ZERO_ADDRESS
    with reverts("ERC721InsufficientApproval", bob, pet):
        pets.transferFrom(carol, bob, pet, {"from": bob})


def test_an_approval_survives_other_pets_transfers(pets, game, pet, alice, bob, carol):
    other = game.mint(alice)
    pets.approve(bob, pet, {"from": alice})
    pets.transferFrom(alice, carol, other, {"from": alice})
    assert pets.getApproved(pet) == bob
