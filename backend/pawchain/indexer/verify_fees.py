"""The tamper check of `market_fees`: its row against the order book's `cutBps()` and the
pets' royalty rate (`royaltyInfo(0, 10000)`: one rate for the whole collection) at the
checkpoint block. A tampered rate would show listings as live whose fill reverts, or hide
fillable ones (`fees_above_limit`, queries/orders.py)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pawchain.chain import ChainReader
from pawchain.indexer.verify_rows import RowMismatch
from pawchain.store import MARKET_FEES_ROW, MarketFees

TABLE = MarketFees.__tablename__


def verify_fees(reader: ChainReader, session: Session, block: int) -> list[RowMismatch]:
    """The fields of the fees row (None for every field if it is missing) that the chain
    disagrees with at `block`."""
    chain = {
        "cut_bps": int(reader.call("OrderBook", "cutBps", [], block)),
        "royalty_bps": int(reader.call("PetToken", "royaltyInfo", [0, 10_000], block)[1]),
    }
    row = session.get(MarketFees, MARKET_FEES_ROW)
    return [
        RowMismatch(TABLE, str(MARKET_FEES_ROW), name, getattr(row, name, None), value)
        for name, value in chain.items()
        if getattr(row, name, None) != value
    ]
