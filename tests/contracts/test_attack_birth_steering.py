"""Attempts to re-roll or steer a birth once its seed block is mined (docs/security.md, "Birth
randomness"): sealing on the last block of the EVM's 256-block window, a caller who looks at
the child and reverts, everything the owner, the sire's owner or a stranger can do between the
seal and the birth, and reorganisations (Ganache's evm_snapshot / evm_revert as a stand-in)."""

from brownie import chain, web3

from tests.contracts.mining import mine_blocks
from tests.contracts.test_birth_seed import SEED_WINDOW, child_genes, sealed_seed


def pregnant(game, alice) -> tuple[int, int, int]:
    """A fresh matron pregnant by a fresh sire, both alice's: (matron, sire, seed block)."""
    matron, sire = game.mint(alice), game.mint(alice)
    game.wait_until_ready(matron, sire)
    tx = game.breed(matron, sire, alice)
    return matron, sire, tx.block_number + 1


def test_a_seal_in_the_last_block_of_the_window_reads_the_real_hash(pets, game, alice, carol):
    # blockhash(n) is the hash while n is at most 256 blocks old and 0 after: a seal of 0 on
    # the edge would give a seed the owner could know in advance (a second roll)
    matron, sire, seed_block = pregnant(game, alice)
    mine_blocks(seed_block + SEED_WINDOW - 1 - chain.height)
    tx = pets.sealBirthSeed(matron, {"from": carol})
    assert tx.block_number == seed_block + SEED_WINDOW
    assert tx.return_value == sealed_seed(seed_block, matron, sire)

    late, _, late_block = pregnant(game, alice)
    mine_blocks(late_block + SEED_WINDOW - chain.height)
    assert pets.sealBirthSeeds([late], {"from": carol}).block_number == late_block + SEED_WINDOW + 1
    assert pets.getPet(late)["birthSeed"] == 0  # skipped: the hash is gone, nothing sealed


def test_a_caller_who_sees_the_child_and_reverts_gets_the_same_child_later(
    pets, game, alice, bob, carol
):
    # A contract that gives birth, reads the child and reverts if it dislikes it ends in the
    # state an eth_call leaves: nothing. Whatever anyone does next, the child is the same.
    matron, sire, seed_block = pregnant(game, alice)
    game.wait_until_ready(matron)
    chain.mine()  # Ganache runs a call in the latest block: the seed block must be before it
    expected = child_genes(pets, matron, sire, sealed_seed(seed_block, matron, sire))
    assert pets.giveBirth.call(matron, {"from": alice}) != 0  # a child seen, not kept
    assert pets.getPet(matron)["birthSeed"] == 0 and pets.getPet(matron)["siringWithId"] == sire
    pets.sealBirthSeed(matron, {"from": carol})  # the midwife's round
    pets.transferFrom(alice, bob, matron, {"from": alice})  # the owner sells the matron
    pets.transferFrom(alice, bob, sire, {"from": alice})
    game.wait_until_ready(sire)
    game.breed(game.mint(bob), sire, bob)  # the sire's new owner breeds it again
    game.mint(carol)  # another pet takes the next id
    game.wait(3600)
    mine_blocks(SEED_WINDOW + 10)  # and the seed block's hash is long gone
    tx = pets.giveBirth(matron, {"from": carol})  # a stranger gives birth
    assert tx.events["Birth"]["genes"] == expected
    assert pets.ownerOf(tx.events["Birth"]["petId"]) == bob


def test_a_reorganisation_after_the_seed_block_keeps_the_child(pets, game, alice, bob, carol):
    # Blocks replaced after the seed block (the seal's among them) cannot change the seed: it
    # reads the seed block's hash, which the reorganisation kept. Only the seed block's own
    # producer chooses between draws (by withholding it), as docs/contracts.md states.
    matron, sire, seed_block = pregnant(game, alice)
    chain.mine()
    snapshot = web3.provider.make_request("evm_snapshot", [])["result"]  # type: ignore[arg-type]
    first = pets.sealBirthSeed(matron, {"from": carol}).return_value
    assert web3.provider.make_request("evm_revert", [snapshot])["result"]  # type: ignore[arg-type]
    assert pets.getPet(matron)["birthSeed"] == 0  # the seal's block is gone
    chain.sleep(7)
    chain.mine(3)  # other blocks in its place
    # another sender: the node still knows the replaced seal's hash and would not take it again
    again = pets.sealBirthSeed(matron, {"from": bob}).return_value
    assert again == first == sealed_seed(seed_block, matron, sire)


def test_a_reorganisation_of_the_seed_block_draws_from_the_new_block(pets, game, alice, carol):
    # The seed block replaced (its producer withheld it): the seed follows the block the chain
    # now holds at that height, never an earlier draw the breeder saw.
    matron, sire, seed_block = pregnant(game, alice)
    snapshot = web3.provider.make_request("evm_snapshot", [])["result"]  # type: ignore[arg-type]
    chain.mine()
    seen = sealed_seed(seed_block, matron, sire)
    assert web3.provider.make_request("evm_revert", [snapshot])["result"]  # type: ignore[arg-type]
    chain.sleep(13)
    chain.mine()
    sealed = pets.sealBirthSeed(matron, {"from": carol}).return_value
    assert sealed == sealed_seed(seed_block, matron, sire)
    assert sealed != seen  # the replaced block has another hash (another time)
