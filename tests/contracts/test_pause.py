"""pause / unpause: breeding, births and minting stop; transfers and approvals go on."""

import pytest

WITHOUT_DATA = "address,address,uint256"


@pytest.fixture(scope="module")
def pair(game, alice):
    return tuple(game.mint_many(alice, 2))


@pytest.fixture
def paused(pets, admin):
    return pets.pause({"from": admin})


def test_the_game_starts_unpaused(pets):
    assert pets.paused() is False


def test_admin_pauses(pets, paused, admin):
    assert pets.paused() is True
    assert paused.events["Paused"]["account"] == admin


def test_admin_unpauses(pets, paused, admin):
    tx = pets.unpause({"from": admin})
    assert pets.paused() is False
    assert tx.events["Unpaused"]["account"] == admin


@pytest.mark.parametrize("sender", ["operator", "alice"])
def test_only_the_admin_pauses(pets, request, sender, reverts):
    account = request.getfixturevalue(sender)
    with reverts("AccessControlUnauthorizedAccount", account, bytes(32)):
        pets.pause({"from": account})


def test_only_the_admin_unpauses(pets, paused, operator, reverts):
    with reverts("AccessControlUnauthorizedAccount", operator, bytes(32)):
        pets.unpause({"from": operator})


def test_no_breeding_while_paused(pets, game, pair, paused, alice, reverts):
    with reverts("PetGamePaused"):
        game.breed(*pair, alice)


def test_no_birth_while_paused(pets, game, pair, admin, alice, reverts):
    game.breed(*pair, alice)
    game.wait_until_ready(pair[0])
    pets.pause({"from": admin})
    with reverts("PetGamePaused"):
        pets.giveBirth(pair[0], {"from": alice})
    assert pets.getPet(pair[0])["siringWithId"] == pair[1]


def test_a_pregnancy_paused_over_ends_after_unpausing(pets, game, pair, admin, alice):
    game.breed(*pair, alice)
    pets.pause({"from": admin})
    game.wait_until_ready(pair[0])
    pets.unpause({"from": admin})
    assert "Birth" in pets.giveBirth(pair[0], {"from": alice}).events


def test_no_minting_while_paused(pets, game, paused, operator, alice, reverts):
    with reverts("PetGamePaused"):
        pets.mintGen0(game.genes(), alice, {"from": operator})
    with reverts("PetGamePaused"):
        pets.mintPromo(game.genes(), alice, {"from": operator})


def test_transfers_go_on_while_paused(pets, pair, paused, alice, bob, carol):
    pets.transferFrom(alice, bob, pair[0], {"from": alice})
    pets.safeTransferFrom[WITHOUT_DATA](alice, carol, pair[1], {"from": alice})
    assert (pets.ownerOf(pair[0]), pets.ownerOf(pair[1])) == (bob, carol)


def test_approvals_go_on_while_paused(pets, pair, paused, alice, bob, carol):
    pets.approve(bob, pair[0], {"from": alice})
    pets.setApprovalForAll(carol, True, {"from": alice})
    pets.approveSiring(bob, pair[1], {"from": alice})
    assert pets.getApproved(pair[0]) == bob
    assert pets.isApprovedForAll(alice, carol)
    assert pets.siringApprovedFor(pair[1]) == bob


def test_breeding_works_again_after_unpausing(pets, game, pair, paused, admin, alice):
    pets.unpause({"from": admin})
    assert "Pregnant" in game.breed(*pair, alice).events
