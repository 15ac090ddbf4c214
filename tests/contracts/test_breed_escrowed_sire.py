"""breedWithEscrowedSire: a siring market breeds a winner's matron with a sire it holds."""

import pytest


@pytest.fixture
def market(pets, admin, carol):
    """carol plays the siring market: she holds SIRING_MARKET_ROLE and escrows sires."""
    pets.grantRole(pets.SIRING_MARKET_ROLE(), carol, {"from": admin})
    return carol


def test_the_market_breeds_the_winners_matron_with_the_sire_it_holds(
    pets, game, market, alice, bob
):
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


# ---------------------------------------------------------------- the role's power, exactly
# The pets cannot see who called the market, so SIRING_MARKET_ROLE is trusted to name the
# winner of its siring auction as `breeder`. These tests pin down what a holder can and
# cannot do (docs/security.md, Market holes; docs/contracts.md).


def test_a_holder_can_breed_any_ready_matron_by_naming_its_owner(pets, game, market, alice):
    matron = game.mint(alice)  # alice never dealt with the market
    sire = game.mint(market)
    pets.breedWithEscrowedSire(alice, matron, sire, {"from": market})
    assert pets.getPet(matron)["siringWithId"] == sire  # the trusted power: alice did not ask


def test_a_holder_cannot_take_the_matron_or_its_child(pets, game, market, alice, bob):
    matron = game.mint(alice)
    sire = game.mint(market)
    pets.breedWithEscrowedSire(alice, matron, sire, {"from": market})
    child = game.give_birth(matron, bob)
    assert pets.ownerOf(matron) == alice and pets.ownerOf(child) == alice


def test_a_holder_cannot_breed_while_the_pets_are_paused(pets, game, market, admin, alice, reverts):
    matron = game.mint(alice)
    sire = game.mint(market)
    pets.pause({"from": admin})
    with reverts("PetGamePaused"):
        pets.breedWithEscrowedSire(alice, matron, sire, {"from": market})


def test_a_holder_cannot_breed_a_cooling_down_matron(pets, game, market, alice, reverts):
    matron = game.mint(alice)
    pets.breedWithEscrowedSire(alice, matron, game.mint(market), {"from": market})
    due = pets.getPet(matron)["cooldownEnd"]
    with reverts("PetCoolingDown", matron, due):
        pets.breedWithEscrowedSire(alice, matron, game.mint(market), {"from": market})


def test_a_holder_cannot_use_a_sire_that_only_approved_it_for_siring(
    pets, game, market, alice, bob, reverts
):
    matron = game.mint(alice)
    sire = game.mint(bob)
    pets.approveSiring(market, sire, {"from": bob})  # an approval is not escrow
    with reverts("PetSireNotEscrowed", sire, bob):
        pets.breedWithEscrowedSire(alice, matron, sire, {"from": market})
