"""Shared fixtures of the market tests: one game per module (deploy_game), its contracts, the
relay, and helpers that mint, list and sign. The named players and the snapshot isolation of
every test come from tests/contracts/conftest.py."""

from __future__ import annotations

import itertools

import pytest
from brownie import accounts, chain
from market_helpers import (
    CUT_BPS,
    ETHER,
    GEN0_FLOOR,
    ROYALTY_BPS,
    forward_request,
    signed_order,
    valid_genes,
)

from scripts.deploy import GameTerms, deploy_game


@pytest.fixture(scope="module")
def relay():
    """The game's relay: submits signed forward requests and pays their gas."""
    return accounts[6]


@pytest.fixture(scope="module")
def game(admin, operator, treasury):
    terms = GameTerms(royalty_bps=ROYALTY_BPS, cut_bps=CUT_BPS, gen0_floor=GEN0_FLOOR)
    return deploy_game(admin, operator, treasury, terms)


def _contract_of_the_game(name: str):
    """A module fixture called `name`: the game's contract of that name."""

    @pytest.fixture(scope="module", name=name)
    def contract(game):
        return getattr(game, name)

    return contract


pets = _contract_of_the_game("pets")
auctions = _contract_of_the_game("auctions")
orders = _contract_of_the_game("orders")
weth = _contract_of_the_game("weth")
forwarder = _contract_of_the_game("forwarder")


@pytest.fixture
def listed(market, alice):
    """A new pet of Alice's and her listing of it at 1 ether: (pet, order, signature)."""
    pet = market.mint(alice)
    return (pet, *market.listing(alice, pet, ETHER))


@pytest.fixture
def offered(market, alice, bob):
    """A new pet of Alice's and Bob's funded offer of 1 ether on it: (pet, order, signature)."""
    pet = market.mint(alice)
    return (pet, *market.offer(bob, pet, ETHER))


class Market:
    """Helpers bound to one game."""

    _genes = itertools.count(1)

    def __init__(self, game, operator):
        self.game = game
        self.operator = operator

    def mint(self, owner, approve: bool = True) -> int:
        """A new generation-0 pet for `owner`, who approves both markets for its pets."""
        tx = self.game.pets.mintGen0(valid_genes(next(self._genes)), owner, {"from": self.operator})
        if approve and not self.game.pets.isApprovedForAll(owner, self.game.auctions):
            self.game.pets.setApprovalForAll(self.game.auctions, True, {"from": owner})
            self.game.pets.setApprovalForAll(self.game.orders, True, {"from": owner})
        return tx.return_value

    def listing(self, seller, pet_id, price, expiry=None, **kw):
        """A signed listing of `pet_id` at its current pet nonce."""
        return self._signed("listing", seller, pet_id, price, expiry, **kw)

    def offer(self, buyer, pet_id, price, expiry=None, fund: bool = True, **kw):
        """A signed offer on `pet_id`; with `fund`, the buyer wraps and approves the price."""
        if fund:
            self.game.weth.deposit({"from": buyer, "value": price})
            self.game.weth.approve(self.game.orders, 2**256 - 1, {"from": buyer})
        return self._signed("offer", buyer, pet_id, price, expiry, **kw)

    def expired(self, kind, signer, pet_id):
        """A 1-ether order of `kind` ("listing" or "offer") signed by `signer` on `pet_id`, whose
        expiry the chain has just passed: (order, signature, expiry)."""
        expiry = chain.time() + 60
        order, sig = getattr(self, kind)(signer, pet_id, ETHER, expiry=expiry)
        chain.mine(timestamp=expiry + 1)
        return order, sig, expiry

    def _signed(self, kind, signer, pet_id, price, expiry, **kw):
        """A signed order of `kind`; by default at the pet's current nonce, for an hour."""
        nonce = kw.pop("pet_nonce", None)
        if nonce is None:
            nonce = self.game.pets.petNonce(pet_id)
        if expiry is None:
            expiry = chain.time() + 3600
        return signed_order(self.game.orders, kind, signer, pet_id, price, nonce, expiry, **kw)

    def sale_auction(self, seller, price=ETHER) -> int:
        """A new pet of `seller` on a sale auction at a fixed `price`, a minute long."""
        pet = self.mint(seller)
        self.game.auctions.createSaleAuction(pet, price, price, 60, {"from": seller})
        return pet

    def bid(self, pet_id, bidder, value):
        """`bidder` bids `value` on the sale auction of `pet_id` it currently stands in."""
        auctions = self.game.auctions
        auction_id = auctions.getAuction(pet_id)["auctionId"]
        return auctions.bid(pet_id, auction_id, {"from": bidder, "value": value})

    def bid_on_siring(self, sire_id, matron_id, bidder, value=ETHER, prepay_birth=False):
        """`bidder` bids `value` on the siring auction of `sire_id` for its matron `matron_id`."""
        auctions = self.game.auctions
        auction_id = auctions.getAuction(sire_id)["auctionId"]
        payment = {"from": bidder, "value": value}
        return auctions.bidOnSiringAuction(sire_id, auction_id, matron_id, prepay_birth, payment)

    def bid_through(self, bidder_contract, pet_id, value, caller):
        """A contract bids `value` on the sale auction of `pet_id`: `caller` sends the value
        to `bidder_contract`, which forwards the bid to the auction house."""
        auctions = self.game.auctions
        data = auctions.bid.encode_input(pet_id, auctions.getAuction(pet_id)["auctionId"])
        return bidder_contract.act(auctions, data, value, {"from": caller, "value": value})

    def contract_wins_sale_auction(self, contract_type, caller, seller, overpayment):
        """A new bidder contract of `contract_type`, deployed and called by `caller`, that won
        the 1-ether sale auction of a new pet of `seller`'s, paying `overpayment` wei too much:
        (bidder, pet)."""
        bidder = contract_type.deploy({"from": caller})
        pet = self.sale_auction(seller)
        self.bid_through(bidder, pet, ETHER + overpayment, caller)
        assert self.game.pets.ownerOf(pet) == bidder
        return bidder, pet

    def forward(self, signer, target, data, **kw):
        kw.setdefault("deadline", chain.time() + 600)
        return forward_request(self.game.forwarder, signer, target, data, **kw)

    def ready_pair(self, owner):
        """Two unrelated generation-0 pets of `owner`."""
        return self.mint(owner), self.mint(owner)

    def give_birth(self, matron_id, caller):
        """Wait out gestation (gen-0 cooldowns are short here) and give birth."""
        due = self.game.pets.getPet(matron_id)["cooldownEnd"]
        if due > chain.time():
            chain.sleep(due - chain.time() + 1)
        chain.mine()
        return self.game.pets.giveBirth(matron_id, {"from": caller}).return_value


@pytest.fixture(scope="module")
def market(game, operator):
    return Market(game, operator)
