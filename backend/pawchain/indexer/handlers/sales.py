"""The `sales` table: one row per completed trade, key the event's place on the chain.

A fact table written through the projection machinery: each sale event creates its own row
(key: block, transaction, log index), so after a reorganisation the key of an orphaned sale
has no event left and `rederive` deletes its row, with no code of its own.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import ColumnElement

from pawchain.indexer.events import ChainEvent
from pawchain.indexer.handlers.table import TableProjection
from pawchain.store import Activity, Sale

Position = tuple[int, str, int]  # block number, transaction hash, log index

# (contract, event) -> (venue, currency, the pet argument)
SALE_EVENTS: dict[tuple[str, str], tuple[str, str, str]] = {
    ("ClockAuctionHouse", "AuctionWon"): ("auction", "ETH", "petId"),
    ("ClockAuctionHouse", "SiringAuctionWon"): ("siring_auction", "ETH", "sireId"),
    ("OrderBook", "ListingFilled"): ("listing", "ETH", "petId"),
    ("OrderBook", "OfferAccepted"): ("offer", "WETH", "petId"),
}


@dataclass
class SaleState:
    """A sale as the `sales` row holds it (the key apart)."""

    tx_index: int
    block_time: int
    pet_id: int
    matron_id: int | None
    seller: str
    buyer: str
    price: int
    currency: str
    venue: str
    order_hash: str | None


class SaleProjection(TableProjection[Position, SaleState]):
    """The `sales` table."""

    model = Sale
    events = frozenset(SALE_EVENTS)

    def keys(self, event: ChainEvent) -> tuple[Position, ...]:
        return (event.position,) if (event.contract, event.event) in SALE_EVENTS else ()

    def creates(self, event: ChainEvent, key: Position) -> bool:
        return True  # each sale its own row

    def apply(self, state: SaleState | None, key: Position, event: ChainEvent) -> SaleState | None:
        venue, currency, pet = SALE_EVENTS[(event.contract, event.event)]
        args = event.args
        # The auction events name the buyer `winner`, the order book's `buyer`.
        return SaleState(
            tx_index=event.tx_index,
            block_time=event.block_time,
            pet_id=int(args[pet]),
            matron_id=args.get("matronId"),
            seller=args["seller"],
            buyer=args.get("buyer") or args["winner"],
            price=args["price"],
            currency=currency,
            venue=venue,
            order_hash=args.get("orderHash"),
        )

    def history_filter(self, keys: Collection[Position]) -> ColumnElement[bool]:
        return Activity.block_number.in_(sorted({block for block, _, _ in keys}))
