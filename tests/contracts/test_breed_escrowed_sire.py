"""breedWithEscrowedSire: a siring market breeds a winner's matron with a sire it holds."""

import pytest


@pytest.fixture
def market(pets, admin, carol):
    """carol plays the siring market: she holds SIRING_MARKET_ROLE and escrows sires."""
    pets.grantRole(pets.SIRING_MARKET_ROLE(), carol, {"from": admin})
    return carol


def test_the_market_breeds_the_winners_matron_with_the_sire_it_holds(pets, game, market, alice, bob):
    matron = game.mint(alice)
    sire = game.mint(bob)
    pets.transferFrom(bob, market, sire, {"from": bob})  # into escrow

    tx = pets.breedWithEscrowedSire(alice, matron, sire, {"from": market})

    assert tx.events["Pregnant"]["matronId"] == matron
    assert tx.events["Pregnant"]["sireId"] == sire
    assert pets.getPet(matron)["siringWithId"] == sire
    assert pets.ownerOf(sire) == market  # the market returns it to its owner itself
    assert pets.ownerOf(matron) == alice


def test_only_a_siring_market_may_breed_with_an_escrowed_sire(pets, game, alice, bob, reverts):
    matron = game.mint(alice)
    sire = game.mint(bob)
    with reverts("AccessControlUnauthorizedAccount", bob, pets.SIRING_MARKET_ROLE()):
        pets.breedWithEscrowedSire(alice, matron, sire, {"from": bob})


def test_the_market_must_hold_the_sire(pets, game, market, alice, bob, reverts):
    matron = game.mint(alice)
    sire = game.mint(bob)  # bob kept it: no escrow, no siring approval
    with reverts("PetSireNotEscrowed", sire, bob):
        pets.breedWithEscrowedSire(alice, matron, sire, {"from": market})


def test_the_breeder_must_own_the_matron(pets, game, market, alice, bob, reverts):
    matron = game.mint(alice)
    sire = game.mint(market)
    with reverts("PetNotMatronOwner", bob, matron):
        pets.breedWithEscrowedSire(bob, matron, sire, {"from": market})


def test_the_breeding_rules_still_apply(pets, game, market, alice, reverts):
    matron = game.mint(alice)
    sire = game.mint(market)
    pets.breedWithEscrowedSire(alice, matron, sire, {"from": market})
    game.wait_until_ready(matron)  # due, not yet born: still pregnant
    with reverts("PetIsPregnant", matron):
        pets.breedWithEscrowedSire(alice, matron, game.mint(market), {"from": market})
