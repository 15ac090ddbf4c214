"""Market moves on a test game (pet_game.PetGame): clock auctions (sale and siring), bids,
cancels, EIP-712 listings filled and WETH offers accepted, order cancels and cancel-all.

Orders are signed with eth_account from the development mnemonic's keys (the accounts
Ganache unlocks), over the domain and types OrderBook.sol declares.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eth_account import Account
from eth_account.messages import encode_typed_data

from pawchain.chain.typed_data import ORDER_TYPES, order_typed_data
from pawchain.devchain import MNEMONIC
from tests.support.pet_game import PetGame

Account.enable_unaudited_hdwallet_features()

SALE, SIRING = 1, 2  # IClockAuctionHouse.AuctionKind
# The sellers' fee limit (bps) in these moves: the highest cut plus the highest royalty, so
# no fee the admin may set makes them fail.
MAX_FEE_BPS = 2_000


@dataclass(frozen=True)
class SignedOrder:
    """An order as OrderBook's functions take it: (signer, petId, price, petNonce, expiry),
    and a listing's maxFeeBps last."""

    order: tuple[Any, ...]
    signature: bytes
    counter: int = 0  # the signer's order counter it was signed under (not in the tuple: the contract supplies it)
    max_fee_bps: int | None = None  # a listing's signed fee limit


def approve_market(game: PetGame, owner: str, market: str) -> None:
    if not game.pets.functions.isApprovedForAll(owner, market).call():
        game.send(game.pets.functions.setApprovalForAll(market, True), owner)


def private_key(game: PetGame, address: str) -> bytes:
    index = game.web3.eth.accounts.index(address)
    return Account.from_mnemonic(MNEMONIC, account_path=f"m/44'/60'/0'/0/{index}").key


def create_auction(
    game: PetGame, pet: int, start: int, end: int, duration: int, kind: int = SALE
) -> None:
    """Put `pet` in a sale (or siring) auction by its owner."""
    owner = game.pets.functions.ownerOf(pet).call()
    approve_market(game, owner, game.auctions.address)
    create = (
        game.auctions.functions.createSaleAuction
        if kind == SALE
        else game.auctions.functions.createSiringAuction
    )
    game.send(create(pet, start, end, duration), owner)


def bid(game: PetGame, pet: int, bidder: str) -> None:
    """Win the sale auction of `pet`, paying a little more than the price (credited back)."""
    price = game.auctions.functions.currentPrice(pet).call()
    auction_id = game.auctions.functions.getAuction(pet).call()[4]
    game.send(game.auctions.functions.bid(pet, auction_id), bidder, value=price + 10**9)


def bid_on_siring(game: PetGame, sire: int, matron: int) -> None:
    """Win the siring auction of `sire` for `matron`, by the matron's owner."""
    owner = game.pets.functions.ownerOf(matron).call()
    price = game.auctions.functions.currentPrice(sire).call()
    auction_id = game.auctions.functions.getAuction(sire).call()[4]
    game.send(
        game.auctions.functions.bidOnSiringAuction(sire, auction_id, matron, False),
        owner,
        value=price + 10**9,
    )


def cancel_auction(game: PetGame, pet: int) -> None:
    seller = game.auctions.functions.getAuction(pet).call()[0]
    game.send(game.auctions.functions.cancelAuction(pet), seller)


def sign_order(
    game: PetGame,
    kind: str,
    signer: str,
    pet: int,
    price: int,
    lifetime: int = 86_400,
    max_fee_bps: int = MAX_FEE_BPS,
) -> SignedOrder:
    """A Listing (signer: the pet's owner) or an Offer (signer: a buyer) of `pet` at `price`."""
    nonce = game.pets.functions.petNonce(pet).call()
    expiry = game.web3.eth.get_block("latest")["timestamp"] + lifetime
    counter = game.orders.functions.orderCounter(signer).call()
    return sign_terms(
        game, kind, signer, pet, price, nonce, expiry, counter, max_fee_bps=max_fee_bps
    )


def fees_in_force(game: PetGame) -> tuple[int, int]:
    """The order book's cut and the pets' royalty rate now, in basis points."""
    royalty = game.pets.functions.royaltyInfo(0, 10_000).call()[1]
    return game.orders.functions.cutBps().call(), royalty


def sign_terms(
    game: PetGame,
    kind: str,
    signer: str,
    pet: int,
    price: int,
    nonce: int,
    expiry: int,
    counter: int,
    key_of: str | None = None,
    chain_id: int | None = None,
    max_fee_bps: int = MAX_FEE_BPS,
) -> SignedOrder:
    """Any terms signed by the key of `key_of` (default: the signer's) over the game's order
    book domain (or another chain id): what a careless or dishonest client might send. A
    Listing also signs `max_fee_bps`."""
    signer_field = ORDER_TYPES[kind][0]["name"]
    message: dict[str, Any] = {
        signer_field: signer,
        "petId": pet,
        "price": price,
        "petNonce": nonce,
        "expiry": expiry,
        "counter": counter,
    }
    order: tuple[Any, ...] = (signer, pet, price, nonce, expiry)
    limit = None
    if kind == "Listing":
        limit = message["maxFeeBps"] = max_fee_bps
        order += (max_fee_bps,)
    typed = order_typed_data(kind, chain_id or game.web3.eth.chain_id, game.orders.address, message)
    signed = Account.sign_message(
        encode_typed_data(full_message=typed), private_key(game, key_of or signer)
    )
    return SignedOrder(order, bytes(signed.signature), counter, limit)


def order_hash(game: PetGame, kind: str, order: SignedOrder) -> bytes:
    """The order's EIP-712 digest, as the contract computes it (its cancel key)."""
    function = (
        game.orders.functions.hashListing if kind == "Listing" else game.orders.functions.hashOffer
    )
    return function(order.order).call()


def fill_listing(game: PetGame, pet: int, price: int, buyer: str) -> SignedOrder:
    """The owner of `pet` lists it at `price` and `buyer` fills the listing."""
    seller = game.pets.functions.ownerOf(pet).call()
    approve_market(game, seller, game.orders.address)
    listing = sign_order(game, "Listing", seller, pet, price)
    game.send(
        game.orders.functions.fillListing(listing.order, listing.signature), buyer, value=price
    )
    return listing


def accept_offer(game: PetGame, pet: int, price: int, buyer: str) -> SignedOrder:
    """`buyer` offers `price` WETH for `pet` (wrapping the ether first) and its owner accepts."""
    seller = game.pets.functions.ownerOf(pet).call()
    game.send(game.weth.functions.deposit(), buyer, value=price)
    game.send(game.weth.functions.approve(game.orders.address, price), buyer)
    approve_market(game, seller, game.orders.address)
    offer = sign_order(game, "Offer", buyer, pet, price)
    game.send(game.orders.functions.acceptOffer(offer.order, offer.signature, MAX_FEE_BPS), seller)
    return offer


def cancel_order(game: PetGame, kind: str, order: SignedOrder) -> None:
    game.send(game.orders.functions.cancelOrder(order_hash(game, kind, order)), order.order[0])


def cancel_all_orders(game: PetGame, signer: str) -> None:
    game.send(game.orders.functions.cancelAllOrders(), signer)


def play_market(game: PetGame) -> list[int]:
    """A stretch of market play on pets minted for it, touching every market event: sale
    auctions won and cancelled, two left open (one falling, one siring at its end price),
    a siring auction won, a listing filled, an offer accepted, an order cancelled,
    cancel-all. Returns the pets minted."""
    buyer, breeder = game.account(7), game.account(8)
    pets = [game.mint(game.account(1 + i % 3)) for i in range(6)]
    a, b, c, d, e, f = pets
    create_auction(game, a, 10**18, 10**17, 3600)
    game.advance(600)
    bid(game, a, buyer)
    create_auction(game, b, 2 * 10**17, 4 * 10**17, 7200)  # a rising price
    cancel_auction(game, b)
    create_auction(game, b, 5 * 10**17, 10**17, 86_400)  # stays open
    create_auction(
        game, c, 3 * 10**16, 10**16, 60, kind=SIRING
    )  # stays open, soon at its end price
    matron = game.mint(breeder)
    create_auction(game, f, 10**17, 10**16, 1800, kind=SIRING)
    game.advance(120)
    bid_on_siring(game, f, matron)
    fill_listing(game, d, 2 * 10**17, buyer)
    accept_offer(game, e, 3 * 10**17, breeder)
    unused = sign_order(game, "Listing", game.pets.functions.ownerOf(a).call(), a, 10**18)
    cancel_order(game, "Listing", unused)
    cancel_all_orders(game, buyer)
    return [*pets, matron]
