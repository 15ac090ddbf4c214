"""Pets reach the markets only through their own flows: both markets are pull-only on the
pets, so a player's transferFrom or safeTransferFrom to either reverts instead of
stranding the pet (neither market has a way to give back a pet it did not escrow)."""

import pytest
from market_helpers import ETHER, reverts, valid_genes


@pytest.fixture(params=["auctions", "orders"])
def market_contract(request, game):
    return getattr(game, request.param)


def test_both_markets_are_pull_only(pets, auctions, orders, alice):
    assert pets.isPullOnly(auctions) and pets.isPullOnly(orders)
    assert not pets.isPullOnly(alice)


def test_a_plain_transfer_to_a_market_is_refused(market, pets, market_contract, alice):
    pet = market.mint(alice)
    with reverts("PetPullOnlyReceiver", market_contract, alice, pet):
        pets.transferFrom(alice, market_contract, pet, {"from": alice})
    assert pets.ownerOf(pet) == alice


def test_a_safe_transfer_to_a_market_is_refused(market, pets, market_contract, alice):
    pet = market.mint(alice)
    with reverts("PetPullOnlyReceiver", market_contract, alice, pet):
        pets.safeTransferFrom(alice, market_contract, pet, {"from": alice})
    assert pets.ownerOf(pet) == alice


def test_an_approved_account_cannot_push_a_pet_into_a_market(market, pets, auctions, alice, bob):
    pet = market.mint(alice)
    pets.approve(bob, pet, {"from": alice})
    with reverts("PetPullOnlyReceiver", auctions, bob, pet):
        pets.transferFrom(alice, auctions, pet, {"from": bob})


def test_the_operator_cannot_mint_into_a_market(pets, auctions, operator):
    with reverts("PetPullOnlyReceiver", auctions, operator, pets.totalSupply() + 1):
        pets.mintPromo(valid_genes(5), auctions, {"from": operator})


def test_the_house_still_escrows_through_an_auction(market, pets, auctions, alice, bob):
    pet = market.mint(alice)
    auctions.createSaleAuction(pet, ETHER, ETHER, 3600, {"from": alice})
    assert pets.ownerOf(pet) == auctions
    assert pets.balanceOf(auctions) == 1  # the flag bit is not counted
    auctions.bid(pet, 1, {"from": bob, "value": ETHER})
    assert pets.ownerOf(pet) == bob and pets.balanceOf(auctions) == 0


def test_any_account_may_declare_itself_pull_only_for_good(market, pets, alice, bob):
    pet = market.mint(alice)
    tx = pets.declarePullOnly({"from": bob})
    assert tx.events["PullOnlyDeclared"]["account"] == bob
    with reverts("PetPullOnlyReceiver", bob, alice, pet):
        pets.transferFrom(alice, bob, pet, {"from": alice})
    pets.approve(bob, pet, {"from": alice})
    pets.transferFrom(alice, bob, pet, {"from": bob})  # bob pulls it himself
    assert pets.ownerOf(pet) == bob and pets.balanceOf(bob) == 1
