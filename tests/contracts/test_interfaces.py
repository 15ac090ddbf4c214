"""ERC-165: the interfaces PetToken claims, and one it must not."""

import pytest

SUPPORTED = {
    "ERC-165": "0x01ffc9a7",
    "ERC-721": "0x80ac58cd",
    "ERC-721 metadata": "0x5b5e139f",
    "ERC-4906": "0x49064906",
    "ERC-2981": "0x2a55205a",
    "AccessControl": "0x7965db0b",
}


@pytest.mark.parametrize("interface_id", SUPPORTED.values(), ids=SUPPORTED.keys())
def test_supports_interface(pets, interface_id):
    assert pets.supportsInterface(interface_id) is True


@pytest.mark.parametrize(
    "interface_id",
    ["0xffffffff", "0x00000000", "0x780e9d63", "0xd9b67a26"],
    ids=["invalid id", "zero", "ERC-721 enumerable", "ERC-1155"],
)
def test_does_not_support_interface(pets, interface_id):
    assert pets.supportsInterface(interface_id) is False
