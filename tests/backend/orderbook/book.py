"""The order book under test: the API, the indexer behind it, the game, and the moves the
tests make through them (sign, submit, read)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from apiflask import APIFlask
from eth_account import Account
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from pawchain.indexer import Indexer
from pawchain.web.core.database import engine_of
from tests.backend.web.sign_in import sign_in
from tests.support import market_moves as market
from tests.support.market_moves import SignedOrder
from tests.support.pet_game import PetGame
from tests.support.stored_names import store_names

KINDS = {"listing": "Listing", "offer": "Offer"}


def all_pages(client: FlaskClient, url: str) -> list[dict[str, Any]]:
    """Every item of a paged list (`url` has a query string already), following next_cursor."""
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = client.get(url + (f"&cursor={cursor}" if cursor else "")).get_json()
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return items


def payload(kind: str, signed: SignedOrder) -> dict[str, Any]:
    """The POST /orders body of a signed order (`kind`: listing or offer)."""
    signer, pet, price, nonce, expiry = signed.order[:5]
    order = {
        "signer": signer,
        "pet_id": pet,
        "price": str(price),
        "pet_nonce": nonce,
        "expiry": expiry,
        "counter": signed.counter,
    }
    if signed.max_fee_bps is not None:  # a listing's
        order["max_fee_bps"] = signed.max_fee_bps
    return {"kind": kind, "order": order, "signature": "0x" + signed.signature.hex()}


@dataclass
class Book:
    game: PetGame
    app: APIFlask
    indexer: Indexer

    @property
    def api(self) -> FlaskClient:
        return self.app.test_client()

    def signed_in(self, address: str) -> FlaskClient:
        """A client signed in as the development account `address` (Sign-In with Ethereum, as a wallet does)."""
        client = self.app.test_client()
        sign_in(client, Account.from_key(market.private_key(self.game, address)))
        return client

    def sync(self) -> None:
        self.indexer.sync()

    def now(self) -> int:
        return int(self.game.web3.eth.get_block("latest")["timestamp"])

    def submit(self, kind: str, signed: SignedOrder) -> TestResponse:
        return self.api.post("/api/v1/orders", json=payload(kind, signed))

    def sign(
        self,
        kind: str,
        signer: str,
        pet: int,
        price: int,
        lifetime: int = 86_400,
        max_fee_bps: int = market.MAX_FEE_BPS,
    ) -> SignedOrder:
        return market.sign_order(self.game, KINDS[kind], signer, pet, price, lifetime, max_fee_bps)

    def pet_for(self, owner: str, approve: bool = True) -> int:
        """A new pet of `owner`, with the order book approved for its pets (unless not)."""
        pet = self.game.mint(owner)
        if approve:
            market.approve_market(self.game, owner, self.game.orders.address)
        return pet

    def named(self, pet: int, name: str) -> None:
        """Give `pet` the name `name` (as its owner would by signing it)."""
        owner = self.game.pets.functions.ownerOf(pet).call()
        store_names(engine_of(self.app), [(pet, name, owner)])

    def fund_offer(self, buyer: str, amount: int, approve: bool = True) -> None:
        """`buyer` wraps `amount` ether and allows the order book to take it."""
        self.game.send(self.game.weth.functions.deposit(), buyer, value=amount)
        if approve:
            allowance = self.game.weth.functions.allowance(buyer, self.game.orders.address).call()
            self.game.send(
                self.game.weth.functions.approve(self.game.orders.address, allowance + amount),
                buyer,
            )

    def listed(
        self,
        signer: str,
        price: int,
        lifetime: int = 86_400,
        max_fee_bps: int = market.MAX_FEE_BPS,
    ) -> tuple[int, SignedOrder, str]:
        """A new pet of `signer` listed at `price` (its fees limited to `max_fee_bps`) and
        submitted: (pet, order, hash)."""
        pet = self.pet_for(signer)
        signed = self.sign("listing", signer, pet, price, lifetime, max_fee_bps)
        response = self.submit("listing", signed)
        assert response.status_code == 201, response.json
        return pet, signed, response.get_json()["hash"]

    def offered(self, buyer: str, pet: int, price: int) -> tuple[SignedOrder, str]:
        """`buyer`'s offer of `price` on `pet`, funded, signed and submitted: (order, hash)."""
        self.fund_offer(buyer, price)
        signed = self.sign("offer", buyer, pet, price)
        response = self.submit("offer", signed)
        assert response.status_code == 201, response.json
        return signed, response.get_json()["hash"]

    def order(self, order_hash: str) -> dict[str, Any]:
        response = self.api.get(f"/api/v1/orders/{order_hash}")
        assert response.status_code == 200, response.json
        return response.get_json()

    def state(self, order_hash: str) -> str:
        return str(self.order(order_hash)["state"])

    def indexed_state(self, order_hash: str) -> str:
        """The order's state once the indexer has seen the chain as it is now."""
        self.sync()
        return self.state(order_hash)
