"""The stream's events: which activity rows players are told about, and what each one says.

Each event is one activity row (one contract event), numbered by its `event_id` (the order
the indexer committed it). The `data:` payload is JSON a browser uses as it is: the pet,
the parties (lower-case addresses), the price in wei as a string (wei overflow JSON's
doubles), the block, its time and the transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from pawchain.chain.auction_kinds import AUCTION_KIND_NAMES
from pawchain.store import Activity, SignedOrder

ZERO_ADDRESS = "0x" + "00" * 20

# A signed order (made off chain, in the order book) by its kind -> the stream's type.
ORDER_TYPES = {"listing": "listed", "offer": "offer_made"}
# (contract, event) -> the stream's type. An auction ends with `sold` when a sale or
# generation-0 auction is won, and `auction_ended` when it is cancelled or a siring auction
# is won (the sire goes back to its owner).
EVENT_TYPES: dict[tuple[str, str], str] = {
    ("PetToken", "Transfer"): "transferred",
    ("PetToken", "Birth"): "born",
    ("PetToken", "Pregnant"): "pregnant",
    ("ClockAuctionHouse", "AuctionCreated"): "auction_created",
    ("ClockAuctionHouse", "AuctionWon"): "sold",
    ("ClockAuctionHouse", "SiringAuctionWon"): "auction_ended",
    ("ClockAuctionHouse", "AuctionCancelled"): "auction_ended",
    ("OrderBook", "ListingFilled"): "sold",
    ("OrderBook", "OfferAccepted"): "offer_accepted",
}
STREAMED_EVENTS = frozenset(event for _, event in EVENT_TYPES)
TYPE_NAMES = frozenset(EVENT_TYPES.values()) | frozenset(ORDER_TYPES.values())

# The parties of each event, by argument name (the stream's field name -> the event's).
PARTY_ARGS = {
    "Transfer": {"from": "from", "to": "to"},
    "AuctionCreated": {"seller": "seller"},
    "AuctionWon": {"seller": "seller", "buyer": "winner"},
    "SiringAuctionWon": {"seller": "seller", "buyer": "winner"},
    "AuctionCancelled": {"seller": "seller"},
    "ListingFilled": {"seller": "seller", "buyer": "buyer"},
    "OfferAccepted": {"seller": "seller", "buyer": "buyer"},
}
OUTCOMES = {"SiringAuctionWon": "sired", "AuctionCancelled": "cancelled"}
VENUES = {"AuctionWon": "auction", "ListingFilled": "listing", "OfferAccepted": "offer"}


@dataclass(frozen=True)
class StreamEvent:
    """One event as the stream sends it, with what its filters look at."""

    id: int
    type: str
    pets: frozenset[int]
    parties: frozenset[str]
    data: dict[str, Any]
    # The SSE wire format (id, event name, one data line of JSON), encoded once for every
    # subscriber it goes to.
    message: bytes = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        body = json.dumps(self.data, separators=(",", ":"))
        object.__setattr__(
            self, "message", f"id: {self.id}\nevent: {self.type}\ndata: {body}\n\n".encode()
        )

    @classmethod
    def from_order(cls, order: SignedOrder) -> StreamEvent:
        """`listed` or `offer_made`: a signed order the order book accepted (not on chain
        until filled, so no block; `time` is when the server accepted it)."""
        assert order.event_id is not None  # the feed reads numbered orders only
        party = "seller" if order.kind == "listing" else "buyer"
        data = {
            "id": order.event_id,
            "type": ORDER_TYPES[order.kind],
            "event": order.kind.capitalize(),
            "pet_id": order.pet_id,
            party: order.signer.lower(),
            "price_wei": str(order.price),
            "expiry": order.expiry,
            "order_hash": order.hash,
            "block": None,
            "time": order.created_at,
        }
        return cls(
            id=order.event_id,
            type=ORDER_TYPES[order.kind],
            pets=frozenset({order.pet_id}),
            parties=frozenset({order.signer.lower()}),
            data=data,
        )

    @classmethod
    def from_row(cls, row: Activity) -> StreamEvent | None:
        """The stream's event for `row`, or None for an event the stream does not carry."""
        kind = EVENT_TYPES.get((row.contract, row.event))
        if kind is None:
            return None
        args = row.args
        parties = {
            field: str(args[name]).lower()
            for field, name in PARTY_ARGS.get(row.event, {}).items()
            if name in args
        }
        data: dict[str, Any] = {
            "id": row.event_id,
            "type": kind,
            "event": row.event,
            "pet_id": row.pet_id,
            **parties,
            "block": row.block_number,
            "block_time": row.block_time,
            "time": row.block_time,
            "tx_hash": row.tx_hash,
        }
        if row.other_pet_id is not None:
            data["other_pet_id"] = row.other_pet_id
        if "price" in args:
            data["price_wei"] = str(args["price"])
        if row.event in VENUES:
            data["venue"] = VENUES[row.event]
        if row.event in OUTCOMES:
            data["outcome"] = OUTCOMES[row.event]
        if row.event == "AuctionCreated":
            data.update(
                kind=AUCTION_KIND_NAMES.get(int(args["kind"]), str(args["kind"])),
                start_price_wei=str(args["startPrice"]),
                end_price_wei=str(args["endPrice"]),
                duration=int(args["duration"]),
            )
        if row.event == "Birth":
            data.update(
                matron_id=int(args["matronId"]) or None,
                sire_id=int(args["sireId"]) or None,
                generation=int(args["generation"]),
            )
        if row.event == "Pregnant":  # the app's "birth ready" notice is timed by `due_time`
            data.update(sire_id=int(args["sireId"]), due_time=int(args["dueAt"]))
        pets = {pet for pet in (row.pet_id, row.other_pet_id) if pet is not None}
        return cls(
            id=row.event_id,
            type=kind,
            pets=frozenset(pets),
            parties=frozenset(parties.values()) - {ZERO_ADDRESS},
            data=data,
        )


@dataclass(frozen=True)
class StreamFilter:
    """What a subscriber asked for: every condition given must hold (None: any)."""

    pet: int | None = None
    owner: str | None = None  # lower-case: the event's parties include it
    types: frozenset[str] | None = None

    def matches(self, event: StreamEvent) -> bool:
        return (
            (self.pet is None or self.pet in event.pets)
            and (self.owner is None or self.owner in event.parties)
            and (self.types is None or event.type in self.types)
        )
