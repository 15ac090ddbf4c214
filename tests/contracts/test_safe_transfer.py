"""ERC-721 safeTransferFrom: the receiver check, with accounts and contracts of every kind."""

import brownie
import pytest

ZERO_ADDRESS = "0x0000000000000000000000000000000000000000"
WITH_DATA = "address,address,uint256,bytes"
WITHOUT_DATA = "address,address,uint256"


@pytest.fixture(scope="module")
def pet(game, alice):
    return game.mint(alice)


@pytest.fixture(scope="module")
def recorder(RecordingReceiver, admin):
    return RecordingReceiver.deploy({"from": admin})


def test_safe_transfer_to_an_account_without_code(pets, pet, alice, bob):
    tx = pets.safeTransferFrom[WITHOUT_DATA](alice, bob, pet, {"from": alice})
    assert pets.ownerOf(pet) == bob
    assert list(tx.events["Transfer"].values()) == [alice, bob, pet]


def test_safe_transfer_with_data_to_an_account_without_code(pets, pet, alice, bob):
    pets.safeTransferFrom[WITH_DATA](alice, bob, pet, b"\x01\x02", {"from": alice})
    assert pets.ownerOf(pet) == bob


def test_receiver_is_told_operator_from_pet_and_data(pets, pet, recorder, alice, bob):
    pets.setApprovalForAll(bob, True, {"from": alice})
    tx = pets.safeTransferFrom[WITH_DATA](alice, recorder, pet, b"hello pets", {"from": bob})
    assert pets.ownerOf(pet) == recorder
    assert list(tx.events["Received"].values()) == [bob, alice, pet, "0x" + b"hello pets".hex()]
    assert recorder.calls() == 1


def test_safe_transfer_without_data_passes_empty_data(pets, pet, recorder, alice):
    pets.safeTransferFrom[WITHOUT_DATA](alice, recorder, pet, {"from": alice})
    assert recorder.lastOperator() == alice
    assert recorder.lastData() == "0x"


def test_the_transfer_is_complete_before_the_receiver_is_called(pets, pet, recorder, alice):
    tx = pets.safeTransferFrom[WITHOUT_DATA](alice, recorder, pet, {"from": alice})
    assert recorder.lastOwnerSeen() == recorder
    assert [event.name for event in tx.events] == ["Transfer", "Received"]


def test_a_rejecting_receivers_reason_is_passed_on(pets, pet, alice, admin, RejectingReceiver):
    receiver = RejectingReceiver.deploy({"from": admin})
    with brownie.reverts("RejectingReceiver: no pets here"):  # type: ignore[attr-defined]  # brownie's plugin adds it
        pets.safeTransferFrom[WITHOUT_DATA](alice, receiver, pet, {"from": alice})
    assert pets.ownerOf(pet) == alice
    assert pets.petNonce(pet) == 0


def test_a_receiver_answering_a_wrong_value_is_refused(
    pets, pet, alice, admin, WrongAnswerReceiver, reverts
):
    receiver = WrongAnswerReceiver.deploy({"from": admin})
    with reverts("ERC721InvalidReceiver", receiver):
        pets.safeTransferFrom[WITHOUT_DATA](alice, receiver, pet, {"from": alice})
    assert pets.ownerOf(pet) == alice


def test_a_contract_without_receiver_function_is_refused(
    pets, pet, alice, admin, NotAReceiver, reverts
):
    receiver = NotAReceiver.deploy({"from": admin})
    with reverts("ERC721InvalidReceiver", receiver):
        pets.safeTransferFrom[WITH_DATA](alice, receiver, pet, b"", {"from": alice})
    assert pets.ownerOf(pet) == alice


def test_plain_transfer_to_a_contract_without_receiver_function_works(
    pets, pet, alice, admin, NotAReceiver
):
    # transferFrom does not ask: the pet is stuck there, which is the caller's choice.
    receiver = NotAReceiver.deploy({"from": admin})
    pets.transferFrom(alice, receiver, pet, {"from": alice})
    assert pets.ownerOf(pet) == receiver


def test_safe_transfer_to_the_token_contract_reverts(pets, pet, alice, reverts):
    with reverts("ERC721InvalidReceiver", pets.address):
        pets.safeTransferFrom[WITHOUT_DATA](alice, pets, pet, {"from": alice})


def test_safe_transfer_to_the_zero_address_reverts(pets, pet, alice, reverts):
    with reverts("ERC721InvalidReceiver", ZERO_ADDRESS):
        pets.safeTransferFrom[WITH_DATA](alice, ZERO_ADDRESS, pet, b"", {"from": alice})


def test_safe_transfer_checks_ownership_and_approval_like_transfer_from(
    pets, pet, alice, bob, carol, reverts
):
    with reverts("ERC721InsufficientApproval", bob, pet):
        pets.safeTransferFrom[WITHOUT_DATA](alice, bob, pet, {"from": bob})
    with reverts("ERC721IncorrectOwner", carol, pet, alice):
        pets.safeTransferFrom[WITH_DATA](carol, bob, pet, b"", {"from": alice})


def test_safe_transfer_advances_the_nonce_and_voids_the_approval(pets, pet, recorder, alice, bob):
    pets.approve(bob, pet, {"from": alice})
    pets.safeTransferFrom[WITHOUT_DATA](alice, recorder, pet, {"from": bob})
    assert pets.petNonce(pet) == 1
    assert pets.getApproved(pet) == ZERO_ADDRESS
