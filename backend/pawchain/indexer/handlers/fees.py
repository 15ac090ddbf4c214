"""The fees a sale through the order book pays now: `market_fees` (one row), folded from
OrderBook's CutChanged and PetToken's RoyaltyChanged (both emitted by their constructors too,
so the index knows the fees from the deployment on).

The order book's API judges a listing by it: a listing signed with a `maxFeeBps` below the
cut plus the royalty cannot be filled (MarketFeesAboveLimit), and shows as `fees_above_limit`
until the fees come back down (queries/orders.py). The auction house's cut is its own and
bounds no signed order, so its CutChanged is not folded here.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import ColumnElement, true

from pawchain.indexer.events import ChainEvent
from pawchain.indexer.handlers.table import TableProjection
from pawchain.store import MARKET_FEES_ROW, MarketFees

# (contract, event) -> (its argument, the state's field it sets)
FEE_EVENTS = {
    ("OrderBook", "CutChanged"): ("cutBps", "cut_bps"),
    ("PetToken", "RoyaltyChanged"): ("royaltyBps", "royalty_bps"),
}


@dataclass
class MarketFeesState:
    cut_bps: int = 0  # none announced yet: nothing is taken
    royalty_bps: int = 0
    updated_block: int = 0


class MarketFeesProjection(TableProjection[int, MarketFeesState]):
    """The `market_fees` table: one row (MARKET_FEES_ROW), the rates in force."""

    model = MarketFees
    events = frozenset(FEE_EVENTS)

    def keys(self, event: ChainEvent) -> tuple[int, ...]:
        return (MARKET_FEES_ROW,) if (event.contract, event.event) in FEE_EVENTS else ()

    def apply(
        self, state: MarketFeesState | None, key: int, event: ChainEvent
    ) -> MarketFeesState | None:
        state = state or MarketFeesState()
        argument, field = FEE_EVENTS[(event.contract, event.event)]
        setattr(state, field, int(event.args[argument]))
        state.updated_block = event.block_number
        return state

    def history_filter(self, keys: Collection[int]) -> ColumnElement[bool]:
        return true()  # one row: every fee event rebuilds it
