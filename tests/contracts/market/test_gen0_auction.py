"""Generation-0 auctions: minted by the house into escrow, priced from recent gen-0 sales."""

from brownie import chain
from market_helpers import ETHER, GEN0_FLOOR, reverts, valid_genes

DAY = 86400


def _sell(auctions, operator, buyer, genes, wait=DAY):
    """Create a gen-0 auction and buy it at the end price after `wait` seconds."""
    tx = auctions.createGen0Auction(genes, {"from": operator})
    pet = tx.return_value
    if wait:
        chain.sleep(wait)
        chain.mine()
    price = auctions.currentPrice(pet)
    auctions.bid(
        pet, auctions.getAuction(pet)["auctionId"], {"from": buyer, "value": price + 10**12}
    )  # a little over: clock moves
    return pet, auctions.gen0Sold()


def test_the_operator_mints_a_gen0_pet_into_escrow_at_the_floor(pets, auctions, operator):
    tx = auctions.createGen0Auction(valid_genes(1), {"from": operator})
    pet = tx.return_value
    assert pets.ownerOf(pet) == auctions
    assert pets.getPet(pet)["generation"] == 0
    auction = auctions.getAuction(pet)
    assert auction["kind"] == 3
    assert auction["seller"] == auctions
    assert [auction["startPrice"], auction["endPrice"], auction["duration"]] == [
        GEN0_FLOOR,
        GEN0_FLOOR,
        DAY,
    ]


def test_only_the_house_operator_creates_gen0_auctions(auctions, alice, admin):
    role = auctions.OPERATOR_ROLE()
    with reverts("AccessControlUnauthorizedAccount", alice, role):
        auctions.createGen0Auction(valid_genes(1), {"from": alice})
    with reverts("AccessControlUnauthorizedAccount", admin, role):
        auctions.createGen0Auction(valid_genes(1), {"from": admin})


def test_the_house_needs_the_pets_operator_role(pets, auctions, admin, operator):
    pets.revokeRole(pets.OPERATOR_ROLE(), auctions, {"from": admin})
    with reverts("AccessControlUnauthorizedAccount", auctions, pets.OPERATOR_ROLE()):
        auctions.createGen0Auction(valid_genes(1), {"from": operator})


def test_gen0_proceeds_go_to_the_house(auctions, operator, bob):
    pet = auctions.createGen0Auction(valid_genes(1), {"from": operator}).return_value
    price = auctions.currentPrice(pet)
    auctions.bid(pet, auctions.getAuction(pet)["auctionId"], {"from": bob, "value": price})
    assert tuple(auctions.houseBalance()) == (price, 0)
    assert auctions.balance() == price


def test_the_next_start_is_one_and_a_half_times_the_average_of_the_last_five_sales(
    admin, auctions, operator, bob
):
    # Sell at fixed prices by moving the floor, so every sale's price is known.
    prices = [ETHER, 2 * ETHER, 4 * ETHER, 3 * ETHER, 5 * ETHER, 7 * ETHER]
    sold = []
    for i, price in enumerate(prices):
        auctions.setGen0Floor(price, {"from": admin})
        pet = auctions.createGen0Auction(valid_genes(10 + i), {"from": operator}).return_value
        chain.sleep(DAY)
        chain.mine()
        assert auctions.currentPrice(pet) == price
        auctions.bid(pet, auctions.getAuction(pet)["auctionId"], {"from": bob, "value": price})
        sold.append(price)
        auctions.setGen0Floor(GEN0_FLOOR, {"from": admin})
        last = sold[-5:]
        assert auctions.nextGen0Price() == sum(last) * 3 // (2 * len(last))
    assert auctions.gen0Sold() == 6
    pet = auctions.createGen0Auction(valid_genes(99), {"from": operator}).return_value
    auction = auctions.getAuction(pet)
    assert auction["startPrice"] == sum(prices[-5:]) * 3 // 10
    assert auction["endPrice"] == GEN0_FLOOR


def test_the_gen0_start_price_never_falls_below_the_floor(admin, auctions, operator, bob):
    auctions.setGen0Floor(10**12, {"from": admin})
    _sell(auctions, operator, bob, valid_genes(1))  # sells at 10**12
    auctions.setGen0Floor(ETHER, {"from": admin})
    assert auctions.nextGen0Price() == ETHER


def test_gen0_auctions_cannot_be_cancelled(auctions, operator):
    pet = auctions.createGen0Auction(valid_genes(1), {"from": operator}).return_value
    with reverts("MarketNotSeller", operator, auctions):
        auctions.cancelAuction(pet, {"from": operator})


def test_only_the_admin_sets_the_floor(auctions, alice):
    with reverts("AccessControlUnauthorizedAccount", alice, bytes(32)):
        auctions.setGen0Floor(1, {"from": alice})


def test_a_floor_above_128_bits_reverts(auctions, admin):
    with reverts("MarketPriceTooHigh", 2**128, 2**128 - 1):
        auctions.setGen0Floor(2**128, {"from": admin})


# ---------------------------------------------------------------- the floor (docs/market.md)


def test_a_floor_change_applies_to_new_gen0_auctions_only(admin, auctions, operator, bob):
    """The documented rule: a gen-0 auction falls to the floor as it was when the auction
    began; a raise or a cut of the floor changes no running auction (no pending bid is
    caught at a new price), and the next auction starts from and ends at the new floor."""
    running = auctions.createGen0Auction(valid_genes(41), {"from": operator}).return_value
    chain.sleep(DAY)
    chain.mine()
    assert auctions.currentPrice(running) == GEN0_FLOOR
    auctions.setGen0Floor(3 * GEN0_FLOOR, {"from": admin})
    assert auctions.currentPrice(running) == GEN0_FLOOR
    assert auctions.getAuction(running)["endPrice"] == GEN0_FLOOR
    fresh = auctions.createGen0Auction(valid_genes(42), {"from": operator}).return_value
    assert auctions.getAuction(fresh)["endPrice"] == 3 * GEN0_FLOOR
    auctions.setGen0Floor(GEN0_FLOOR // 2, {"from": admin})
    assert auctions.getAuction(fresh)["endPrice"] == 3 * GEN0_FLOOR
    auctions.bid(running, 1, {"from": bob, "value": GEN0_FLOOR})
    assert tuple(auctions.houseBalance()) == (GEN0_FLOOR, 0)


def test_no_gen0_auction_starts_below_the_floor(admin, auctions, operator, bob):
    _sell(auctions, operator, bob, valid_genes(43))  # one sale at the old floor
    auctions.setGen0Floor(10 * GEN0_FLOOR, {"from": admin})  # 1.5 x the average is below it now
    assert auctions.nextGen0Price() == 10 * GEN0_FLOOR
    pet = auctions.createGen0Auction(valid_genes(44), {"from": operator}).return_value
    auction = auctions.getAuction(pet)
    assert (auction["startPrice"], auction["endPrice"]) == (10 * GEN0_FLOOR, 10 * GEN0_FLOOR)
