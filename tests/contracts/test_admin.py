"""Deployment checks, roles, treasury and ERC-2981 royalties."""

from typing import Any

import pytest
from brownie import PetToken, chain  # type: ignore[attr-defined]  # added by brownie at run time
from brownie.test import given, strategy
from hypothesis import settings

from scripts.deploy import DEFAULT_ROYALTY_BPS, deploy_pets

ZERO_ADDRESS = "0x0000000000000000000000000000000000000000"
ADMIN_ROLE = bytes(32)
MAX_ROYALTY_BPS = 1_000


# ---------------------------------------------------------------- deployment


def test_deployment_gives_each_role_to_its_account(pets, admin, operator, treasury):
    assert pets.hasRole(ADMIN_ROLE, admin)
    assert pets.hasRole(pets.OPERATOR_ROLE(), operator)
    assert not pets.hasRole(pets.OPERATOR_ROLE(), admin)
    assert not pets.hasRole(ADMIN_ROLE, operator)
    assert pets.treasury() == treasury
    assert pets.getRoleAdmin(pets.OPERATOR_ROLE()) == "0x" + "00" * 32


def test_deployment_reports_the_treasury(pets, admin, treasury):
    tx = pets.tx
    assert list(tx.events["TreasuryChanged"].values()) == [ZERO_ADDRESS, treasury]


@pytest.mark.parametrize("role", ["operator", "treasury"])
def test_deployment_refuses_a_zero_address(admin, role, reverts):
    zero: dict[str, Any] = {role: ZERO_ADDRESS}  # an address where an account is expected
    with reverts("PetZeroAddress"):
        deploy_pets(admin, **zero)


def test_deployment_refuses_a_royalty_above_the_maximum(admin, reverts):
    with reverts("PetRoyaltyTooHigh", MAX_ROYALTY_BPS + 1, MAX_ROYALTY_BPS):
        deploy_pets(admin, royalty_bps=MAX_ROYALTY_BPS + 1)


# ---------------------------------------------------------------- roles


def test_admin_grants_the_operator_role(pets, game, admin, bob):
    tx = pets.grantRole(pets.OPERATOR_ROLE(), bob, {"from": admin})
    assert list(tx.events["RoleGranted"].values()) == [pets.OPERATOR_ROLE(), bob, admin]
    pets.mintGen0(game.genes(), bob, {"from": bob})


def test_admin_revokes_the_operator_role(pets, game, admin, operator, alice, reverts):
    tx = pets.revokeRole(pets.OPERATOR_ROLE(), operator, {"from": admin})
    assert list(tx.events["RoleRevoked"].values()) == [pets.OPERATOR_ROLE(), operator, admin]
    with reverts("AccessControlUnauthorizedAccount", operator, pets.OPERATOR_ROLE()):
        pets.mintGen0(game.genes(), alice, {"from": operator})


def test_the_operator_renounces_its_role(pets, game, operator, alice, reverts):
    pets.renounceRole(pets.OPERATOR_ROLE(), operator, {"from": operator})
    with reverts("AccessControlUnauthorizedAccount", operator, pets.OPERATOR_ROLE()):
        pets.mintGen0(game.genes(), alice, {"from": operator})


@pytest.mark.parametrize("sender", ["operator", "alice"])
def test_only_the_admin_grants_roles(pets, request, sender, bob, reverts):
    account = request.getfixturevalue(sender)
    with reverts("AccessControlUnauthorizedAccount", account, ADMIN_ROLE):
        pets.grantRole(pets.OPERATOR_ROLE(), bob, {"from": account})


# ---------------------------------------------------------------- admin handover (two steps)

ADMIN_TRANSFER_DELAY = 2 * 24 * 3600


def test_the_admin_handover_waits_two_days(pets, admin):
    assert pets.ADMIN_TRANSFER_DELAY() == ADMIN_TRANSFER_DELAY
    assert pets.defaultAdminDelay() == ADMIN_TRANSFER_DELAY
    assert pets.defaultAdmin() == admin


def test_a_new_admin_takes_over_in_two_steps(pets, admin, bob, reverts):
    tx = pets.beginDefaultAdminTransfer(bob, {"from": admin})
    schedule = tx.events["DefaultAdminTransferScheduled"]["acceptSchedule"]
    assert schedule == tx.timestamp + ADMIN_TRANSFER_DELAY
    with reverts("AccessControlEnforcedDefaultAdminDelay", schedule):
        pets.acceptDefaultAdminTransfer({"from": bob})  # too early: the admin is unchanged
    assert pets.defaultAdmin() == admin
    chain.sleep(ADMIN_TRANSFER_DELAY + 1)
    pets.acceptDefaultAdminTransfer({"from": bob})
    assert pets.defaultAdmin() == bob and not pets.hasRole(ADMIN_ROLE, admin)
    pets.pause({"from": bob})
    with reverts("AccessControlUnauthorizedAccount", admin, ADMIN_ROLE):
        pets.unpause({"from": admin})


def test_only_the_named_account_accepts_the_handover(pets, admin, bob, carol, reverts):
    pets.beginDefaultAdminTransfer(bob, {"from": admin})
    chain.sleep(ADMIN_TRANSFER_DELAY + 1)
    with reverts("AccessControlInvalidDefaultAdmin", carol):
        pets.acceptDefaultAdminTransfer({"from": carol})


def test_the_admin_cancels_a_handover(pets, admin, bob, reverts):
    pets.beginDefaultAdminTransfer(bob, {"from": admin})
    pets.cancelDefaultAdminTransfer({"from": admin})
    chain.sleep(ADMIN_TRANSFER_DELAY + 1)
    with reverts("AccessControlInvalidDefaultAdmin", bob):
        pets.acceptDefaultAdminTransfer({"from": bob})
    assert pets.defaultAdmin() == admin


def test_the_admin_role_cannot_be_granted_in_one_step(pets, admin, bob, reverts):
    with reverts("AccessControlEnforcedDefaultAdminRules"):
        pets.grantRole(ADMIN_ROLE, bob, {"from": admin})
    assert not pets.hasRole(ADMIN_ROLE, bob)


def test_only_the_admin_begins_a_handover(pets, bob, reverts):
    with reverts("AccessControlUnauthorizedAccount", bob, ADMIN_ROLE):
        pets.beginDefaultAdminTransfer(bob, {"from": bob})


def test_the_deployment_refuses_a_zero_admin(admin, operator, reverts):
    with reverts("PetZeroAddress"):
        PetToken.deploy(ZERO_ADDRESS, operator, operator, ZERO_ADDRESS, "", 0, {"from": admin})


# ---------------------------------------------------------------- treasury


def test_admin_changes_the_treasury(pets, admin, treasury, carol):
    tx = pets.setTreasury(carol, {"from": admin})
    assert pets.treasury() == carol
    assert list(tx.events["TreasuryChanged"].values()) == [treasury, carol]
    (log,) = [log for log in tx.logs if len(log["topics"]) == 3]
    assert log["address"] == pets.address  # both addresses indexed


def test_royalties_follow_the_treasury_and_keep_their_rate(pets, admin, carol):
    pets.setTreasury(carol, {"from": admin})
    assert tuple(pets.royaltyInfo(1, 10_000)) == (carol, DEFAULT_ROYALTY_BPS)


def test_the_treasury_cannot_be_the_zero_address(pets, admin, treasury, reverts):
    with reverts("PetZeroAddress"):
        pets.setTreasury(ZERO_ADDRESS, {"from": admin})
    assert pets.treasury() == treasury


def test_only_the_admin_changes_the_treasury(pets, operator, reverts):
    with reverts("AccessControlUnauthorizedAccount", operator, ADMIN_ROLE):
        pets.setTreasury(operator, {"from": operator})


# ---------------------------------------------------------------- royalties


def test_royalty_goes_to_the_treasury_at_the_default_rate(pets, treasury):
    assert tuple(pets.royaltyInfo(7, 1_000_000)) == (
        treasury,
        1_000_000 * DEFAULT_ROYALTY_BPS // 10_000,
    )


@given(sale_price=strategy("uint256", max_value=2**200), pet_id=strategy("uint256"))
@settings(max_examples=20)
def test_royalty_is_the_rate_times_the_price_rounded_down(pets, treasury, sale_price, pet_id):
    assert tuple(pets.royaltyInfo(pet_id, sale_price)) == (
        treasury,
        sale_price * DEFAULT_ROYALTY_BPS // 10_000,
    )


@pytest.mark.parametrize("bps", [0, 1, 500, MAX_ROYALTY_BPS])
def test_admin_sets_the_royalty(pets, admin, treasury, bps):
    tx = pets.setRoyalty(bps, {"from": admin})
    assert tx.events["RoyaltyChanged"]["royaltyBps"] == bps
    assert tuple(pets.royaltyInfo(1, 123_456_789)) == (treasury, 123_456_789 * bps // 10_000)


def test_a_royalty_above_ten_percent_is_refused(pets, admin, reverts):
    with reverts("PetRoyaltyTooHigh", MAX_ROYALTY_BPS + 1, MAX_ROYALTY_BPS):
        pets.setRoyalty(MAX_ROYALTY_BPS + 1, {"from": admin})
    assert pets.MAX_ROYALTY_BPS() == MAX_ROYALTY_BPS


def test_only_the_admin_sets_the_royalty(pets, operator, reverts):
    with reverts("AccessControlUnauthorizedAccount", operator, ADMIN_ROLE):
        pets.setRoyalty(0, {"from": operator})
