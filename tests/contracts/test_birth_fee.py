"""The prepaid birth fee: set by the admin, paid with a breeding, paid out to the midwife."""

import contextlib

import pytest
from brownie import Wei

FEE = Wei("0.002 ether")
UINT64_MAX = 2**64 - 1
ACCEPT, REJECT, REENTER = 0, 1, 2  # Midwife.OnFee


@pytest.fixture
def with_fee(pets, admin):
    # Function-scoped on purpose: a module fixture's state would leak into every later test
    # of the module, whether it asks for the fixture or not.
    pets.setBirthFee(FEE, {"from": admin})


@pytest.fixture(scope="module")
def pair(game, alice):
    return tuple(game.mint_many(alice, 2))


@pytest.fixture(scope="module")
def midwife(Midwife, pets, admin):
    return Midwife.deploy(pets, {"from": admin})


def test_there_is_no_fee_at_first(pets):
    assert pets.birthFee() == 0


def test_admin_sets_the_birth_fee(pets, admin):
    tx = pets.setBirthFee(FEE, {"from": admin})
    assert pets.birthFee() == FEE
    assert tx.events["BirthFeeChanged"]["birthFee"] == FEE


def test_only_the_admin_sets_the_birth_fee(pets, operator, reverts):
    with reverts("AccessControlUnauthorizedAccount", operator, bytes(32)):
        pets.setBirthFee(FEE, {"from": operator})


def test_the_fee_may_fill_64_bits(pets, admin):
    pets.setBirthFee(UINT64_MAX, {"from": admin})
    assert pets.birthFee() == UINT64_MAX


def test_a_fee_above_64_bits_is_refused(pets, admin, reverts):
    with reverts("PetBirthFeeTooHigh", UINT64_MAX + 1, UINT64_MAX):
        pets.setBirthFee(UINT64_MAX + 1, {"from": admin})


def test_breeding_with_the_fee_prepays_it(pets, game, with_fee, pair, alice):
    tx = game.breed(*pair, alice, fee=FEE)
    assert tx.events["Pregnant"]["birthFee"] == FEE
    assert pets.getPet(pair[0])["birthFee"] == FEE
    assert pets.balance() == FEE


def test_breeding_without_the_fee_is_allowed(pets, game, with_fee, pair, alice):
    tx = game.breed(*pair, alice)
    assert tx.events["Pregnant"]["birthFee"] == 0
    assert pets.getPet(pair[0])["birthFee"] == 0
    assert pets.balance() == 0


@pytest.mark.parametrize("sent", [1, FEE - 1, FEE + 1, 2 * FEE])
def test_any_other_value_is_refused(pets, game, with_fee, pair, alice, sent, reverts):
    with reverts("PetWrongBirthFee", sent, FEE):
        game.breed(*pair, alice, fee=sent)


def test_without_a_fee_no_value_may_be_sent(game, pair, alice, reverts):
    with reverts("PetWrongBirthFee", 1, 0):
        game.breed(*pair, alice, fee=1)


def test_the_fee_goes_to_whoever_gives_birth(pets, game, with_fee, pair, alice, carol):
    game.breed(*pair, alice, fee=FEE)
    game.wait_until_ready(pair[0])
    before = carol.balance()
    tx = pets.giveBirth(pair[0], {"from": carol})
    assert carol.balance() == before + FEE - tx.gas_used * tx.gas_price
    assert pets.balance() == 0
    assert pets.getPet(pair[0])["birthFee"] == 0


def test_the_fee_goes_to_the_breeder_who_gives_birth_themselves(pets, game, with_fee, pair, alice):
    before = alice.balance()
    breed = game.breed(*pair, alice, fee=FEE)
    game.wait_until_ready(pair[0])
    birth = pets.giveBirth(pair[0], {"from": alice})
    gas = breed.gas_used * breed.gas_price + birth.gas_used * birth.gas_price
    assert alice.balance() == before - gas


@pytest.mark.parametrize("new_fee", [0, 3 * FEE])
def test_a_pregnancy_keeps_the_fee_it_was_bred_with(
    pets, game, with_fee, pair, admin, alice, carol, new_fee
):
    game.breed(*pair, alice, fee=FEE)
    pets.setBirthFee(new_fee, {"from": admin})
    game.wait_until_ready(pair[0])
    before = carol.balance()
    tx = pets.giveBirth(pair[0], {"from": carol})
    assert carol.balance() == before + FEE - tx.gas_used * tx.gas_price
    assert pets.balance() == 0


def test_each_pregnancy_holds_its_own_fee(pets, game, with_fee, alice, carol):
    a, b, c, d = game.mint_many(alice, 4)
    game.breed(a, b, alice, fee=FEE)
    game.breed(c, d, alice)
    assert pets.balance() == FEE
    game.wait_until_ready(a, c)
    before = carol.balance()
    no_fee = pets.giveBirth(c, {"from": carol})
    assert carol.balance() == before - no_fee.gas_used * no_fee.gas_price
    assert pets.balance() == FEE


def test_a_midwife_contract_collects_the_fee(pets, game, with_fee, pair, midwife, alice, bob):
    game.breed(*pair, alice, fee=FEE)
    game.wait_until_ready(pair[0])
    tx = midwife.deliver(pair[0], {"from": bob})
    assert midwife.balance() == FEE
    assert midwife.feesReceived() == FEE
    assert pets.ownerOf(tx.events["Birth"]["petId"]) == alice


def test_a_midwife_that_refuses_the_fee_cannot_give_birth(
    pets, game, with_fee, pair, midwife, alice, bob, reverts
):
    midwife.setOnFee(REJECT, b"", {"from": bob})
    game.breed(*pair, alice, fee=FEE)
    game.wait_until_ready(pair[0])
    supply = pets.totalSupply()
    with reverts("PetBirthFeePaymentFailed", midwife, FEE):
        midwife.deliver(pair[0], {"from": bob})
    assert pets.totalSupply() == supply
    assert pets.getPet(pair[0])["siringWithId"] == pair[1]
    assert pets.balance() == FEE


def test_after_a_refusing_midwife_anyone_else_can_give_birth(
    pets, game, with_fee, pair, midwife, alice, bob, carol
):
    midwife.setOnFee(REJECT, b"", {"from": bob})
    game.breed(*pair, alice, fee=FEE)
    game.wait_until_ready(pair[0])
    with contextlib.suppress(Exception):
        midwife.deliver(pair[0], {"from": bob})
    tx = pets.giveBirth(pair[0], {"from": carol})
    assert "Birth" in tx.events
    assert pets.balance() == 0


def test_a_refusing_midwife_delivers_pregnancies_without_a_fee(
    pets, game, with_fee, pair, midwife, alice, bob
):
    midwife.setOnFee(REJECT, b"", {"from": bob})
    game.breed(*pair, alice)
    game.wait_until_ready(pair[0])
    tx = midwife.deliver(pair[0], {"from": bob})
    assert "Birth" in tx.events


def test_a_midwife_reentering_for_the_same_matron_finds_it_delivered(
    pets, game, with_fee, pair, midwife, alice, bob, custom_error, decode_error
):
    matron = pair[0]
    midwife.setOnFee(REENTER, pets.giveBirth.encode_input(matron), {"from": bob})
    game.breed(*pair, alice, fee=FEE)
    game.wait_until_ready(matron)
    supply = pets.totalSupply()
    tx = midwife.deliver(matron, {"from": bob})
    assert midwife.reentered() and not midwife.reentrySucceeded()
    assert decode_error(midwife.reentryResult()) == custom_error("PetNotPregnant", matron)
    assert len(tx.events["Birth"]) == 1
    assert pets.totalSupply() == supply + 1
    assert (midwife.feesReceived(), midwife.feeCount(), pets.balance()) == (FEE, 1, 0)


def test_a_midwife_reentering_for_another_due_matron_delivers_both(
    pets, game, with_fee, midwife, alice, bob
):
    a, b, c, d = game.mint_many(alice, 4)
    game.breed(a, b, alice, fee=FEE)
    game.breed(c, d, alice, fee=FEE)
    midwife.setOnFee(REENTER, pets.giveBirth.encode_input(c), {"from": bob})
    game.wait_until_ready(a, c)
    tx = midwife.deliver(a, {"from": bob})
    assert midwife.reentrySucceeded()
    assert [event["matronId"] for event in tx.events["Birth"]] == [a, c]
    assert (midwife.feesReceived(), midwife.feeCount(), pets.balance()) == (2 * FEE, 2, 0)
    assert [pets.getPet(pet_id)["litters"] for pet_id in (a, c)] == [1, 1]
