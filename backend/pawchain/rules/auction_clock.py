"""The clock auction's price: the Python twin of ClockAuctionHouse._priceOf.

The price moves in a straight line from the start price to the end price over the
duration (up or down), then holds at the end price. Integer arithmetic rounded toward the
start price exactly as the contract's (`(difference * elapsed) / duration`, floor), so the
API quotes the wei a bid needs at that second. A test compares it with `currentPrice`.
The SQL form of the same formula (for sorting and filtering by price) is in
pawchain.queries.auction_price.
"""

from __future__ import annotations


def current_price(
    start_price: int, end_price: int, started_at: int, duration: int, now: int
) -> int:
    """The price, in wei, of an auction with these terms at unix second `now`."""
    elapsed = max(now - started_at, 0)  # the contract never sees a time before its start
    if elapsed >= duration:
        return end_price
    if end_price >= start_price:
        return start_price + (end_price - start_price) * elapsed // duration
    return start_price - (start_price - end_price) * elapsed // duration
