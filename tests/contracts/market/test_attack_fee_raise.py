"""Attacks: the admin raises the market cut or the royalty between the signing of an order
and its fill. The seller, who pays the fees, never pays more than its own limit: a listing's
signed maxFeeBps, or the acceptor's argument to acceptOffer (MarketFeesAboveLimit)."""

from market_helpers import CUT_BPS, ETHER, MAX_FEE_BPS, ROYALTY_BPS, reverts, split


def test_a_listing_cannot_be_filled_after_the_cut_was_raised(
    market, pets, orders, admin, alice, bob
):
    pet = market.mint(alice)
    order, sig = market.listing(alice, pet, ETHER)  # agreed: cut + royalty = 6.25%
    orders.setCutBps(CUT_BPS + 1, {"from": admin})
    fees = sum(split(ETHER, cut_bps=CUT_BPS + 1)[:2])
    with reverts("MarketFeesAboveLimit", fees, ETHER * MAX_FEE_BPS // 10_000):
        orders.fillListing(order, sig, {"from": bob, "value": ETHER})
    assert pets.ownerOf(pet) == alice


def test_a_listing_cannot_be_filled_after_the_royalty_was_raised(
    market, pets, orders, admin, alice, bob
):
    pet = market.mint(alice)
    order, sig = market.listing(alice, pet, ETHER)
    pets.setRoyalty(ROYALTY_BPS + 100, {"from": admin})
    fees = sum(split(ETHER, royalty_bps=ROYALTY_BPS + 100)[:2])
    with reverts("MarketFeesAboveLimit", fees, ETHER * MAX_FEE_BPS // 10_000):
        orders.fillListing(order, sig, {"from": bob, "value": ETHER})


def test_a_listing_with_room_under_its_limit_survives_a_raise(
    market, pets, orders, admin, alice, bob
):
    pet = market.mint(alice)
    order, sig = market.listing(alice, pet, ETHER, max_fee_bps=1_000)
    orders.setCutBps(CUT_BPS + 100, {"from": admin})
    orders.fillListing(order, sig, {"from": bob, "value": ETHER})
    assert orders.creditOf(alice)[0] == split(ETHER, cut_bps=CUT_BPS + 100)[2]


def test_a_listing_is_filled_after_the_fees_were_lowered(market, pets, orders, admin, alice, bob):
    pet = market.mint(alice)
    order, sig = market.listing(alice, pet, ETHER)
    orders.setCutBps(0, {"from": admin})
    orders.fillListing(order, sig, {"from": bob, "value": ETHER})
    assert orders.creditOf(alice)[0] == split(ETHER, cut_bps=0)[2]


def test_a_limit_below_the_current_fees_cannot_be_filled(market, orders, alice, bob):
    pet = market.mint(alice)
    order, sig = market.listing(alice, pet, ETHER, max_fee_bps=MAX_FEE_BPS - 1)
    with reverts(
        "MarketFeesAboveLimit", sum(split(ETHER)[:2]), ETHER * (MAX_FEE_BPS - 1) // 10_000
    ):
        orders.fillListing(order, sig, {"from": bob, "value": ETHER})


def test_a_listing_whose_limit_was_altered_does_not_verify(market, orders, admin, alice, bob):
    # The limit is signed: a filler cannot raise it to push a raised fee through.
    pet = market.mint(alice)
    order, sig = market.listing(alice, pet, ETHER)
    orders.setCutBps(CUT_BPS + 100, {"from": admin})
    raised = (*order[:5], 1_000)
    from eth_account import Account

    recovered = Account._recover_hash(bytes(orders.hashListing(raised)), signature=sig)
    with reverts("MarketInvalidSigner", recovered, alice):
        orders.fillListing(raised, sig, {"from": bob, "value": ETHER})


def test_an_offer_cannot_be_accepted_above_the_acceptors_limit(
    market, pets, orders, weth, admin, alice, bob
):
    # The acceptor decided on the fees it saw; a raise that lands first fails its transaction.
    pet = market.mint(alice)
    order, sig = market.offer(bob, pet, ETHER)
    pets.setRoyalty(ROYALTY_BPS + 100, {"from": admin})
    fees = sum(split(ETHER, royalty_bps=ROYALTY_BPS + 100)[:2])
    with reverts("MarketFeesAboveLimit", fees, ETHER * MAX_FEE_BPS // 10_000):
        orders.acceptOffer(order, sig, MAX_FEE_BPS, {"from": alice})
    assert pets.ownerOf(pet) == alice
    assert weth.balanceOf(bob) == ETHER


def test_an_offer_is_accepted_within_the_acceptors_limit(market, pets, orders, admin, alice, bob):
    pet = market.mint(alice)
    order, sig = market.offer(bob, pet, ETHER)
    orders.setCutBps(CUT_BPS + 100, {"from": admin})
    orders.acceptOffer(order, sig, MAX_FEE_BPS + 100, {"from": alice})
    assert orders.creditOf(alice)[1] == split(ETHER, cut_bps=CUT_BPS + 100)[2]
