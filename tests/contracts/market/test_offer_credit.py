"""Offers paid from the buyer's WETH credit in the order book: deposits, the rule (the credit
of a buyer who deposited since its last withdrawal pays when it covers the price, else the
wallet pays all), and withdrawal of what is left."""

from market_helpers import ETHER, MAX_FEE_BPS, reverts, split


def test_a_deposit_wraps_the_ether_into_the_depositors_credit(orders, weth, bob):
    assert orders.offerFundsOf(bob) == 0
    tx = orders.depositForOffers({"from": bob, "value": 3 * ETHER + 7})
    assert tuple(orders.creditOf(bob)) == (0, 3 * ETHER + 7)
    assert orders.offerFundsOf(bob) == 3 * ETHER + 7
    assert weth.balanceOf(orders) == 3 * ETHER + 7
    assert orders.balance() == 0
    assert tx.events["DepositedForOffers"]["account"] == bob
    assert tx.events["DepositedForOffers"]["amount"] == 3 * ETHER + 7


def test_a_deposit_of_nothing_reverts(orders, bob):
    with reverts("MarketNothingToDeposit"):
        orders.depositForOffers({"from": bob, "value": 0})


def test_a_deposit_works_while_the_market_is_paused(orders, admin, bob):
    orders.pause({"from": admin})
    orders.depositForOffers({"from": bob, "value": ETHER})
    assert orders.creditOf(bob)[1] == ETHER


def test_a_credit_that_covers_the_price_pays_it_without_the_wallet(
    market, pets, orders, weth, alice, bob
):
    pet = market.mint(alice)
    orders.depositForOffers({"from": bob, "value": 2 * ETHER})
    order, sig = market.offer(bob, pet, ETHER, fund=False)  # no WETH, no approval
    tx = orders.acceptOffer(order, sig, MAX_FEE_BPS, {"from": alice})
    cut, royalty, proceeds = split(ETHER)
    assert pets.ownerOf(pet) == bob
    assert tuple(orders.creditOf(bob)) == (0, ETHER)
    assert tuple(orders.creditOf(alice)) == (0, proceeds)
    assert tuple(orders.houseBalance()) == (0, cut)
    assert tuple(orders.royaltyBalance()) == (0, royalty)
    assert weth.balanceOf(orders) == 2 * ETHER  # nothing moved in WETH
    assert "Transfer" not in {e.name for e in tx.events if e.address == weth.address}


def test_a_credit_one_wei_short_leaves_the_wallet_to_pay_all(market, orders, weth, alice, bob):
    pet = market.mint(alice)
    orders.depositForOffers({"from": bob, "value": ETHER - 1})
    order, sig = market.offer(bob, pet, ETHER)  # funds the wallet with the price
    orders.acceptOffer(order, sig, MAX_FEE_BPS, {"from": alice})
    assert orders.creditOf(bob)[1] == ETHER - 1  # untouched: no split between the two
    assert weth.balanceOf(bob) == 0


def test_a_short_credit_and_an_empty_wallet_revert_and_keep_the_credit(
    market, pets, orders, alice, bob
):
    pet = market.mint(alice)
    orders.depositForOffers({"from": bob, "value": ETHER // 2})
    order, sig = market.offer(bob, pet, ETHER, fund=False)
    with reverts("ERC20InsufficientAllowance", orders, 0, ETHER):
        orders.acceptOffer(order, sig, MAX_FEE_BPS, {"from": alice})
    assert orders.creditOf(bob)[1] == ETHER // 2
    assert pets.ownerOf(pet) == alice


def test_proceeds_pay_offers_only_from_a_deposit_until_a_withdrawal(
    market, pets, orders, alice, bob
):
    sold, wanted, later = market.mint(alice), market.mint(bob), market.mint(bob)
    order, sig = market.offer(bob, sold, ETHER)
    orders.acceptOffer(order, sig, MAX_FEE_BPS, {"from": alice})
    proceeds = split(ETHER)[2]
    # Alice never deposited: her proceeds do not fund her offer (an old offer she stopped
    # funding stays unpaid), so it reverts in WETH.
    assert orders.offerFundsOf(alice) == 0
    order, sig = market.offer(alice, wanted, proceeds, fund=False)
    with reverts("ERC20InsufficientAllowance", orders, 0, proceeds):
        orders.acceptOffer(order, sig, MAX_FEE_BPS, {"from": bob})
    # Once she deposits, the whole credit (proceeds included) pays her offers.
    orders.depositForOffers({"from": alice, "value": 1})
    assert orders.offerFundsOf(alice) == proceeds + 1
    orders.acceptOffer(order, sig, MAX_FEE_BPS, {"from": bob})
    assert pets.ownerOf(wanted) == alice
    assert orders.creditOf(alice)[1] == 1
    # A withdrawal stops it until the next deposit, whatever she is credited meanwhile.
    orders.withdraw(alice, {"from": alice})
    assert orders.offerFundsOf(alice) == 0
    sold = market.mint(alice)
    order, sig = market.offer(bob, sold, ETHER)
    orders.acceptOffer(order, sig, MAX_FEE_BPS, {"from": alice})
    assert orders.offerFundsOf(alice) == 0
    order, sig = market.offer(alice, later, proceeds, fund=False)
    with reverts("ERC20InsufficientAllowance", orders, 0, proceeds):
        orders.acceptOffer(order, sig, MAX_FEE_BPS, {"from": bob})


def test_a_withdrawal_pays_the_unspent_credit_as_weth(orders, weth, bob):
    orders.depositForOffers({"from": bob, "value": ETHER})
    orders.withdraw(bob, {"from": bob})
    assert weth.balanceOf(bob) == ETHER
    assert tuple(orders.creditOf(bob)) == (0, 0)
    assert weth.balanceOf(orders) == 0
