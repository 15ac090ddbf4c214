"""The kinds of clock auction (IClockAuctionHouse.AuctionKind) by the one name every API uses:
the market's `kind=` filter, its auctions' `kind`, and the live stream's `auction_created`."""

from __future__ import annotations

AUCTION_KIND_NAMES = {1: "sale", 2: "siring", 3: "gen0"}  # 0 is a closed auction's
AUCTION_KINDS = {name: number for number, name in AUCTION_KIND_NAMES.items()}
