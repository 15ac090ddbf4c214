"""approveSiring: one breeding with someone else's sire, given by its owner or operator."""

import pytest

ZERO_ADDRESS = "0x0000000000000000000000000000000000000000"


@pytest.fixture(scope="module")
def pair(game, alice, bob):
    """alice's two matrons and bob's sire, unrelated."""
    matron, other_matron = game.mint_many(alice, 2)
    sire = game.mint(bob)
    return matron, other_matron, sire


def test_no_sire_is_approved_at_first(pets, pair):
    assert pets.siringApprovedFor(pair[2]) == ZERO_ADDRESS


def test_breeding_with_an_unapproved_sire_reverts(pets, game, pair, alice, reverts):
    matron, _, sire = pair
    with reverts("PetSiringNotApproved", alice, sire):
        game.breed(matron, sire, alice)


def test_owner_approves_siring(pets, pair, alice, bob):
    sire = pair[2]
    tx = pets.approveSiring(alice, sire, {"from": bob})
    assert pets.siringApprovedFor(sire) == alice
    assert list(tx.events["SiringApproved"].values()) == [bob, alice, sire]
    (log,) = tx.logs
    assert len(log["topics"]) == 4  # signature, owner, approved, sireId


def test_an_approved_account_breeds_with_the_sire(pets, game, pair, alice, bob):
    matron, _, sire = pair
    pets.approveSiring(alice, sire, {"from": bob})
    tx = game.breed(matron, sire, alice)
    assert tx.events["Pregnant"]["sireId"] == sire
    assert pets.ownerOf(sire) == bob  # the sire stays with its owner


# What ends an approval: each runs after bob approves alice for his sire; afterwards the
# approval reads as none and alice's next breeding with the sire reverts.


def used_by_one_breeding(pets, game, matron, sire, alice, bob, carol):
    game.breed(matron, sire, alice)


def the_owner_breeds_the_sire(pets, game, matron, sire, alice, bob, carol):
    # Decision: an approval is for the sire as it was (its pet nonce), not after a breeding
    # left it cooling down and one step down the ladder.
    game.breed(game.mint(bob), sire, bob)


def the_sire_is_transferred(pets, game, matron, sire, alice, bob, carol):
    pets.transferFrom(bob, carol, sire, {"from": bob})


def the_sire_is_transferred_and_returned(pets, game, matron, sire, alice, bob, carol):
    # A voided approval does not come back with the sire.
    pets.transferFrom(bob, carol, sire, {"from": bob})
    pets.transferFrom(carol, bob, sire, {"from": carol})


@pytest.mark.parametrize(
    "void",
    [
        used_by_one_breeding,
        the_owner_breeds_the_sire,
        the_sire_is_transferred,
        the_sire_is_transferred_and_returned,
    ],
    ids=lambda void: void.__name__,
)
def test_an_approval_ends_when(pets, game, pair, alice, bob, carol, reverts, void):
    matron, other_matron, sire = pair
    pets.approveSiring(alice, sire, {"from": bob})
    void(pets, game, matron, sire, alice, bob, carol)
    assert pets.siringApprovedFor(sire) == ZERO_ADDRESS
    game.wait_until_ready(sire)
    with reverts("PetSiringNotApproved", alice, sire):
        game.breed(other_matron, sire, alice)


def test_a_failed_breeding_keeps_the_approval(pets, game, pair, alice, bob, reverts):
    matron, other_matron, sire = pair
    game.breed(matron, other_matron, alice)  # matron now pregnant and cooling down
    pets.approveSiring(alice, sire, {"from": bob})
    with reverts("PetCoolingDown", matron, pets.getPet(matron)["cooldownEnd"]):
        game.breed(matron, sire, alice)
    assert pets.siringApprovedFor(sire) == alice


def test_approving_the_zero_address_revokes(pets, game, pair, alice, bob, reverts):
    matron, _, sire = pair
    pets.approveSiring(alice, sire, {"from": bob})
    tx = pets.approveSiring(ZERO_ADDRESS, sire, {"from": bob})
    assert pets.siringApprovedFor(sire) == ZERO_ADDRESS
    assert list(tx.events["SiringApproved"].values()) == [bob, ZERO_ADDRESS, sire]
    with reverts("PetSiringNotApproved", alice, sire):
        game.breed(matron, sire, alice)


def test_a_new_approval_replaces_the_old_one(pets, game, pair, alice, bob, carol, reverts):
    matron, _, sire = pair
    pets.approveSiring(alice, sire, {"from": bob})
    pets.approveSiring(carol, sire, {"from": bob})
    assert pets.siringApprovedFor(sire) == carol
    with reverts("PetSiringNotApproved", alice, sire):
        game.breed(matron, sire, alice)


def test_the_owners_operator_approves_siring(pets, game, pair, alice, bob, carol):
    matron, _, sire = pair
    pets.setApprovalForAll(carol, True, {"from": bob})
    tx = pets.approveSiring(alice, sire, {"from": carol})
    assert list(tx.events["SiringApproved"].values()) == [bob, alice, sire]
    game.breed(matron, sire, alice)


def test_a_stranger_cannot_approve_siring(pets, pair, alice, carol, reverts):
    with reverts("ERC721InvalidApprover", carol):
        pets.approveSiring(carol, pair[2], {"from": carol})
    with reverts("ERC721InvalidApprover", alice):
        pets.approveSiring(alice, pair[2], {"from": alice})


def test_the_token_approved_account_cannot_approve_siring(pets, pair, alice, bob, carol, reverts):
    pets.approve(carol, pair[2], {"from": bob})
    with reverts("ERC721InvalidApprover", carol):
        pets.approveSiring(alice, pair[2], {"from": carol})


def test_approving_siring_of_a_nonexistent_pet_reverts(pets, pair, alice, bob, reverts):
    with reverts("ERC721NonexistentToken", pair[2] + 1):
        pets.approveSiring(alice, pair[2] + 1, {"from": bob})


def test_the_approval_is_for_the_account_not_for_a_matron(pets, game, pair, alice, bob):
    _, other_matron, sire = pair
    pets.approveSiring(alice, sire, {"from": bob})
    game.breed(other_matron, sire, alice)


def test_the_approved_owners_operator_breeds_with_the_sire(pets, game, pair, alice, bob, carol):
    matron, _, sire = pair
    pets.setApprovalForAll(carol, True, {"from": alice})
    pets.approveSiring(alice, sire, {"from": bob})
    tx = game.breed(matron, sire, carol)
    assert tx.events["Pregnant"]["matronId"] == matron
    assert pets.siringApprovedFor(sire) == ZERO_ADDRESS


def test_an_approval_for_one_account_does_not_serve_another(
    pets, game, pair, alice, bob, carol, reverts
):
    sire = pair[2]
    carols_matron = game.mint(carol)
    pets.approveSiring(alice, sire, {"from": bob})
    with reverts("PetSiringNotApproved", carol, sire):
        game.breed(carols_matron, sire, carol)


def test_an_approval_is_not_needed_for_the_owners_own_sire(pets, game, pair, alice):
    matron, other_matron, _ = pair
    game.breed(matron, other_matron, alice)
    assert pets.getPet(matron)["siringWithId"] == other_matron


def test_the_sires_owner_needs_approval_for_a_matron_of_someone_else(
    pets, game, pair, alice, bob, reverts
):
    # Owning the sire does not let bob breed alice's matron with it.
    matron, _, sire = pair
    with reverts("PetNotMatronOwner", bob, matron):
        game.breed(matron, sire, bob)
