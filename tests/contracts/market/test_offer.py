"""Signed offers: a buyer offers WETH for any pet; the owner accepts; no escrow."""

from market_helpers import ETHER, MAX_FEE_BPS, event_values, reverts, reverts_matching, split


def test_accepting_an_offer_moves_the_pet_and_credits_weth_exactly(
    market, pets, orders, weth, alice, bob, treasury
):
    pet = market.mint(alice)
    price = ETHER + 11
    order, sig = market.offer(bob, pet, price)
    tx = orders.acceptOffer(order, sig, MAX_FEE_BPS, {"from": alice})
    cut, royalty, proceeds = split(price)
    assert pets.ownerOf(pet) == bob
    assert weth.balanceOf(bob) == 0
    assert weth.balanceOf(orders) == price
    assert tuple(orders.creditOf(alice)) == (0, proceeds)
    assert tuple(orders.royaltyBalance()) == (0, royalty)
    assert tuple(orders.creditOf(treasury)) == (0, 0)
    assert tuple(orders.houseBalance()) == (0, cut)
    event = tx.events["OfferAccepted"]
    assert event_values(event, "petId", "seller", "buyer", "price") == (pet, alice, bob, price)


def test_the_seller_withdraws_weth(market, orders, weth, alice, bob, offered):
    _pet, order, sig = offered
    orders.acceptOffer(order, sig, MAX_FEE_BPS, {"from": alice})
    orders.withdraw(alice, {"from": alice})
    assert weth.balanceOf(alice) == split(ETHER)[2]
    assert tuple(orders.creditOf(alice)) == (0, 0)


def test_the_house_withdraws_its_cuts_in_both_currencies(
    market, orders, weth, admin, treasury, alice, bob
):
    a, b = market.mint(alice), market.mint(alice)
    order, sig = market.offer(bob, a, ETHER)
    orders.acceptOffer(order, sig, MAX_FEE_BPS, {"from": alice})
    order, sig = market.listing(alice, b, ETHER)
    orders.fillListing(order, sig, {"from": bob, "value": ETHER})
    cut = split(ETHER)[0]
    before = treasury.balance()
    tx = orders.withdrawHouse(treasury, {"from": admin})
    assert treasury.balance() == before + cut
    assert weth.balanceOf(treasury) == cut
    assert tx.events["HouseWithdrawn"]["etherAmount"] == cut
    assert tuple(orders.houseBalance()) == (0, 0)


def test_only_the_owner_may_accept_an_offer(market, orders, alice, bob, carol):
    pet = market.mint(alice)
    market.mint(carol)
    order, sig = market.offer(bob, pet, ETHER)
    with reverts("ERC721IncorrectOwner", carol, pet, alice):
        orders.acceptOffer(order, sig, MAX_FEE_BPS, {"from": carol})


def test_an_offer_without_enough_weth_allowance_reverts(market, orders, weth, alice, bob, offered):
    _pet, order, sig = offered
    weth.approve(orders, ETHER - 1, {"from": bob})
    with reverts("ERC20InsufficientAllowance", orders, ETHER - 1, ETHER):
        orders.acceptOffer(order, sig, MAX_FEE_BPS, {"from": alice})


def test_an_offer_without_enough_weth_reverts(market, orders, weth, alice, bob, offered):
    _pet, order, sig = offered
    weth.withdraw(1, {"from": bob})
    with reverts("ERC20InsufficientBalance", bob, ETHER - 1, ETHER):
        orders.acceptOffer(order, sig, MAX_FEE_BPS, {"from": alice})


def test_an_expired_offer_reverts(market, orders, alice, bob):
    pet = market.mint(alice)
    order, sig, expiry = market.expired("offer", bob, pet)
    with reverts_matching("MarketOrderExpired", str(expiry), r"\d+"):
        orders.acceptOffer(order, sig, MAX_FEE_BPS, {"from": alice})


def test_an_offer_dies_when_the_pet_moves(market, pets, orders, alice, bob, carol, offered):
    pet, order, sig = offered
    pets.transferFrom(alice, carol, pet, {"from": alice})
    with reverts("PetStaleNonce", pet, 0, 1):
        orders.acceptOffer(order, sig, MAX_FEE_BPS, {"from": carol})


def test_an_offer_cannot_be_presented_as_a_listing(market, orders, alice, bob, offered):
    _pet, order, sig = offered
    # the offer's fields (and a fee limit) as a listing: another EIP-712 type, so another
    # digest, and the signer does not match
    from eth_account import Account

    as_listing = (*order, MAX_FEE_BPS)
    recovered = Account._recover_hash(bytes(orders.hashListing(as_listing)), signature=sig)
    with reverts("MarketInvalidSigner", recovered, bob):
        orders.fillListing(as_listing, sig, {"from": alice, "value": ETHER})


def test_an_offer_no_wallet_can_pay_reverts_by_name(market, orders, alice, bob):
    # Above 2^128 wei (more than all the ether there is), price x bps would overflow: a panic.
    pet = market.mint(alice)
    price = 2**255
    order, sig = market.offer(bob, pet, price, fund=False)
    with reverts("MarketPriceTooHigh", price, 2**128 - 1):
        orders.acceptOffer(order, sig, MAX_FEE_BPS, {"from": alice})
