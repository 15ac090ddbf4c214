"""Gas of the market's operations, measured from real transactions on the connected chain.

`measure_market_gas()` deploys a fresh game with `deploy_game`, warms every account and
contract up to the steady state a live game is in (sellers and the royalty receiver already
hold a credit word, buyers already own pets, the house already escrows other pets, matrons
have bred before), then measures one transaction per key. Keys are stable; the gas table
(bin/bench-gas) adds them to its JSON. Run on its own, it prints them:

    SOLCX_BINARY_PATH=... PYTHONPATH=backend .venv/bin/python tests/bench/market_gas.py --network market
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]

ETHER = 10**18
MAX_UINT = 2**256 - 1
MAX_FEE_BPS = 1_000  # the seller's fee limit in the orders measured: above cut + royalty

KEYS = (
    "create_sale_auction",
    "bid_sale_auction",
    "cancel_auction",
    "create_siring_auction",
    "bid_siring_auction",
    "create_gen0_auction",
    "fill_listing",
    "accept_offer",
    "cancel_order",
    "cancel_all_orders",
    "forwarded_breed",
)
# Beyond the issue's keys: the winning matron's first breeding (see the pets' breed_first).
EXTRA_KEYS = (
    "bid_siring_auction_first_breeding",
    "relist_sale_auction",  # a pet's second auction: its auction word is rewritten, not created
    "deposit_for_offers",  # a buyer puts ether into its WETH credit in the order book
    "accept_offer_from_wallet",  # an offer its buyer's credit does not cover: WETH's transferFrom
)


def _signer(index: int):
    """The private key of Ganache's development account `index` (public by design)."""
    from eth_account import Account

    from pawchain.devchain import MNEMONIC

    Account.enable_unaudited_hdwallet_features()
    return Account.from_mnemonic(MNEMONIC, account_path=f"m/44'/60'/0'/0/{index}")


def _sign(key, domain: dict, types: dict, message: dict) -> bytes:
    from eth_account import Account
    from eth_account.messages import encode_typed_data

    return bytes(Account.sign_message(encode_typed_data(domain, types, message), key.key).signature)


def _order(game, key, kind: str, pet: int, price: int, expiry: int):
    from pawchain.chain.typed_data import ORDER_TYPES

    role, name = ("seller", "Listing") if kind == "listing" else ("buyer", "Offer")
    nonce = game.pets.petNonce(pet)
    counter = game.orders.orderCounter(key.address)
    domain = {
        "name": "Pawchain OrderBook",
        "version": "1",
        "chainId": _chain_id(),
        "verifyingContract": game.orders.address,
    }
    message = {
        role: key.address,
        "petId": pet,
        "price": price,
        "petNonce": nonce,
        "expiry": expiry,
        "counter": counter,
    }
    order: tuple[Any, ...] = (key.address, pet, price, nonce, expiry)
    if kind == "listing":
        message["maxFeeBps"] = MAX_FEE_BPS
        order += (MAX_FEE_BPS,)
    signature = _sign(key, domain, {name: ORDER_TYPES[name]}, message)
    return order, signature


def _forward(game, key, target, data: str, deadline: int):
    from pawchain.chain.typed_data import FORWARD_REQUEST_FIELDS

    types = {"ForwardRequest": FORWARD_REQUEST_FIELDS}
    domain = {
        "name": "Pawchain Forwarder",
        "version": "1",
        "chainId": _chain_id(),
        "verifyingContract": game.forwarder.address,
    }
    payload = bytes.fromhex(data[2:])
    message = {
        "from": key.address,
        "to": str(target),
        "value": 0,
        "gas": 500_000,
        "nonce": game.forwarder.nonces(key.address),
        "deadline": deadline,
        "data": payload,
    }
    return (
        key.address,
        str(target),
        0,
        500_000,
        deadline,
        payload,
        _sign(key, domain, types, message),
    )


def _chain_id() -> int:
    from brownie import chain

    return chain.id


def measure_market_gas(admin=None, operator=None, treasury=None) -> dict[str, int]:
    """Deploy a game and return the gas of each market operation at steady state.

    Needs a loaded brownie project and a connected development network (accounts 0..9 are
    Ganache's deterministic ones). Leaves the chain as it found it (snapshot/revert)."""
    from brownie import accounts, chain

    from scripts.deploy import deploy_game

    chain.snapshot()
    try:
        return _measure(
            deploy_game,
            accounts,
            chain,
            admin or accounts[0],
            operator or accounts[1],
            treasury or accounts[2],
        )
    finally:
        chain.revert()


def _measure(deploy_game, accounts, chain, admin, operator, treasury) -> dict[str, int]:
    seller, buyer, breeder, relay = accounts[3], accounts[4], accounts[5], accounts[6]
    seller_key, buyer_key, breeder_key = _signer(3), _signer(4), _signer(5)
    game = deploy_game(admin, operator, treasury)
    pets, auctions, orders, weth = game.pets, game.auctions, game.orders, game.weth
    genes = iter(range(1, 10**6))

    def mint(owner) -> int:
        gene_word = 0
        seed = next(genes)
        for i in range(32):  # base variants only: valid under any Genome rules
            gene_word |= ((seed + 3 * i) % 16) << (5 * i)
        return pets.mintGen0(gene_word, owner, {"from": operator}).return_value

    def wait(seconds: int) -> None:
        chain.sleep(seconds)
        chain.mine()

    for owner in (seller, buyer, breeder):
        pets.setApprovalForAll(auctions, True, {"from": owner})
        pets.setApprovalForAll(orders, True, {"from": owner})
        mint(owner)  # everyone already owns a pet
    weth.deposit({"from": buyer, "value": 10 * ETHER})
    weth.approve(orders, MAX_UINT, {"from": buyer})

    gas: dict[str, int] = {}
    price = ETHER

    # --- warm-up: the house escrows other pets; seller, treasury and buyer have credit words.
    for _ in range(2):
        pet = mint(seller)
        auctions.createSaleAuction(pet, price, price, 60, {"from": seller})
    parked = mint(seller)
    auctions.createSaleAuction(parked, price, price, 60, {"from": seller})  # stays escrowed
    auctions.bid(
        pet, auctions.getAuction(pet)["auctionId"], {"from": buyer, "value": price + 1}
    )  # opens seller's, treasury's, buyer's words
    auctions.withdraw(seller, {"from": seller})  # words stay open (no 1-wei trick needed)

    # --- sale auction: create, bid (exact price, after the clock ran out), cancel
    pet = mint(seller)
    gas["create_sale_auction"] = auctions.createSaleAuction(
        pet, 2 * price, price, 60, {"from": seller}
    ).gas_used
    wait(61)
    gas["bid_sale_auction"] = auctions.bid(
        pet, auctions.getAuction(pet)["auctionId"], {"from": buyer, "value": price}
    ).gas_used
    pet = mint(seller)
    auctions.createSaleAuction(pet, price, price, 60, {"from": seller})
    gas["cancel_auction"] = auctions.cancelAuction(pet, {"from": seller}).gas_used
    # the same pet again: its auction word keeps the last auction's id, so it is rewritten, not created
    gas["relist_sale_auction"] = auctions.createSaleAuction(
        pet, price, price, 60, {"from": seller}
    ).gas_used

    # --- siring auction: the matron's first breeding, then a matron that has bred before
    def siring_round(matron) -> int:
        sire = mint(seller)
        tx = auctions.createSiringAuction(sire, price, price, 60, {"from": seller})
        gas["create_siring_auction"] = tx.gas_used
        return auctions.bidOnSiringAuction(
            sire,
            auctions.getAuction(sire)["auctionId"],
            matron,
            False,
            {"from": breeder, "value": price},
        ).gas_used

    matron = mint(breeder)
    gas["bid_siring_auction_first_breeding"] = siring_round(matron)
    wait(120)
    pets.giveBirth(matron, {"from": breeder})
    wait(3600)  # the matron is ready again
    gas["bid_siring_auction"] = siring_round(matron)

    # --- generation-0 auction (the house already escrows pets and has sold one)
    gen0 = auctions.createGen0Auction(next(genes), {"from": operator}).return_value
    auctions.bid(
        gen0,
        auctions.getAuction(gen0)["auctionId"],
        {"from": buyer, "value": auctions.currentPrice(gen0) + ETHER // 100},
    )
    gas["create_gen0_auction"] = auctions.createGen0Auction(
        next(genes), {"from": operator}
    ).gas_used

    # --- signed orders: warm the order book's words first (seller, treasury, buyer, WETH).
    # The buyer keeps a credit for its offers (accept_offer), as a player who uses it does.
    orders.depositForOffers({"from": buyer, "value": 5 * ETHER})
    expiry = chain.time() + 86400
    pet = mint(seller)
    listing, sig = _order(game, seller_key, "listing", pet, price, expiry)
    orders.fillListing(listing, sig, {"from": buyer, "value": price})
    pet = mint(seller)
    offer, sig = _order(game, buyer_key, "offer", pet, price, expiry)
    orders.acceptOffer(offer, sig, MAX_FEE_BPS, {"from": seller})

    pet = mint(seller)
    listing, sig = _order(game, seller_key, "listing", pet, price, expiry)
    gas["fill_listing"] = orders.fillListing(listing, sig, {"from": buyer, "value": price}).gas_used
    pet = mint(seller)
    offer, sig = _order(game, buyer_key, "offer", pet, price, expiry)
    gas["accept_offer"] = orders.acceptOffer(offer, sig, MAX_FEE_BPS, {"from": seller}).gas_used
    gas["deposit_for_offers"] = orders.depositForOffers({"from": buyer, "value": ETHER}).gas_used
    # No credit left: the next offer is paid from the wallet.
    orders.withdraw(buyer, {"from": buyer})
    pet = mint(seller)
    offer, sig = _order(game, buyer_key, "offer", pet, price, expiry)
    gas["accept_offer_from_wallet"] = orders.acceptOffer(
        offer, sig, MAX_FEE_BPS, {"from": seller}
    ).gas_used
    gas["cancel_order"] = orders.cancelOrder(orders.hashListing(listing), {"from": seller}).gas_used
    gas["cancel_all_orders"] = orders.cancelAllOrders({"from": seller}).gas_used

    # --- a forwarded breed, relay paying, with a matron that has bred before
    wait(86400)
    pets.giveBirth(matron, {"from": breeder})
    wait(7 * 86400)  # ready again
    sire = mint(breeder)
    request = _forward(
        game, breeder_key, pets, pets.breedWith.encode_input(matron, sire), chain.time() + 3600
    )
    gas["forwarded_breed"] = game.forwarder.execute(request, {"from": relay}).gas_used

    return {key: int(gas[key]) for key in (*KEYS, *EXTRA_KEYS)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--network", default="market", help="a brownie development network (default: market)"
    )
    args = parser.parse_args(argv)
    import brownie
    from brownie import network, project

    sys.path.insert(0, str(REPO_ROOT))
    loaded = project.load(REPO_ROOT, name="PawchainBench")
    loaded.load_config()
    loaded._add_to_main_namespace()  # what `brownie run` does: `from brownie import PetToken` works
    network.connect(args.network)
    try:
        print(json.dumps(measure_market_gas(), indent=2))
    finally:
        network.disconnect()
    del brownie
    return 0


if __name__ == "__main__":
    sys.exit(main())
