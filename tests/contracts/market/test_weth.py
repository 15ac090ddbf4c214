"""WrappedEther: deposit, withdraw, standard approve."""

from brownie import EtherRejecter  # type: ignore[attr-defined]  # added by brownie at run time
from market_helpers import ETHER, reverts


def test_depositing_wraps_ether(weth, alice):
    tx = weth.deposit({"from": alice, "value": ETHER})
    assert weth.balanceOf(alice) == ETHER
    assert weth.totalSupply() == ETHER
    assert tx.events["Deposit"]["amount"] == ETHER


def test_sending_ether_wraps_it(weth, alice):
    alice.transfer(weth, 5)
    assert weth.balanceOf(alice) == 5


def test_withdrawing_unwraps_ether(weth, alice):
    weth.deposit({"from": alice, "value": ETHER})
    before = alice.balance()
    tx = weth.withdraw(ETHER // 4, {"from": alice})
    assert alice.balance() == before + ETHER // 4 - tx.gas_used * tx.gas_price
    assert weth.balanceOf(alice) == 3 * ETHER // 4
    assert tx.events["Withdrawal"]["amount"] == ETHER // 4


def test_withdrawing_more_than_the_balance_reverts(weth, alice):
    weth.deposit({"from": alice, "value": 10})
    with reverts("ERC20InsufficientBalance", alice, 10, 11):
        weth.withdraw(11, {"from": alice})


def test_a_withdrawal_to_a_contract_that_rejects_ether_reverts(weth, alice):
    rejecter = EtherRejecter.deploy({"from": alice})
    rejecter.act(weth, weth.deposit.encode_input(), 10, {"from": alice, "value": 10})
    with reverts("WethPaymentFailed", rejecter, 10):
        rejecter.act(weth, weth.withdraw.encode_input(10), 0, {"from": alice})


def test_an_infinite_approval_is_never_decreased(weth, orders, alice, bob):
    weth.deposit({"from": alice, "value": 10})
    weth.approve(bob, 2**256 - 1, {"from": alice})
    weth.transferFrom(alice, bob, 10, {"from": bob})
    assert weth.allowance(alice, bob) == 2**256 - 1
    assert weth.name() == "Wrapped Ether" and weth.symbol() == "WETH" and weth.decimals() == 18
