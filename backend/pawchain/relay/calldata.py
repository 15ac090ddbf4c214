"""A forward request's inner call, decoded once for every check that reads its arguments.

The checks of `ForwardRelay.check` that look inside the call (pawchain.relay.unrelayable: an
offer's expiry; pawchain.relay.claims: the pets and WETH it consumes; the birth refusal: the
matron) share one `InnerCall`, decoded by selector with eth_abi from the game's contracts that
trust the forwarder (PetToken, the auction house, the order book). Only those get past the
check's trust question, and their selectors do not collide (but for `withdraw(address)`,
which both markets have: it decodes as the order book's, whichever it goes to).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eth_abi.exceptions import DecodingError

from pawchain.chain.abi_function import AbiFunction, abi_functions

# The calls whose arguments a check reads, by contract.
DECODED: dict[str, set[str]] = {
    "PetToken": {
        "approve",
        "approveSiring",
        "breedWith",
        "giveBirth",
        "safeTransferFrom",
        "transferFrom",
        "setApprovalForAll",
    },
    "ClockAuctionHouse": {"createSaleAuction", "createSiringAuction", "cancelAuction"},
    "OrderBook": {"acceptOffer", "cancelOrder", "cancelAllOrders", "withdraw"},
}
_BY_SELECTOR: dict[bytes, AbiFunction] = {
    function.selector: function
    for contract, names in DECODED.items()
    for function in abi_functions(contract, names)
}


@dataclass(frozen=True)
class InnerCall:
    """A decoded inner call: the contract and function it names, its arguments by name (a
    struct as a dict of its fields)."""

    contract: str
    name: str
    args: dict[str, Any]


def decode_inner(data: bytes) -> InnerCall | None:
    """The inner call `data` decoded; None for a call no check reads, or arguments that do not
    decode (the simulation then says why the call fails)."""
    function = _BY_SELECTOR.get(data[:4])
    if function is None:
        return None
    try:
        return InnerCall(function.contract, function.name, function.arguments(data))
    except (DecodingError, ValueError, TypeError):
        return None
