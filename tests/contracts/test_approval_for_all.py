"""ERC-721 setApprovalForAll / isApprovedForAll."""

import pytest

ZERO_ADDRESS = "0x0000000000000000000000000000000000000000"


@pytest.fixture(scope="module")
def alices_pets(game, alice):
    return game.mint_many(alice, 2)


def test_nobody_is_an_operator_at_first(pets, alice, bob):
    assert pets.isApprovedForAll(alice, bob) is False


def test_owner_sets_an_operator(pets, alice, bob):
    tx = pets.setApprovalForAll(bob, True, {"from": alice})
    assert pets.isApprovedForAll(alice, bob) is True
    assert pets.isApprovedForAll(bob, alice) is False
    assert list(tx.events["ApprovalForAll"].values()) == [alice, bob, True]
    (log,) = tx.logs
    assert len(log["topics"]) == 3  # signature, owner, operator; `approved` is data


def test_owner_removes_an_operator(pets, alice, bob):
    pets.setApprovalForAll(bob, True, {"from": alice})
    tx = pets.setApprovalForAll(bob, False, {"from": alice})
    assert pets.isApprovedForAll(alice, bob) is False
    assert list(tx.events["ApprovalForAll"].values()) == [alice, bob, False]


def test_the_zero_address_cannot_be_an_operator(pets, alice, reverts):
    with reverts("ERC721InvalidOperator", ZERO_ADDRESS):
        pets.setApprovalForAll(ZERO_ADDRESS, True, {"from": alice})


def test_an_operator_moves_every_pet_of_the_owner(pets, alices_pets, alice, bob, carol):
    pets.setApprovalForAll(bob, True, {"from": alice})
    for pet_id in alices_pets:
        pets.transferFrom(alice, carol, pet_id, {"from": bob})
        assert pets.ownerOf(pet_id) == carol


def test_operator_approval_survives_transfers(pets, alices_pets, alice, bob, carol):
    pets.setApprovalForAll(bob, True, {"from": alice})
    pets.transferFrom(alice, carol, alices_pets[0], {"from": bob})
    assert pets.isApprovedForAll(alice, bob) is True


def test_a_removed_operator_cannot_move_pets(pets, alices_pets, alice, bob, carol, reverts):
    pets.setApprovalForAll(bob, True, {"from": alice})
    pets.setApprovalForAll(bob, False, {"from": alice})
    with reverts("ERC721InsufficientApproval", bob, alices_pets[0]):
        pets.transferFrom(alice, carol, alices_pets[0], {"from": bob})


def test_an_operator_of_the_previous_owner_loses_the_pet(
    pets, alices_pets, alice, bob, carol, reverts
):
    pets.setApprovalForAll(bob, True, {"from": alice})
    pets.transferFrom(alice, carol, alices_pets[0], {"from": alice})
    with reverts("ERC721IncorrectOwner", alice, alices_pets[0], carol):
        pets.transferFrom(alice, bob, alices_pets[0], {"from": bob})
    with reverts("ERC721InsufficientApproval", bob, alices_pets[0]):
        pets.transferFrom(carol, bob, alices_pets[0], {"from": bob})
