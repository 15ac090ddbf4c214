"""What the chain says about an order now: read at the latest block, not from the database.

The indexer may be behind, and a stale answer here would store an order the contract already
refuses (or refuse a good one), so every fact is a view call, all at one block number so they
agree with each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from requests import RequestException
from web3.contract import Contract
from web3.exceptions import ContractLogicError, Web3Exception

from pawchain.chain import ChainError, ChainReader, load_abi
from pawchain.orderbook.rejections import ChainUnavailable
from pawchain.orderbook.terms import OrderTerms

CHAIN_FAILURES = (ChainError, RequestException, Web3Exception, OSError)

T = TypeVar("T")


@dataclass(frozen=True)
class ChainFacts:
    """The chain's answers about one order's pet and signer at `block`."""

    block: int
    owner: str | None  # None: no such pet
    pet_nonce: int
    # the order book is approved for the pet (getApproved or isApprovedForAll of its owner)
    book_may_move: bool
    in_auction: bool  # the auction house holds it (escrow)
    counter: int  # the signer's orderCounter
    cancelled: bool  # isCancelled(signer, hash)
    weth_balance: int  # the signer's (offers; 0 for listings: not read)
    weth_allowance: int  # the signer's allowance to the order book (offers)
    weth_credit: int  # the WETH credit that pays the signer's offers (offerFundsOf; offers)
    fee_bps: int  # the fees a sale pays now: the book's cutBps + the pets' royalty, in basis points


class OrderBookChain:
    """Reads the facts of orders through the deployed contracts (a ChainReader's)."""

    def __init__(self, reader: ChainReader) -> None:
        self.reader = reader
        self._chain_id: int | None = None
        self._weth: Contract | None = None

    @property
    def order_book(self) -> str:
        return self.reader.contract("OrderBook").address

    def chain_id(self) -> int:
        """The chain's id (asked once: it names the chain the record was deployed on)."""
        if self._chain_id is None:
            self._chain_id = self._guarded(self.reader.chain_id)
        return self._chain_id

    def facts(self, terms: OrderTerms, order_hash: bytes) -> ChainFacts:
        """Every fact the order's checks need, at the newest block. ChainUnavailable if the node
        fails."""
        return self._guarded(lambda: self._read(terms, order_hash))

    def _read(self, terms: OrderTerms, order_hash: bytes) -> ChainFacts:
        block = self.reader.head()
        pets, book = "PetToken", self.order_book

        def call(contract: str, function: str, *args: object) -> Any:  # the ABI decides the type
            return self.reader.call(contract, function, list(args), block)

        try:
            owner = str(call(pets, "ownerOf", terms.pet_id))
        except ContractLogicError:  # ERC721NonexistentToken
            owner = None
        nonce, may_move, weth_balance, weth_allowance, weth_credit = 0, False, 0, 0, 0
        if owner is not None:
            nonce = int(call(pets, "petNonce", terms.pet_id))
            may_move = call(pets, "getApproved", terms.pet_id) == book or bool(
                call(pets, "isApprovedForAll", owner, book)
            )
        if terms.kind == "offer":
            weth = self._weth_contract(block)
            weth_balance = int(weth.functions.balanceOf(terms.signer).call(block_identifier=block))
            weth_allowance = int(
                weth.functions.allowance(terms.signer, book).call(block_identifier=block)
            )
            weth_credit = call("OrderBook", "offerFundsOf", terms.signer)
        # One collection-wide rate (PetToken): the royalty on a 10,000 wei sale is the rate in bps.
        _, royalty_bps = call(pets, "royaltyInfo", 0, 10_000)
        fee_bps = int(call("OrderBook", "cutBps")) + int(royalty_bps)
        house = self.reader.contracts.get("ClockAuctionHouse")
        return ChainFacts(
            block=block,
            owner=owner,
            pet_nonce=nonce,
            book_may_move=may_move,
            in_auction=house is not None and owner == house.address,
            counter=int(call("OrderBook", "orderCounter", terms.signer)),
            cancelled=bool(call("OrderBook", "isCancelled", terms.signer, order_hash)),
            weth_balance=weth_balance,
            weth_allowance=weth_allowance,
            weth_credit=int(weth_credit),
            fee_bps=fee_bps,
        )

    def _weth_contract(self, block: int) -> Contract:
        """The WETH offers are paid in: the one the order book names (asked once)."""
        if self._weth is None:
            address = self.reader.call("OrderBook", "weth", [], block)
            self._weth = self.reader.web3.eth.contract(
                address=address, abi=load_abi("WrappedEther")
            )
        return self._weth

    @staticmethod
    def _guarded(read: Callable[[], T]) -> T:
        try:
            return read()
        except CHAIN_FAILURES as exc:
            raise ChainUnavailable(str(exc)) from exc
