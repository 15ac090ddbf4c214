"""What the relay is asked to send (`Call`), and what the node said just before (`Readings`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eth_utils import to_checksum_address

from pawchain.relay.claims import Claim


@dataclass(frozen=True)
class Call:
    """A transaction the relay is asked to send from its own account."""

    to: str
    data: bytes
    idempotency_key: str
    value: int = 0
    sponsored: str | None = None  # the player whose daily budget pays; None: the game pays
    kind: str = "call"
    # A known bound (a forward request's signed gas plus the forwarder's work): simulated with
    # eth_call, no estimate. Ganache's eth_estimateGas runs the call many times (a binary
    # search) and took seconds under 4 concurrent requests; eth_call takes ~20 ms.
    gas_limit: int | None = None
    # A forward request's forwarder nonce: one request in flight per nonce of a player
    # (pawchain.relay.forward_nonce). None for the relay's own calls.
    forward_nonce: int | None = None

    def __post_init__(self) -> None:
        # Addresses in any case are accepted; stored and signed checksummed.
        object.__setattr__(self, "to", to_checksum_address(self.to))
        if self.sponsored is not None:
            object.__setattr__(self, "sponsored", to_checksum_address(self.sponsored))

    def as_rpc(self, sender: str) -> dict[str, str]:
        return {
            "from": sender,
            "to": self.to,
            "data": "0x" + self.data.hex(),
            "value": hex(self.value),
        }


@dataclass(frozen=True)
class Readings:
    """What the node said moments before a request was accepted, read in one JSON-RPC batch with
    the request's checks (pawchain.relay.forward): the latest block (fees), the relay account's
    balance, the answer to the call's own simulation (None: not read), and what the request
    will consume per those answers (pawchain.relay.claims: held while it is in flight)."""

    latest_block: dict[str, Any]
    balance: int
    simulation: Any = None
    claims: tuple[Claim, ...] = ()
