"""ERC-2771: calls relayed by the trusted forwarder act for the account appended to them."""

import pytest
from hexbytes import HexBytes

from scripts.deploy import deploy_pets


@pytest.fixture(scope="module")
def forwarder(accounts):
    # A plain account stands in for the forwarder contract: the token only checks msg.sender.
    return accounts[6]


@pytest.fixture(scope="module")
def relayed_pets(admin, operator, treasury, forwarder):
    return deploy_pets(admin, operator=operator, treasury=treasury, forwarder=forwarder.address)


@pytest.fixture(scope="module")
def pair(relayed_pets, operator, game, alice):
    return tuple(
        relayed_pets.mintGen0(game.genes(), alice, {"from": operator}).events["Birth"]["petId"]
        for _ in range(2)
    )


def relay(sender, pets, calldata, on_behalf_of):
    """Send `calldata` to `pets` from `sender` with `on_behalf_of`'s address appended."""
    data = bytes(HexBytes(calldata)) + bytes(HexBytes(on_behalf_of.address))
    return sender.transfer(pets, 0, data="0x" + data.hex(), gas_limit=1_000_000)


def test_the_forwarder_is_trusted(relayed_pets, pets, forwarder, alice):
    assert relayed_pets.isTrustedForwarder(forwarder)
    assert not relayed_pets.isTrustedForwarder(alice)
    assert not pets.isTrustedForwarder(forwarder)  # deployed without one


def test_a_relayed_transfer_moves_the_signers_pet(relayed_pets, pair, forwarder, alice, bob):
    calldata = relayed_pets.transferFrom.encode_input(alice, bob, pair[0])
    tx = relay(forwarder, relayed_pets, calldata, alice)
    assert relayed_pets.ownerOf(pair[0]) == bob
    assert tx.events["Transfer"]["from"] == alice


def test_a_relayed_breeding_breeds_the_signers_pets(relayed_pets, pair, forwarder, alice):
    relay(forwarder, relayed_pets, relayed_pets.breedWith.encode_input(*pair), alice)
    assert relayed_pets.getPet(pair[0])["siringWithId"] == pair[1]


def test_an_untrusted_sender_cannot_speak_for_another(relayed_pets, pair, alice, bob, reverts):
    calldata = relayed_pets.transferFrom.encode_input(alice, bob, pair[0])
    with reverts("ERC721InsufficientApproval", bob, pair[0]):
        relay(bob, relayed_pets, calldata, alice)
    assert relayed_pets.ownerOf(pair[0]) == alice


def test_the_forwarder_cannot_speak_for_someone_without_rights(
    relayed_pets, pair, forwarder, alice, carol, reverts
):
    calldata = relayed_pets.transferFrom.encode_input(alice, carol, pair[0])
    with reverts("ERC721InsufficientApproval", carol, pair[0]):
        relay(forwarder, relayed_pets, calldata, carol)
