"""The sealed birth seed: anyone fixes a pregnancy's seed once its seed block is mined, and
no party can re-roll a pregnancy by waiting until that block's hash is gone (docs/contracts.md,
"Randomness")."""

import pytest
from brownie import chain, web3
from eth_abi import encode
from eth_utils import keccak

from pawchain.rules.genetics import mix
from tests.contracts.mining import mine_blocks

SEED_WINDOW = 256
FEE = 10**15
SEVEN_DAYS_STEP = 13


def sealed_seed(commit_block: int, matron_id: int, sire_id: int) -> int:
    """uint96(keccak256(abi.encode(blockhash(commitBlock), matronId, sireId))) | 1, computed
    here from the block itself, independently of the contract."""
    block_hash = bytes(web3.eth.get_block(commit_block)["hash"])
    digest = keccak(encode(["bytes32", "uint256", "uint256"], [block_hash, matron_id, sire_id]))
    return (int.from_bytes(digest, "big") & ((1 << 96) - 1)) | 1


def child_genes(pets, matron_id: int, sire_id: int, birth_seed: int) -> int:
    """The genes the sealed seed gives: mix with keccak256(abi.encode(birthSeed))."""
    seed = int.from_bytes(keccak(encode(["uint256"], [birth_seed])), "big")
    return mix(pets.getPet(matron_id)["genes"], pets.getPet(sire_id)["genes"], seed)


@pytest.fixture(scope="module")
def seasoned_matron(pets, game, alice):
    """alice's matron on the last step of the ladder (7 days of gestation), not pregnant."""
    matron = game.mint(alice)
    while pets.getPet(matron)["cooldownIndex"] < SEVEN_DAYS_STEP:
        game.breed(matron, game.mint(alice), alice)
        game.give_birth(matron, alice)
    return matron


@pytest.fixture
def breed(pets, game, admin, alice, seasoned_matron):
    """breed(gestation, fee): a matron of that gestation ("short": 1 minute, "long": 7 days)
    pregnant by a fresh sire; returns (matron, sire, commit block)."""

    def run(gestation: str, fee: int):
        matron = seasoned_matron if gestation == "long" else game.mint(alice)
        sire = game.mint(alice)
        game.wait_until_ready(matron)
        if fee:
            pets.setBirthFee(fee, {"from": admin})
        tx = game.breed(matron, sire, alice, fee)
        return matron, sire, tx.block_number + 1

    return run


def mine_past_the_window(commit_block: int) -> None:
    """Mine until the seed block's hash is gone for the next transaction."""
    mine_blocks(commit_block + SEED_WINDOW + 1 - chain.height)


# --------------------------------------------------------------- sealing


def test_sealing_before_the_seed_block_is_mined_reverts(
    pets, game, alice, carol, last_revert, custom_error
):
    matron, sire = game.mint_many(alice, 2)
    bred = game.breed(matron, sire, alice)
    tx, message = last_revert(lambda: pets.sealBirthSeed(matron, {"from": carol}))
    assert tx.block_number == bred.block_number + 1
    assert message == custom_error("PetBirthSeedNotMined", matron, bred.block_number + 1)


def test_sealing_a_pet_that_is_not_pregnant_reverts(pets, game, alice, carol, reverts):
    matron = game.mint(alice)
    with reverts("PetNotPregnant", matron):
        pets.sealBirthSeed(matron, {"from": carol})


def test_anyone_seals_the_seed_of_a_mined_seed_block(pets, breed, carol):
    matron, sire, commit_block = breed("short", 0)
    chain.mine()
    tx = pets.sealBirthSeed(matron, {"from": carol})
    expected = sealed_seed(commit_block, matron, sire)
    assert list(tx.events["BirthSeedSealed"].values()) == [matron, expected]
    assert tx.return_value == expected
    assert pets.getPet(matron)["birthSeed"] == expected


def test_sealing_twice_changes_nothing(pets, breed, alice, carol):
    matron, sire, commit_block = breed("short", 0)
    chain.mine()
    pets.sealBirthSeed(matron, {"from": carol})
    before = pets.getPet(matron).dict()
    tx = pets.sealBirthSeed(matron, {"from": alice})
    assert "BirthSeedSealed" not in tx.events
    assert tx.return_value == before["birthSeed"] == sealed_seed(commit_block, matron, sire)
    assert pets.getPet(matron).dict() == before
    assert pets.sealBirthSeeds([matron], {"from": carol}).return_value == 0
    assert pets.getPet(matron).dict() == before


def test_an_unsealed_seed_whose_hash_is_gone_can_no_longer_be_sealed(pets, breed, carol, reverts):
    matron, _, commit_block = breed("short", 0)
    mine_past_the_window(commit_block)
    with reverts("PetBirthSeedLost", matron, commit_block):
        pets.sealBirthSeed(matron, {"from": carol})


def test_sealing_works_while_the_game_is_paused(pets, breed, admin, carol):
    matron, sire, commit_block = breed("short", 0)
    pets.pause({"from": admin})
    assert pets.sealBirthSeed(matron, {"from": carol}).return_value == sealed_seed(
        commit_block, matron, sire
    )


def test_the_batch_seals_what_it_can_and_skips_the_rest(pets, game, breed, alice, carol):
    idle = game.mint(alice)
    sealable, sire, commit_block = breed("short", 0)
    other, other_sire, other_commit = breed("short", 0)
    unmined, _, _ = breed("short", 0)  # the batch lands in this one's seed block
    tx = pets.sealBirthSeeds([sealable, idle, unmined, other, sealable, 999], {"from": carol})
    assert tx.return_value == 2
    assert [event["matronId"] for event in tx.events["BirthSeedSealed"]] == [sealable, other]
    assert pets.getPet(sealable)["birthSeed"] == sealed_seed(commit_block, sealable, sire)
    assert pets.getPet(other)["birthSeed"] == sealed_seed(other_commit, other, other_sire)
    assert pets.getPet(unmined)["birthSeed"] == 0


def test_the_batch_skips_a_seed_whose_hash_is_gone(pets, breed, carol):
    matron, _, commit_block = breed("short", 0)
    mine_past_the_window(commit_block)
    assert pets.sealBirthSeeds([matron], {"from": carol}).return_value == 0
    assert pets.getPet(matron)["birthSeed"] == 0


# --------------------------------------------------------------- the wait-and-re-roll attack


@pytest.mark.parametrize("fee", [0, FEE], ids=["no-fee", "fee"])
@pytest.mark.parametrize("gestation", ["short", "long"])
def test_waiting_past_the_window_after_a_seal_gives_the_sealed_child(
    pets, game, breed, alice, carol, gestation, fee
):
    matron, sire, commit_block = breed(gestation, fee)
    chain.mine()
    pets.sealBirthSeed(matron, {"from": carol})  # the midwife's seal
    game.wait_until_ready(matron)
    mine_past_the_window(commit_block)
    expected = child_genes(pets, matron, sire, sealed_seed(commit_block, matron, sire))
    balance = alice.balance()
    tx = pets.giveBirth(matron, {"from": alice})
    assert tx.events["Birth"]["genes"] == expected
    assert "PregnancyLost" not in tx.events
    assert alice.balance() == balance + fee - tx.gas_used * tx.gas_price


@pytest.mark.parametrize("fee", [0, FEE], ids=["no-fee", "fee"])
@pytest.mark.parametrize("gestation", ["short", "long"])
def test_waiting_past_the_window_without_a_seal_gives_no_child_and_no_second_roll(
    pets, game, breed, alice, gestation, fee, reverts
):
    matron, sire, commit_block = breed(gestation, fee)
    game.wait_until_ready(matron)
    mine_past_the_window(commit_block)
    supply = pets.totalSupply()
    tx = pets.giveBirth(matron, {"from": alice})
    assert list(tx.events["PregnancyLost"].values()) == [matron, sire, commit_block]
    assert "Birth" not in tx.events and pets.totalSupply() == supply
    chain.mine(3)
    with reverts("PetNotPregnant", matron):
        pets.giveBirth(matron, {"from": alice})
    with reverts("PetNotPregnant", matron):
        pets.sealBirthSeed(matron, {"from": alice})


def test_a_birth_in_the_window_seals_itself_with_the_same_seed(pets, game, breed, alice):
    matron, sire, commit_block = breed("long", 0)
    game.wait_until_ready(matron)  # seven days, but only a few blocks: the hash is still there
    expected = child_genes(pets, matron, sire, sealed_seed(commit_block, matron, sire))
    assert pets.giveBirth(matron, {"from": alice}).events["Birth"]["genes"] == expected
