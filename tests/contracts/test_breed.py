"""breedWith: who may breed, and what a breeding changes and announces."""

import pytest

COOLDOWN_0 = 60  # the first step of the ladder, 1 minute
ZERO_ADDRESS = "0x0000000000000000000000000000000000000000"


@pytest.fixture(scope="module")
def pair(game, alice):
    return tuple(game.mint_many(alice, 2))


def test_owner_breeds_two_of_their_pets(pets, game, pair, alice):
    matron, sire = pair
    tx = game.breed(matron, sire, alice)
    assert list(tx.events["Pregnant"].values()) == [matron, sire, tx.timestamp + COOLDOWN_0, 0]


def test_the_matron_becomes_pregnant_with_a_commit_to_the_next_block(pets, game, pair, alice):
    matron, sire = pair
    tx = game.breed(matron, sire, alice)
    pet = pets.getPet(matron)
    assert pet["siringWithId"] == sire
    assert pet["commitBlock"] == tx.block_number + 1
    assert pet["cooldownEnd"] == tx.timestamp + COOLDOWN_0  # due date
    assert pet["birthFee"] == 0


def test_the_sire_does_not_become_pregnant_but_cools_down(pets, game, pair, alice):
    matron, sire = pair
    tx = game.breed(matron, sire, alice)
    pet = pets.getPet(sire)
    assert (pet["siringWithId"], pet["commitBlock"]) == (0, 0)
    assert pet["cooldownEnd"] == tx.timestamp + COOLDOWN_0


def test_both_parents_move_one_step_down_the_ladder(pets, game, pair, alice):
    game.breed(*pair, alice)
    assert [pets.getPet(pet_id)["cooldownIndex"] for pet_id in pair] == [1, 1]


def test_neither_parent_is_ready_after_breeding(pets, game, pair, alice):
    game.breed(*pair, alice)
    assert not pets.isReadyToBreed(pair[0])
    assert not pets.isReadyToBreed(pair[1])
    assert not pets.canBreedWith(*pair)


def test_breeding_emits_metadata_update_for_both_pets(game, pair, alice):
    tx = game.breed(*pair, alice)
    assert [event["_tokenId"] for event in tx.events["MetadataUpdate"]] == list(pair)


def test_pregnant_event_indexes_matron_and_sire(pets, game, pair, alice):
    tx = game.breed(*pair, alice)
    pregnant_log = tx.logs[0]
    assert len(pregnant_log["topics"]) == 3  # signature, matronId, sireId


def test_breeding_moves_no_pet_but_advances_both_pet_nonces(pets, game, pair, alice):
    game.breed(*pair, alice)
    assert [pets.ownerOf(pet_id) for pet_id in pair] == [alice, alice]
    # Matron and sire changed (cooldown, ladder step, pregnancy): their signed orders die.
    assert [pets.petNonce(pet_id) for pet_id in pair] == [1, 1]


def test_breeding_voids_both_pets_erc721_approvals(pets, game, pair, alice, bob):
    for pet_id in pair:
        pets.approve(bob, pet_id, {"from": alice})
    game.breed(*pair, alice)
    # Our decision: an approval is for the pet as it was when approved.
    assert [pets.getApproved(pet_id) for pet_id in pair] == [ZERO_ADDRESS, ZERO_ADDRESS]


def test_the_owners_operator_breeds(pets, game, pair, alice, bob):
    pets.setApprovalForAll(bob, True, {"from": alice})
    tx = game.breed(*pair, bob)
    assert tx.events["Pregnant"]["matronId"] == pair[0]
    assert pets.ownerOf(pair[0]) == alice


def test_a_stranger_cannot_breed(game, pair, bob, reverts):
    with reverts("PetNotMatronOwner", bob, pair[0]):
        game.breed(*pair, bob)


def test_the_account_approved_for_the_matron_cannot_breed_it(pets, game, pair, alice, bob, reverts):
    pets.approve(bob, pair[0], {"from": alice})
    with reverts("PetNotMatronOwner", bob, pair[0]):
        game.breed(*pair, bob)


def test_a_former_owner_cannot_breed(pets, game, pair, alice, bob, reverts):
    pets.transferFrom(alice, bob, pair[0], {"from": alice})
    with reverts("PetNotMatronOwner", alice, pair[0]):
        game.breed(*pair, alice)


@pytest.mark.parametrize("missing", ["matron", "sire"])
def test_breeding_with_a_nonexistent_pet_reverts(game, pair, alice, missing, reverts):
    ghost = pair[1] + 1
    matron, sire = (ghost, pair[1]) if missing == "matron" else (pair[0], ghost)
    with reverts("ERC721NonexistentToken", ghost):
        game.breed(matron, sire, alice)


def test_can_breed_with_is_true_for_a_ready_unrelated_pair(pets, pair):
    assert pets.canBreedWith(*pair)
    assert pets.canBreedWith(pair[1], pair[0])


def test_can_breed_with_ignores_ownership(pets, game, pair, bob):
    # Ownership and siring approval aside, as documented.
    assert pets.canBreedWith(pair[0], game.mint(bob))


def test_can_breed_with_a_nonexistent_pet_reverts(pets, pair, reverts):
    with reverts("ERC721NonexistentToken", pair[1] + 1):
        pets.canBreedWith(pair[0], pair[1] + 1)


def test_is_ready_to_breed_of_a_nonexistent_pet_reverts(pets, pair, reverts):
    with reverts("ERC721NonexistentToken", pair[1] + 1):
        pets.isReadyToBreed(pair[1] + 1)


def test_get_pet_of_a_nonexistent_pet_reverts(pets, pair, reverts):
    with reverts("ERC721NonexistentToken", pair[1] + 1):
        pets.getPet(pair[1] + 1)
