"""Shared fixtures of the market tests: one game per module (deploy_game), every test
isolated by brownie's snapshots, named players, and helpers that mint, list and sign."""

from __future__ import annotations

import itertools

import pytest
from brownie import accounts, chain
from market_helpers import (
    CUT_BPS,
    GEN0_FLOOR,
    ROYALTY_BPS,
    forward_request,
    signed_order,
    valid_genes,
)

from scripts.deploy import deploy_game


@pytest.fixture(scope="module")
def admin():
    return accounts[0]


@pytest.fixture(scope="module")
def operator():
    return accounts[1]


@pytest.fixture(scope="module")
def treasury():
    return accounts[2]


@pytest.fixture(scope="module")
def alice():
    return accounts[3]


@pytest.fixture(scope="module")
def bob():
    return accounts[4]


@pytest.fixture(scope="module")
def carol():
    return accounts[5]


@pytest.fixture(scope="module")
def relay():
    """The game's relay: submits signed forward requests and pays their gas."""
    return accounts[6]


@pytest.fixture(scope="module")
def game(admin, operator, treasury):
    return deploy_game(
        admin, operator, treasury, royalty_bps=ROYALTY_BPS, cut_bps=CUT_BPS, gen0_floor=GEN0_FLOOR
    )


@pytest.fixture(scope="module")
def pets(game):
    return game.pets


@pytest.fixture(scope="module")
def auctions(game):
    return game.auctions


@pytest.fixture(scope="module")
def orders(game):
    return game.orders


@pytest.fixture(scope="module")
def weth(game):
    return game.weth


@pytest.fixture(scope="module")
def forwarder(game):
    return game.forwarder


@pytest.fixture(autouse=True)
def isolation(fn_isolation):
    pass


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
        nonce = kw.pop("pet_nonce", None)
        if nonce is None:
            nonce = self.game.pets.petNonce(pet_id)
        return signed_order(
            self.game.orders,
            "listing",
            seller,
            pet_id,
            price,
            nonce,
            expiry if expiry is not None else chain.time() + 3600,
            **kw,
        )

    def offer(self, buyer, pet_id, price, expiry=None, fund: bool = True, **kw):
        """A signed offer on `pet_id`; with `fund`, the buyer wraps and approves the price."""
        if fund:
            self.game.weth.deposit({"from": buyer, "value": price})
            self.game.weth.approve(self.game.orders, 2**256 - 1, {"from": buyer})
        nonce = kw.pop("pet_nonce", None)
        if nonce is None:
            nonce = self.game.pets.petNonce(pet_id)
        return signed_order(
            self.game.orders,
            "offer",
            buyer,
            pet_id,
            price,
            nonce,
            expiry if expiry is not None else chain.time() + 3600,
            **kw,
        )

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
