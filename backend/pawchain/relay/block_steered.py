"""Forward requests whose inner call the block that mines it can undo, at the player's choice.

The relay simulates the inner call on the latest block; the block that mines it comes later.
Most of the game's calls only become possible with time (cooldowns end, births fall due), but
some a player can time to succeed now and revert in the next block, on the relay's gas:
- a bid on a clock auction: its price moves with each block's time, and the relay sends no
  ether, so a bid on a rising auction from 0 wei passes and then reverts (MarketBidTooLow; a
  seller's own auction and fresh bidding accounts cost the relay ~70,000 gas per bid). A bid
  pays ether, so it is a wallet transaction (the web app sends it so);
- an order (a listing filled, an offer accepted) that expires before the request can be mined:
  its expiry is signed by a player too (MarketOrderExpired, ~50,000 gas). Like the request's
  own deadline (pawchain.relay.forward), it must be at least MIN_DEADLINE_SECONDS ahead.
No other trusted target has these selectors, so the target's address need not be known.
"""

from __future__ import annotations

from eth_utils import function_signature_to_4byte_selector
from web3 import Web3

from pawchain.chain import load_abi
from pawchain.relay.errors import ForwardRequestRejected

# A request (and an order it fills) must stay valid this long after the check: one whose time
# runs out before it is mined reverts on the relay's gas, and a player chose that time. Two
# minutes cover blocks, a busy pool and the tracker's first replacement (30 s); the web app
# signs requests for an hour.
MIN_DEADLINE_SECONDS = 120

AUCTION_BID_SELECTORS = frozenset(
    function_signature_to_4byte_selector(signature)
    for signature in ("bid(uint256,uint256)", "bidOnSiringAuction(uint256,uint256,uint256,bool)")
)
_ORDERS = Web3().eth.contract(abi=load_abi("OrderBook"))  # decodes calldata; no node
_ORDER_FILLS = {  # selector: the order's argument
    function_signature_to_4byte_selector(signature): argument
    for signature, argument in (
        ("fillListing((address,uint256,uint256,uint256,uint256,uint16),bytes)", "listing"),
        ("acceptOffer((address,uint256,uint256,uint256,uint256),bytes,uint16)", "offer"),
    )
}


def refuse_block_steered(data: bytes, to: str, now: int) -> None:
    """Raise ForwardRequestRejected if the inner call `data` (to `to`) is one the next block can
    undo at its player's choice; `now`: the latest block's time."""
    if data[:4] in AUCTION_BID_SELECTORS:
        raise ForwardRequestRejected(
            "forward_request_auction_bid",
            "a clock auction's price moves with every block, and the relay sends no ether: "
            "bid from your wallet",
            {"to": to},
        )
    argument = _ORDER_FILLS.get(data[:4])
    if argument is None:
        return
    try:
        _, args = _ORDERS.decode_function_input(data)
    except ValueError:
        return  # malformed arguments: the simulation says why
    expiry = args[argument]["expiry"]
    if expiry < now + MIN_DEADLINE_SECONDS:
        raise ForwardRequestRejected(
            "forward_request_order_expiring",
            f"the order expires in less than {MIN_DEADLINE_SECONDS} s, before the relay can be "
            "sure to get it mined: fill it from your wallet, or ask for a new one",
            {"expiry": str(expiry), "now": now, "earliest_expiry": now + MIN_DEADLINE_SECONDS},
        )
