"""Forward requests the relay refuses although their inner call would succeed now: ones the
block that mines them, or another player's request, can make revert at a player's choice.

The relay simulates the inner call on the latest block; the block that mines it comes later,
after other transactions. A request that reverts then costs the relay its gas and the player
nothing, and fresh accounts cost nothing either, so the per-player budget does not bound it:
- a purchase (`bid`, `bidOnSiringAuction`, `fillListing`): it pays ether, which the relay never
  sends, so only a free one could be relayed, and each is a race: of many fresh accounts buying
  one 0-wei listing or auction at once, all but the first revert; and a clock auction's price
  moves with each block's time (a bid on a rising auction from 0 wei passes, then reverts
  MarketBidTooLow, ~70,000 gas). Purchases are wallet transactions (the web app sends them so);
- `sealBirthSeed(matron)`: it reverts once the matron has given birth, which anyone may do;
  `sealBirthSeeds([...])` skips instead, so a seal that races a birth costs nothing;
- an offer accepted although it expires before the request can be mined: its expiry is signed
  by a player too (MarketOrderExpired, ~72,000 gas). Like the request's own
  deadline (pawchain.relay.forward), it must be at least MIN_DEADLINE_SECONDS ahead.
(A forwarded giveBirth must come from the matron's owner, for the same reason: ForwardRelay.)
No other trusted target has these selectors, so the target's address need not be known.
"""

from __future__ import annotations

from eth_utils import function_signature_to_4byte_selector

from pawchain.relay.calldata import InnerCall
from pawchain.relay.errors import ForwardRequestRejected

# A request (and an order it fills) must stay valid this long after the check: one whose time
# runs out before it is mined reverts on the relay's gas, and a player chose that time. Two
# minutes cover blocks, a busy pool and the tracker's first replacement (30 s); the web app
# signs requests for an hour.
MIN_DEADLINE_SECONDS = 120

WALLET_ONLY = {  # selector: why the relay does not send it
    function_signature_to_4byte_selector(signature): why
    for signature, why in (
        ("bid(uint256,uint256)", "a bid pays ether"),
        ("bidOnSiringAuction(uint256,uint256,uint256,bool)", "a bid pays ether"),
        (
            "fillListing((address,uint256,uint256,uint256,uint256,uint16),bytes)",
            "a fill pays ether",
        ),
        ("sealBirthSeed(uint256)", "a seal that a birth overtakes reverts: use sealBirthSeeds"),
    )
}


def refuse_unrelayable(data: bytes, call: InnerCall | None, to: str, now: int) -> None:
    """Raise ForwardRequestRejected if the inner call `data` (to `to`; `call`: decoded, None if
    it did not decode) is one the relay does not send (see above); `now`: the latest block's
    time."""
    why = WALLET_ONLY.get(data[:4])
    if why is not None:
        raise ForwardRequestRejected(
            "forward_request_wallet_only",
            f"{why}, and a relayed one could revert on the relay's gas: send it from your wallet",
            {"to": to, "why": why},
        )
    if call is None or call.name != "acceptOffer":
        return  # nothing else to judge, or malformed arguments: the simulation says why
    expiry = call.args["offer"]["expiry"]
    if expiry < now + MIN_DEADLINE_SECONDS:
        raise ForwardRequestRejected(
            "forward_request_order_expiring",
            f"the offer expires in less than {MIN_DEADLINE_SECONDS} s, before the relay can be "
            "sure to get it mined: accept it from your wallet, or ask for a new one",
            {"expiry": str(expiry), "now": now, "earliest_expiry": now + MIN_DEADLINE_SECONDS},
        )
