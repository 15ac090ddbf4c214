"""Attacks: malformed signatures are refused by OpenZeppelin's ECDSA, by name."""

from market_helpers import ETHER, SECP256K1_N, high_s, reverts


def test_a_64_byte_signature_reverts(market, orders, alice, bob):
    pet = market.mint(alice)
    order, sig = market.listing(alice, pet, ETHER)
    with reverts("ECDSAInvalidSignatureLength", 64):
        orders.fillListing(order, sig[:64], {"from": bob, "value": ETHER})


def test_a_66_byte_signature_reverts(market, orders, alice, bob):
    pet = market.mint(alice)
    order, sig = market.listing(alice, pet, ETHER)
    with reverts("ECDSAInvalidSignatureLength", 66):
        orders.fillListing(order, sig + b"\x00", {"from": bob, "value": ETHER})


def test_an_empty_signature_reverts(market, orders, alice, bob):
    pet = market.mint(alice)
    order, _ = market.listing(alice, pet, ETHER)
    with reverts("ECDSAInvalidSignatureLength", 0):
        orders.fillListing(order, b"", {"from": bob, "value": ETHER})


def test_a_high_s_twin_of_a_valid_signature_reverts(market, orders, alice, bob):
    pet = market.mint(alice)
    order, sig = market.listing(alice, pet, ETHER)
    twin = high_s(sig)
    s = twin[32:64]
    assert int.from_bytes(s, "big") > SECP256K1_N // 2
    with reverts("ECDSAInvalidSignatureS", s):
        orders.fillListing(order, twin, {"from": bob, "value": ETHER})


def test_a_wrong_v_reverts(market, orders, alice, bob):
    pet = market.mint(alice)
    order, sig = market.listing(alice, pet, ETHER)
    for v in (0, 1, 29, 255):
        with reverts("ECDSAInvalidSignature"):
            orders.fillListing(order, sig[:64] + bytes([v]), {"from": bob, "value": ETHER})


def test_a_zero_signature_reverts(market, orders, alice, bob):
    pet = market.mint(alice)
    order, _ = market.listing(alice, pet, ETHER)
    with reverts("ECDSAInvalidSignature"):
        orders.fillListing(order, bytes(64) + b"\x1b", {"from": bob, "value": ETHER})
