"""Both markets hand their default admin over in two steps (AccessControlDefaultAdminRules):
begun by the admin, accepted by the new admin after ADMIN_TRANSFER_DELAY."""

import pytest
from brownie import chain
from market_helpers import reverts

ADMIN_ROLE = bytes(32)
ADMIN_TRANSFER_DELAY = 2 * 24 * 3600


@pytest.fixture(params=["auctions", "orders"])
def market_contract(request, game):
    return getattr(game, request.param)


def test_the_handover_waits_two_days(market_contract, admin):
    assert market_contract.ADMIN_TRANSFER_DELAY() == ADMIN_TRANSFER_DELAY
    assert market_contract.defaultAdminDelay() == ADMIN_TRANSFER_DELAY
    assert market_contract.defaultAdmin() == admin


def test_a_new_admin_takes_over_after_the_delay(market_contract, admin, bob):
    tx = market_contract.beginDefaultAdminTransfer(bob, {"from": admin})
    schedule = tx.events["DefaultAdminTransferScheduled"]["acceptSchedule"]
    with reverts("AccessControlEnforcedDefaultAdminDelay", schedule):
        market_contract.acceptDefaultAdminTransfer({"from": bob})
    chain.sleep(ADMIN_TRANSFER_DELAY + 1)
    market_contract.acceptDefaultAdminTransfer({"from": bob})
    market_contract.pause({"from": bob})
    with reverts("AccessControlUnauthorizedAccount", admin, ADMIN_ROLE):
        market_contract.unpause({"from": admin})


def test_the_admin_role_cannot_be_granted_in_one_step(market_contract, admin, bob):
    with reverts("AccessControlEnforcedDefaultAdminRules"):
        market_contract.grantRole(ADMIN_ROLE, bob, {"from": admin})


def test_the_handover_needs_the_named_account(market_contract, admin, bob, carol):
    market_contract.beginDefaultAdminTransfer(bob, {"from": admin})
    chain.sleep(ADMIN_TRANSFER_DELAY + 1)
    with reverts("AccessControlInvalidDefaultAdmin", carol):
        market_contract.acceptDefaultAdminTransfer({"from": carol})
    assert market_contract.defaultAdmin() == admin
