"""The on-chain state of signed orders: `closed_orders` (key order hash) and
`order_counters` (key signer).

An order lives off chain until it is filled (ListingFilled, OfferAccepted) or its signer
cancels it (OrderCancelled) or every order it signed so far (AllOrdersCancelled, which
raises the counter new orders must name). The off-chain order book checks an order against
these two tables (and the pet's transfer nonce in `pets`) before showing it.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import ColumnElement

from pawchain.indexer.events import ChainEvent
from pawchain.indexer.handlers.table import TableProjection
from pawchain.store import Activity, ClosedOrder, OrderCounter

CONTRACT = "OrderBook"
FILL_EVENTS = {"ListingFilled": "seller", "OfferAccepted": "buyer"}  # event -> its signer's argument


@dataclass
class ClosedOrderState:
    signer: str
    filled_block: int | None = None
    cancelled_block: int | None = None


class ClosedOrderProjection(TableProjection[str, ClosedOrderState]):
    """The `closed_orders` table."""

    model = ClosedOrder
    state_type = ClosedOrderState
    key_columns = ("order_hash",)
    events = frozenset((CONTRACT, event) for event in (*FILL_EVENTS, "OrderCancelled"))

    def keys(self, event: ChainEvent) -> tuple[str, ...]:
        return (event.args["orderHash"],) if (event.contract, event.event) in self.events else ()

    def apply(self, state: ClosedOrderState | None, key: str, event: ChainEvent) -> ClosedOrderState | None:
        if event.event == "OrderCancelled":
            state = state or ClosedOrderState(signer=event.args["signer"])
            state.cancelled_block = state.cancelled_block or event.block_number
        else:
            state = state or ClosedOrderState(signer=event.args[FILL_EVENTS[event.event]])
            state.filled_block = event.block_number
        return state

    def history_filter(self, keys: Collection[str]) -> ColumnElement[bool]:
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
    state_type = OrderCounterState
    key_columns = ("signer",)
    events = frozenset({(CONTRACT, "AllOrdersCancelled")})

    def keys(self, event: ChainEvent) -> tuple[str, ...]:
        return (event.args["signer"],) if (event.contract, event.event) in self.events else ()

    def apply(self, state: OrderCounterState | None, key: str, event: ChainEvent) -> OrderCounterState | None:
        return OrderCounterState(counter=event.args["counter"], updated_block=event.block_number)

    def history_filter(self, keys: Collection[str]) -> ColumnElement[bool]:
        return Activity.contract == CONTRACT
