"""A hostile receiver re-enters the token from onERC721Received: the state stays consistent."""

import pytest

WITH_DATA = "address,address,uint256,bytes"
WITHOUT_DATA = "address,address,uint256"


@pytest.fixture(scope="module")
def receiver(ReentrantReceiver, pets, admin):
    return ReentrantReceiver.deploy(pets, {"from": admin})


@pytest.fixture(scope="module")
def pet(game, alice):
    game.mint(alice)  # alice keeps another pet throughout
    return game.mint(alice)


def safe_transfer(pets, sender, from_, to, pet_id):
    return pets.safeTransferFrom[WITHOUT_DATA](from_, to, pet_id, {"from": sender})


def test_receiver_passes_the_pet_on_while_receiving_it(pets, pet, receiver, alice, carol):
    receiver.arm(pets.transferFrom.encode_input(receiver, carol, pet), True, {"from": alice})
    tx = safe_transfer(pets, alice, alice, receiver, pet)
    assert receiver.reentrySucceeded()
    assert pets.ownerOf(pet) == carol
    assert [list(e.values()) for e in tx.events["Transfer"]] == [
        [alice, receiver, pet],
        [receiver, carol, pet],
    ]
    assert (pets.balanceOf(alice), pets.balanceOf(receiver), pets.balanceOf(carol)) == (1, 0, 1)
    assert pets.petNonce(pet) == 2


def test_receiver_passes_the_pet_on_safely_to_another_receiver(
    pets, pet, receiver, alice, admin, RecordingReceiver
):
    recorder = RecordingReceiver.deploy({"from": admin})
    call = pets.safeTransferFrom[WITH_DATA].encode_input(receiver, recorder, pet, b"onwards")
    receiver.arm(call, True, {"from": alice})
    safe_transfer(pets, alice, alice, receiver, pet)
    assert pets.ownerOf(pet) == recorder
    assert (recorder.lastOperator(), recorder.lastFrom(), recorder.lastTokenId()) == (
        receiver,
        receiver,
        pet,
    )
    assert (pets.balanceOf(alice), pets.balanceOf(receiver), pets.balanceOf(recorder)) == (1, 0, 1)
    assert pets.petNonce(pet) == 2


def test_receiver_sends_the_pet_straight_back(pets, pet, receiver, alice):
    receiver.arm(
        pets.safeTransferFrom[WITHOUT_DATA].encode_input(receiver, alice, pet),
        True,
        {"from": alice},
    )
    safe_transfer(pets, alice, alice, receiver, pet)
    assert pets.ownerOf(pet) == alice
    assert (pets.balanceOf(alice), pets.balanceOf(receiver)) == (2, 0)
    assert pets.petNonce(pet) == 2


def test_receiver_cannot_pull_the_same_pet_twice(
    pets, pet, receiver, alice, custom_error, decode_error
):
    # alice lets the receiver manage her pets; it pulls one and, while receiving it, pulls again.
    pets.setApprovalForAll(receiver, True, {"from": alice})
    pull = pets.safeTransferFrom[WITHOUT_DATA].encode_input(alice, receiver, pet)
    receiver.arm(pull, False, {"from": alice})
    receiver.execute(pull, {"from": alice})
    assert not receiver.reentrySucceeded()
    assert decode_error(receiver.reentryResult()) == custom_error(
        "ERC721IncorrectOwner", alice, pet, receiver
    )
    assert pets.ownerOf(pet) == receiver
    assert (pets.balanceOf(alice), pets.balanceOf(receiver)) == (1, 1)
    assert receiver.received() == 1
    assert pets.petNonce(pet) == 1


def test_a_failed_reentry_that_bubbles_undoes_the_whole_transfer(
    pets, pet, receiver, alice, reverts
):
    pets.setApprovalForAll(receiver, True, {"from": alice})
    pull = pets.safeTransferFrom[WITHOUT_DATA].encode_input(alice, receiver, pet)
    receiver.arm(pull, True, {"from": alice})
    with reverts("ERC721IncorrectOwner", alice, pet, receiver):
        receiver.execute(pull, {"from": alice})
    assert pets.ownerOf(pet) == alice
    assert (pets.balanceOf(alice), pets.balanceOf(receiver)) == (2, 0)
    assert pets.petNonce(pet) == 0


def test_receiver_breeds_the_pet_it_is_receiving(pets, game, pet, receiver, alice, bob):
    own_pet = game.mint(receiver)
    receiver.arm(pets.breedWith.encode_input(pet, own_pet), True, {"from": alice})
    tx = safe_transfer(pets, alice, alice, receiver, pet)
    assert receiver.reentrySucceeded()
    assert tx.events["Pregnant"]["matronId"] == pet
    assert pets.getPet(pet)["siringWithId"] == own_pet
    child = game.give_birth(pet, bob)
    assert pets.ownerOf(child) == receiver
    assert pets.balanceOf(receiver) == 3


def test_receiver_cannot_breed_a_pet_of_the_sender(
    pets, pet, receiver, alice, custom_error, decode_error
):
    alices_other_pet = pet - 1
    receiver.arm(pets.breedWith.encode_input(alices_other_pet, pet), False, {"from": alice})
    safe_transfer(pets, alice, alice, receiver, pet)
    assert decode_error(receiver.reentryResult()) == custom_error(
        "PetNotMatronOwner", receiver, alices_other_pet
    )
    assert pets.isReadyToBreed(alices_other_pet) and pets.isReadyToBreed(pet)
    assert pets.ownerOf(pet) == receiver
