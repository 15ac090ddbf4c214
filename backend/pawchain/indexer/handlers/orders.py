"""The on-chain state of signed orders: `closed_orders` (key order hash and signer) and
`order_counters` (key signer).

An order lives off chain until it is filled (ListingFilled, OfferAccepted) or its signer
cancels it (OrderCancelled) or every order it signed so far (AllOrdersCancelled, which
raises the counter new orders must name). The off-chain order book checks an order against
these two tables (and the pet's nonce in `pets`) before showing it.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import ColumnElement

from pawchain.indexer.events import ChainEvent
from pawchain.indexer.handlers.table import TableProjection
from pawchain.store import Activity, ClosedOrder, OrderCounter

CONTRACT = "OrderBook"
FILL_EVENTS = {
    "ListingFilled": "seller",
    "OfferAccepted": "buyer",
}  # event -> its signer's argument


@dataclass
class ClosedOrderState:
    filled_block: int | None = None
    cancelled_block: int | None = None


class ClosedOrderProjection(TableProjection[tuple[str, str], ClosedOrderState]):
    """The `closed_orders` table, keyed by (order hash, signer): the contract keeps a cancel
    under its caller, and anyone may cancel any hash, so a stranger's cancel of my order's
    hash is a row of its own that kills nothing of mine (with the hash alone as the key, it
    would have taken the row, and my own cancel after it would have been lost)."""

    model = ClosedOrder
    events = frozenset((CONTRACT, event) for event in (*FILL_EVENTS, "OrderCancelled"))

    def keys(self, event: ChainEvent) -> tuple[tuple[str, str], ...]:
        if (event.contract, event.event) not in self.events:
            return ()
        signer = (
            event.args["signer"]
            if event.event == "OrderCancelled"
            else event.args[FILL_EVENTS[event.event]]
        )
        return ((event.args["orderHash"], signer),)

    def apply(
        self, state: ClosedOrderState | None, key: tuple[str, str], event: ChainEvent
    ) -> ClosedOrderState | None:
        state = state or ClosedOrderState()
        if event.event == "OrderCancelled":
            state.cancelled_block = state.cancelled_block or event.block_number
        else:
            state.filled_block = event.block_number
        return state

    def history_filter(self, keys: Collection[tuple[str, str]]) -> ColumnElement[bool]:
        # The hash is in the arguments (JSON), which SQL cannot index portably; the signer's
        # events would do, but a key is only a hash. Orders close rarely, so read them all.
        return Activity.contract == CONTRACT


@dataclass
class OrderCounterState:
    counter: int
    updated_block: int


class OrderCounterProjection(TableProjection[str, OrderCounterState]):
    """The `order_counters` table."""

    model = OrderCounter
    events = frozenset({(CONTRACT, "AllOrdersCancelled")})

    def keys(self, event: ChainEvent) -> tuple[str, ...]:
        return (event.args["signer"],) if (event.contract, event.event) in self.events else ()

    def apply(
        self, state: OrderCounterState | None, key: str, event: ChainEvent
    ) -> OrderCounterState | None:
        return OrderCounterState(counter=event.args["counter"], updated_block=event.block_number)

    def history_filter(self, keys: Collection[str]) -> ColumnElement[bool]:
        return Activity.contract == CONTRACT
