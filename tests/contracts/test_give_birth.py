"""giveBirth: when a child can be born, to whom it belongs, and the block-hash seed."""

import pytest
from brownie import chain

from tests.contracts.mining import mine_blocks

RESERVED_MASK = ((1 << 256) - 1) ^ ((1 << 160) - 1)
SEED_WINDOW = 256


@pytest.fixture(scope="module")
def parents(game, alice, bob):
    """alice's matron and bob's sire, which bob lets alice use whenever a test wants."""
    matron = game.mint(alice)
    sire = game.mint(bob)
    return matron, sire


@pytest.fixture
def pregnant(pets, game, parents, alice, bob):
    """alice's matron pregnant by bob's sire; the breeding's receipt."""
    matron, sire = parents
    pets.approveSiring(alice, sire, {"from": bob})
    return game.breed(matron, sire, alice)


def variants(genes):
    return [(genes >> (5 * i)) & 0x1F for i in range(32)]


def test_a_pet_that_is_not_pregnant_cannot_give_birth(pets, parents, carol, reverts):
    with reverts("PetNotPregnant", parents[0]):
        pets.giveBirth(parents[0], {"from": carol})


def test_a_nonexistent_pet_is_not_pregnant(pets, parents, carol, reverts):
    with reverts("PetNotPregnant", 999):
        pets.giveBirth(999, {"from": carol})


def test_no_birth_before_the_due_date(pets, game, parents, pregnant, carol, reverts):
    game.wait(30)
    with reverts("PetGestationNotOver", parents[0], pregnant.events["Pregnant"]["dueAt"]):
        pets.giveBirth(parents[0], {"from": carol})


def test_no_birth_before_the_seed_block_is_mined(
    pets, parents, pregnant, carol, last_revert, custom_error
):
    # Gestation over, but no block mined since the breeding: giveBirth lands in the seed block.
    chain.sleep(120)
    tx, message = last_revert(lambda: pets.giveBirth(parents[0], {"from": carol}))
    commit_block = pregnant.block_number + 1
    assert tx.block_number == commit_block
    assert message == custom_error("PetBirthSeedNotMined", parents[0], commit_block)


def test_anyone_brings_a_due_child_to_term(pets, game, parents, pregnant, alice, carol):
    matron, _sire = parents
    game.wait_until_ready(matron)
    supply = pets.totalSupply()
    tx = pets.giveBirth(matron, {"from": carol})
    child = tx.events["Birth"]["petId"]
    assert list(tx.events["Transfer"].values()) == [
        "0x0000000000000000000000000000000000000000",
        alice,
        child,
    ]
    assert pets.ownerOf(child) == alice
    assert pets.totalSupply() == supply + 1


def test_birth_event_describes_the_child(pets, game, parents, pregnant, carol):
    matron, sire = parents
    game.wait_until_ready(matron)
    tx = pets.giveBirth(matron, {"from": carol})
    birth = tx.events["Birth"]
    child = pets.getPet(birth["petId"])
    assert (birth["matronId"], birth["sireId"], birth["generation"]) == (matron, sire, 1)
    assert birth["genes"] == child["genes"]


def test_the_child_records_its_lineage_and_starts_fresh(pets, game, parents, pregnant, carol):
    matron, sire = parents
    game.wait_until_ready(matron)
    tx = pets.giveBirth(matron, {"from": carol})
    child = pets.getPet(tx.events["Birth"]["petId"]).dict()
    assert child["birthTime"] == tx.timestamp
    assert (child["matronId"], child["sireId"], child["generation"]) == (matron, sire, 1)
    assert (
        child["cooldownEnd"],
        child["cooldownIndex"],
        child["siringWithId"],
        child["litters"],
    ) == (0, 0, 0, 0)
    assert pets.isReadyToBreed(tx.events["Birth"]["petId"])


def test_the_childs_genes_are_a_valid_genome(pets, game, parents, pregnant, carol):
    # Holds for any valid mixing; the mixing itself is checked in test_stateful_pets.py.
    game.wait_until_ready(parents[0])
    genes = pets.giveBirth(parents[0], {"from": carol}).events["Birth"]["genes"]
    assert genes & RESERVED_MASK == 0
    assert max(variants(genes)) <= 30


def test_the_matron_is_no_longer_pregnant_and_ready_at_once(pets, game, parents, pregnant, carol):
    matron = parents[0]
    game.wait_until_ready(matron)
    pets.giveBirth(matron, {"from": carol})
    pet = pets.getPet(matron)
    assert (pet["siringWithId"], pet["commitBlock"], pet["birthFee"], pet["litters"]) == (
        0,
        0,
        0,
        1,
    )
    assert pets.isReadyToBreed(matron)


def test_birth_emits_metadata_update_for_the_matron(pets, game, parents, pregnant, carol):
    game.wait_until_ready(parents[0])
    tx = pets.giveBirth(parents[0], {"from": carol})
    assert [event["_tokenId"] for event in tx.events["MetadataUpdate"]] == [parents[0]]


def test_birth_advances_the_matrons_pet_nonce_only(pets, game, parents, pregnant, carol):
    matron, _sire = parents
    game.wait_until_ready(matron)
    nonces = [pets.petNonce(pet_id) for pet_id in parents]
    child = pets.giveBirth(matron, {"from": carol}).events["Birth"]["petId"]
    # The pregnancy ended (and its child went to the matron's owner): orders on it die.
    assert [pets.petNonce(pet_id) for pet_id in parents] == [nonces[0] + 1, nonces[1]]
    assert pets.petNonce(child) == 0


def test_a_matron_cannot_give_birth_twice(pets, game, parents, pregnant, carol, reverts):
    game.wait_until_ready(parents[0])
    pets.giveBirth(parents[0], {"from": carol})
    with reverts("PetNotPregnant", parents[0]):
        pets.giveBirth(parents[0], {"from": carol})


def test_litters_count_births(pets, game, parents, alice, bob):
    matron, sire = parents
    for litter in (1, 2):
        pets.approveSiring(alice, sire, {"from": bob})
        game.child(matron, sire, alice)
        assert pets.getPet(matron)["litters"] == litter
    assert pets.getPet(sire)["litters"] == 0


def test_the_child_belongs_to_whoever_owns_the_matron_at_birth(
    pets, game, parents, pregnant, alice, bob, carol
):
    matron = parents[0]
    pets.transferFrom(alice, carol, matron, {"from": alice})
    game.wait_until_ready(matron)
    tx = pets.giveBirth(matron, {"from": bob})
    assert pets.ownerOf(tx.events["Birth"]["petId"]) == carol
    assert (pets.balanceOf(alice), pets.balanceOf(bob), pets.balanceOf(carol)) == (0, 1, 2)


def test_a_transferred_pregnant_matron_stays_pregnant(pets, parents, pregnant, alice, carol):
    pets.transferFrom(alice, carol, parents[0], {"from": alice})
    assert pets.getPet(parents[0])["siringWithId"] == parents[1]


# --------------------------------------------------------------- the seed block's age
# Sealing, the lost pregnancy and the re-roll attack: test_birth_seed.py.


def age_seed_block(pregnant, age):
    """Mine so that the next transaction lands `age` blocks after the seed block."""
    chain.sleep(120)
    commit_block = pregnant.block_number + 1
    mine_blocks(commit_block + age - 1 - chain.height)
    return commit_block


def test_a_seed_block_256_blocks_old_still_seeds_the_birth(pets, parents, pregnant, carol):
    age_seed_block(pregnant, SEED_WINDOW)
    tx = pets.giveBirth(parents[0], {"from": carol})
    assert "Birth" in tx.events
    assert "PregnancyLost" not in tx.events


def test_an_unsealed_seed_block_257_blocks_old_ends_the_pregnancy_without_a_child(
    pets, parents, pregnant, carol
):
    matron, sire = parents
    commit_block = age_seed_block(pregnant, SEED_WINDOW + 1)
    supply = pets.totalSupply()
    tx = pets.giveBirth(matron, {"from": carol})
    assert tx.return_value == 0
    assert list(tx.events["PregnancyLost"].values()) == [matron, sire, commit_block]
    assert "Birth" not in tx.events
    assert [event["_tokenId"] for event in tx.events["MetadataUpdate"]] == [matron]
    assert pets.totalSupply() == supply
    pet = pets.getPet(matron)
    assert (pet["siringWithId"], pet["commitBlock"], pet["birthSeed"], pet["litters"]) == (
        0,
        0,
        0,
        0,
    )
    assert pets.isReadyToBreed(matron)
