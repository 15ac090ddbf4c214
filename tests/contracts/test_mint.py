"""Generation-0 pets: mintGen0 and mintPromo, by the operator only, with valid genes only."""

import brownie
import pytest
from brownie import chain
from hypothesis import settings
from hypothesis import strategies as st

ZERO_ADDRESS = "0x0000000000000000000000000000000000000000"


@pytest.fixture(scope="module", params=["mintGen0", "mintPromo"])
def mint(request, pets):
    """Each test runs once with each minting function."""
    return getattr(pets, request.param)


def test_operator_mints_a_pet_for_a_player(pets, mint, game, operator, alice):
    genes = game.genes()
    tx = mint(genes, alice, {"from": operator})
    pet_id = tx.events["Birth"]["petId"]
    assert pets.ownerOf(pet_id) == alice
    assert pets.balanceOf(alice) == 1
    assert pets.totalSupply() == 1
    assert list(tx.events["Transfer"].values()) == [ZERO_ADDRESS, alice, pet_id]
    assert list(tx.events["Birth"].values()) == [pet_id, 0, 0, genes, 0]


def test_a_new_pet_is_generation_0_ready_and_without_parents(pets, mint, game, operator, alice):
    genes = game.genes()
    tx = mint(genes, alice, {"from": operator})
    pet = pets.getPet(tx.events["Birth"]["petId"]).dict()
    assert pet == {
        "genes": genes,
        "birthTime": tx.timestamp,
        "cooldownEnd": 0,
        "matronId": 0,
        "sireId": 0,
        "siringWithId": 0,
        "commitBlock": 0,
        "generation": 0,
        "cooldownIndex": 0,
        "birthFee": 0,
        "litters": 0,
        "birthSeed": 0,
    }
    assert pets.isReadyToBreed(tx.events["Birth"]["petId"])


def test_birth_event_indexes_pet_matron_and_sire(mint, game, operator, alice):
    tx = mint(game.genes(), alice, {"from": operator})
    birth_log = tx.logs[-1]
    assert len(birth_log["topics"]) == 4  # signature, petId, matronId, sireId


def test_gen0_counts_follow_each_kind_of_mint(pets, game, operator, alice):
    assert tuple(pets.gen0Counts()) == (0, 0)
    pets.mintGen0(game.genes(), alice, {"from": operator})
    assert tuple(pets.gen0Counts()) == (1, 0)
    pets.mintPromo(game.genes(), alice, {"from": operator})
    assert tuple(pets.gen0Counts()) == (2, 1)


@pytest.mark.parametrize("sender", ["admin", "alice"])
def test_only_the_operator_mints(mint, pets, game, alice, sender, request, reverts):
    account = request.getfixturevalue(sender)
    with reverts("AccessControlUnauthorizedAccount", account, pets.OPERATOR_ROLE()):
        mint(game.genes(), alice, {"from": account})


def test_any_account_granted_the_operator_role_mints(pets, mint, game, admin, bob):
    pets.grantRole(pets.OPERATOR_ROLE(), bob, {"from": admin})
    tx = mint(game.genes(), bob, {"from": bob})
    assert pets.ownerOf(tx.events["Birth"]["petId"]) == bob


@pytest.mark.parametrize("reserved_bit", [160, 200, 255])
def test_genes_with_a_reserved_bit_set_are_refused(
    mint, game, operator, alice, reserved_bit, reverts
):
    genes = game.genes() | (1 << reserved_bit)
    with reverts("PetInvalidGenes", genes):
        mint(genes, alice, {"from": operator})


@pytest.mark.parametrize("position", [0, 31])
def test_genes_with_the_reserved_variant_31_are_refused(
    mint, game, genome, operator, alice, position, reverts
):
    genes = genome.with_gene(position, 31, game.genes())
    with reverts("PetInvalidGenes", genes):
        mint(genes, alice, {"from": operator})


@pytest.mark.parametrize(
    "genes", [0, sum(30 << (5 * i) for i in range(32))], ids=["all variant 0", "all variant 30"]
)
def test_the_extreme_valid_genomes_are_accepted(pets, mint, operator, alice, genes):
    tx = mint(genes, alice, {"from": operator})
    assert pets.getPet(tx.events["Birth"]["petId"])["genes"] == genes


@brownie.test.given(genes=st.lists(st.integers(0, 30), min_size=32, max_size=32))
@settings(max_examples=8)
def test_any_valid_genome_is_stored_as_given(pets, operator, alice, genes):
    packed = sum(variant << (5 * i) for i, variant in enumerate(genes))
    tx = pets.mintGen0(packed, alice, {"from": operator})
    assert pets.getPet(tx.events["Birth"]["petId"])["genes"] == packed


def test_minting_to_the_zero_address_reverts(mint, game, operator, reverts):
    with reverts("ERC721InvalidReceiver", ZERO_ADDRESS):
        mint(game.genes(), ZERO_ADDRESS, {"from": operator})


def test_minting_to_the_token_contract_reverts(pets, mint, game, operator, reverts):
    with reverts("ERC721InvalidReceiver", pets.address):
        mint(game.genes(), pets, {"from": operator})


def test_minting_to_a_contract_does_not_ask_it(pets, mint, game, operator, admin, NotAReceiver):
    # By design (PetERC721._mint): new pets go where the operator says without a receiver call.
    holder = NotAReceiver.deploy({"from": admin})
    tx = mint(game.genes(), holder, {"from": operator})
    assert pets.ownerOf(tx.events["Birth"]["petId"]) == holder


def test_minting_is_stopped_while_paused(pets, mint, game, admin, operator, alice, reverts):
    pets.pause({"from": admin})
    with reverts("PetGamePaused"):
        mint(game.genes(), alice, {"from": operator})
    assert pets.totalSupply() == 0
    assert tuple(pets.gen0Counts()) == (0, 0)


def test_birth_time_is_the_block_time(pets, mint, game, operator, alice):
    chain.sleep(1000)
    tx = mint(game.genes(), alice, {"from": operator})
    assert pets.getPet(tx.events["Birth"]["petId"])["birthTime"] == tx.timestamp
