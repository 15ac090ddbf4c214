"""The market's handler module: ClockAuctionHouse's and OrderBook's events, and the tables
folded from them (auctions.py, sales.py, orders.py; fees.py also folds PetToken's royalty)."""

from __future__ import annotations

from pawchain.indexer.handlers.auctions import AuctionProjection
from pawchain.indexer.handlers.base import EventSpec, HandlerModule
from pawchain.indexer.handlers.fees import MarketFeesProjection
from pawchain.indexer.handlers.orders import ClosedOrderProjection, OrderCounterProjection
from pawchain.indexer.handlers.sales import SaleProjection

AUCTIONS = "ClockAuctionHouse"
ORDERS = "OrderBook"

# The events that concern a pet, so they show in its history. The rest (withdrawals, the
# cut, pauses, cancellations of orders) are stored in the activity log too, about no pet.
EVENTS = (
    EventSpec(AUCTIONS, "AuctionCreated", pet="petId"),
    EventSpec(AUCTIONS, "AuctionWon", pet="petId"),
    EventSpec(AUCTIONS, "SiringAuctionWon", pet="sireId", other_pet="matronId"),
    EventSpec(AUCTIONS, "AuctionCancelled", pet="petId"),
    EventSpec(ORDERS, "ListingFilled", pet="petId"),
    EventSpec(ORDERS, "OfferAccepted", pet="petId"),
)

MODULE = HandlerModule(
    events=EVENTS,
    projections=(
        AuctionProjection(),
        SaleProjection(),
        ClosedOrderProjection(),
        OrderCounterProjection(),
        MarketFeesProjection(),
    ),
)
