"""tokenURI and contractURI (ERC-7572) from the base URI, and setBaseURI."""

import pytest

from scripts.deploy import DEFAULT_BASE_URI

MAX_UINT256 = 2**256 - 1


@pytest.fixture(scope="module")
def pet_ids(game, alice):
    return game.mint_many(alice, 2)


def test_token_uri_is_the_base_uri_followed_by_the_id(pets, pet_ids):
    assert pets.tokenURI(pet_ids[0]) == f"{DEFAULT_BASE_URI}{pet_ids[0]}"
    assert pets.tokenURI(pet_ids[1]) == f"{DEFAULT_BASE_URI}{pet_ids[1]}"


def test_token_uri_of_a_nonexistent_pet_reverts(pets, pet_ids, reverts):
    with reverts("ERC721NonexistentToken", pet_ids[-1] + 1):
        pets.tokenURI(pet_ids[-1] + 1)


def test_admin_sets_the_base_uri(pets, pet_ids, admin):
    pets.setBaseURI("ipfs://pawchain/", {"from": admin})
    assert pets.tokenURI(pet_ids[1]) == f"ipfs://pawchain/{pet_ids[1]}"


def test_set_base_uri_emits_base_uri_changed_and_batch_metadata_update(pets, admin):
    tx = pets.setBaseURI("https://pets.example/meta/", {"from": admin})
    assert tx.events["BaseURIChanged"]["baseURI"] == "https://pets.example/meta/"
    assert list(tx.events["BatchMetadataUpdate"].values()) == [1, MAX_UINT256]
    assert "ContractURIUpdated" in tx.events  # ERC-7572: marketplaces read it again


def test_contract_uri_follows_the_base_uri(pets, admin):
    assert pets.contractURI() == f"{DEFAULT_BASE_URI}collection"
    pets.setBaseURI("ipfs://pawchain/", {"from": admin})
    assert pets.contractURI() == "ipfs://pawchain/collection"


def test_an_empty_base_uri_leaves_the_bare_id(pets, pet_ids, admin):
    pets.setBaseURI("", {"from": admin})
    assert pets.tokenURI(pet_ids[0]) == str(pet_ids[0])


def test_only_the_admin_sets_the_base_uri(pets, operator, reverts):
    with reverts("AccessControlUnauthorizedAccount", operator, bytes(32)):
        pets.setBaseURI("https://evil.example/", {"from": operator})
