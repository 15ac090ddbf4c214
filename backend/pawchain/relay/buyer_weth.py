"""What the order book can take from an offer's buyer: its funds for offers in the book
(offerFundsOf) and the least of its WETH balance and allowance to the book, read in the check's
JSON-RPC batch (pawchain.relay.forward) so that the acceptances in flight can be counted against
them (pawchain.relay.claims_held)."""

from __future__ import annotations

from typing import Any

from eth_abi.exceptions import DecodingError
from eth_utils import to_checksum_address

from pawchain.chain.abi_function import abi_function
from pawchain.chain.json_rpc import RpcCall
from pawchain.relay.claims import Payment, WethFunds
from pawchain.relay.node import Node, NodeError, Reverted, call_result

_BOOK_WETH = abi_function("OrderBook", "weth")
_OFFER_FUNDS_OF = abi_function("OrderBook", "offerFundsOf")
_BALANCE_OF = abi_function("WrappedEther", "balanceOf")
_ALLOWANCE = abi_function("WrappedEther", "allowance")


class BuyerWeth:
    """Reads a buyer's WETH for an order book; each book's WETH is asked once (immutable)."""

    def __init__(self, node: Node) -> None:
        self.node = node
        self._weth_of: dict[str, str | None] = {}  # book -> its WETH (None: the book has none)

    def reads(self, book: str, payment: Payment | None) -> list[RpcCall]:
        """The eth_calls of the buyer's funds for offers in `book`, balance and allowance to it (none
        without a payment, or if `book` names no WETH: then the simulation judges the call
        alone)."""
        book = to_checksum_address(book)
        weth = None if payment is None else self._weth(book)
        if payment is None or weth is None:
            return []
        return [
            ("eth_call", [_OFFER_FUNDS_OF.call(book, payment.buyer), "latest"]),
            ("eth_call", [_BALANCE_OF.call(weth, payment.buyer), "latest"]),
            ("eth_call", [_ALLOWANCE.call(weth, payment.buyer, book), "latest"]),
        ]

    def funds(self, answers: list[Any]) -> WethFunds | None:
        """The buyer's funds for offers and wallet (the least of balance and allowance) in `answers`
        (of `reads`); None if not read."""
        if len(answers) != 3:
            return None
        credit, balance, allowance = answers
        try:
            token_credit = _OFFER_FUNDS_OF.result(call_result(credit))
            wallet = min(int(call_result(answer), 16) for answer in (balance, allowance))
        except (Reverted, NodeError, ValueError, DecodingError):
            return WethFunds(0, 0)  # unreadable: nothing counts as covered beyond the simulation
        return WethFunds(int(token_credit), wallet)

    def _weth(self, book: str) -> str | None:
        if book not in self._weth_of:
            try:
                answer = self.node.call(_BOOK_WETH.call(book))
                self._weth_of[book] = to_checksum_address("0x" + answer[-40:])
            except (Reverted, NodeError, ValueError):
                return None  # not an order book (asked again next time: it may be a node hiccup)
        return self._weth_of[book]
