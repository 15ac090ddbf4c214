"""Contracts as bidders: CryptoKitties' London trap does not catch us, and a contract that
rejects ether loses nothing."""

from brownie import ColdStorageBidder, EtherRejecter, web3  # type: ignore[attr-defined]  # added by brownie at run time
from market_helpers import ETHER, reverts, valid_genes
from web3.types import Wei


def _withdraw_through(auctions, contract, to, caller):
    """`contract`, called by `caller`, withdraws its credit at the auction house to `to`."""
    return contract.act(auctions, auctions.withdraw.encode_input(to), 0, {"from": caller})


def test_the_cold_storage_bidder_needs_more_than_a_transfer_stipend(alice):
    bidder = ColdStorageBidder.deploy({"from": alice})
    gas = web3.eth.estimate_gas({"from": str(alice), "to": bidder.address, "value": Wei(1)})
    assert gas - 21_000 > 2_300  # a Solidity `transfer` (CryptoKitties' refund) would fail


def test_a_cold_storage_bidder_wins_a_sale_auction_and_withdraws_its_overpayment(
    market, pets, auctions, alice, bob
):
    bidder, _ = market.contract_wins_sale_auction(ColdStorageBidder, alice, bob, overpayment=5)
    _withdraw_through(auctions, bidder, bidder, alice)
    assert bidder.received() == 5
    assert bidder.payments() == 1


def test_a_cold_storage_bidder_wins_a_siring_auction_and_withdraws_its_overpayment(
    market, pets, auctions, operator, alice, bob
):
    bidder = ColdStorageBidder.deploy({"from": alice})
    matron = pets.mintGen0(valid_genes(4242), bidder, {"from": operator}).return_value
    sire = market.mint(bob)
    auctions.createSiringAuction(sire, ETHER, ETHER, 60, {"from": bob})
    bidder.act(
        auctions,
        auctions.bidOnSiringAuction.encode_input(
            sire, auctions.getAuction(sire)["auctionId"], matron, False
        ),
        ETHER + 7,
        {"from": alice, "value": ETHER + 7},
    )
    assert pets.getPet(matron)["siringWithId"] == sire
    assert pets.ownerOf(sire) == bob
    _withdraw_through(auctions, bidder, bidder, alice)
    assert bidder.received() == 7


def test_a_cold_storage_seller_withdraws_its_proceeds(market, pets, auctions, operator, alice, bob):
    seller = ColdStorageBidder.deploy({"from": alice})
    pet = pets.mintGen0(valid_genes(4343), seller, {"from": operator}).return_value
    seller.act(pets, pets.setApprovalForAll.encode_input(auctions, True), 0, {"from": alice})
    seller.act(
        auctions, auctions.createSaleAuction.encode_input(pet, ETHER, ETHER, 60), 0, {"from": alice}
    )
    market.bid(pet, bob, ETHER)
    credit = auctions.creditOf(seller)[0]
    _withdraw_through(auctions, seller, seller, alice)
    assert seller.received() == credit


def test_a_contract_that_rejects_ether_can_bid_and_keeps_its_credit(
    market, pets, auctions, alice, bob
):
    rejecter, _ = market.contract_wins_sale_auction(EtherRejecter, alice, bob, overpayment=3)
    with reverts("MarketPaymentFailed", rejecter, 3):
        _withdraw_through(auctions, rejecter, rejecter, alice)
    assert tuple(auctions.creditOf(rejecter)) == (3, 0)
    before = bob.balance()
    _withdraw_through(auctions, rejecter, bob, alice)
    assert bob.balance() == before + 3
