"""The market's tables, folded from ClockAuctionHouse's and OrderBook's events.

- `auctions` (projection, key pet): the OPEN auctions. A won or cancelled auction's row is
  deleted; its story stays in `activity` and `sales`. The current price is not stored: it
  moves every second, so queries compute it from the terms and the request's time.
- `sales` (facts, key: the event's place on the chain): one row per completed trade.
- `closed_orders` (projection, key order hash and signer) and `order_counters` (projection, key signer):
  the on-chain side of the off-chain order book. Signed orders never reach the chain until
  they are filled or cancelled, so this is all the chain can say about them.
- `market_fees` (projection, one row): the fees a sale through the order book pays now, which
  a listing's signed fee limit must cover.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, ColumnElement, Index, Integer, SmallInteger, String, case
from sqlalchemy.orm import Mapped, mapped_column

from pawchain.store.models import ADDRESS, HASH, TRAIT_COLUMN_NAMES, Base
from pawchain.store.types import Uint256


class Auction(Base):
    """An open clock auction (ClockAuctionHouse.getAuction of the pet, kind not None)."""

    __tablename__ = "auctions"

    pet_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    # The pet's auction number (AuctionCreated's auctionId): a bid names it, so a seller's
    # cancel-and-relist cannot catch a bid sent for this auction.
    auction_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[int] = mapped_column(
        SmallInteger, index=True
    )  # IClockAuctionHouse.AuctionKind: 1 sale, 2 siring, 3 gen0
    seller: Mapped[str] = mapped_column(
        ADDRESS, index=True
    )  # the house itself for generation-0 auctions
    start_price: Mapped[int] = mapped_column(Uint256)
    end_price: Mapped[int] = mapped_column(Uint256)
    started_at: Mapped[int] = mapped_column(
        BigInteger, index=True
    )  # unix seconds: the creating block's time
    duration: Mapped[int] = mapped_column(BigInteger)  # seconds
    # started_at + duration: from then on the price is end_price (indexed for "ending soon").
    ends_at: Mapped[int] = mapped_column(BigInteger, index=True)
    created_block: Mapped[int] = mapped_column(BigInteger)
    # The pet's shown traits and rarity tier, copied from its `pets` row (the indexer fills them
    # when it writes the auction: indexer/handlers/auctions.py). Genes never change, so neither
    # do these; a market search by a trait and a tier then narrows the auctions themselves
    # (a few hundred rows at a million pets) instead of every matching pet (ten thousand).
    body_shape: Mapped[int | None] = mapped_column(SmallInteger)
    pattern: Mapped[int | None] = mapped_column(SmallInteger)
    eye_shape: Mapped[int | None] = mapped_column(SmallInteger)
    eye_colour: Mapped[int | None] = mapped_column(SmallInteger)
    mouth: Mapped[int | None] = mapped_column(SmallInteger)
    body_colour: Mapped[int | None] = mapped_column(SmallInteger)
    pattern_colour: Mapped[int | None] = mapped_column(SmallInteger)
    belly_colour: Mapped[int | None] = mapped_column(SmallInteger)
    rarity_tier: Mapped[int | None] = mapped_column(SmallInteger, index=True)


# The columns copied from the pet's row, in the pets table's names.
PET_COLUMNS: tuple[str, ...] = (*TRAIT_COLUMN_NAMES, "rarity_tier")


# The bounds of an auction's price at any second: its start and end prices, the lower and the
# higher (the clock moves the price straight from one to the other, then holds it). Indexed,
# so a price-sorted page fetches the auctions that can be cheapest (or dearest) now without
# pricing every open auction (queries/price_bound.py). Each index's expression must stay the
# one written in its migration (0016), or the databases no longer match it to the query.
LOWEST_PRICE: ColumnElement[int] = case(
    (Auction.start_price <= Auction.end_price, Auction.start_price), else_=Auction.end_price
)
HIGHEST_PRICE: ColumnElement[int] = case(
    (Auction.start_price <= Auction.end_price, Auction.end_price), else_=Auction.start_price
)
Index("ix_auctions_lowest_price", LOWEST_PRICE)
Index("ix_auctions_highest_price", HIGHEST_PRICE)
# Each trait with the tier and the lowest price: a cheapest-first search by a trait and a tier
# walks its auctions in price bound order in one index range (queries/price_bound.py), and
# the (trait, tier) prefix finds them for any other order. Cheapest first only (the market's
# default order): dearest first sorts the matching auctions (a thousand at a million pets).
for _trait in TRAIT_COLUMN_NAMES:
    Index(
        f"ix_auctions_{_trait}_rarity_tier_lowest_price",
        Auction.__table__.c[_trait],
        Auction.rarity_tier,
        LOWEST_PRICE,
    )


class Sale(Base):
    """A completed trade: an auction won (sale, generation-0 or siring), a listing filled, an
    offer accepted. For a siring sale the buyer bought a breeding for `matron_id`, not the pet."""

    __tablename__ = "sales"

    block_number: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    tx_hash: Mapped[str] = mapped_column(HASH, primary_key=True)
    log_index: Mapped[int] = mapped_column(Integer, primary_key=True)
    tx_index: Mapped[int] = mapped_column(Integer)
    block_time: Mapped[int] = mapped_column(BigInteger, index=True)
    pet_id: Mapped[int] = mapped_column(Integer)
    matron_id: Mapped[int | None] = mapped_column(Integer)
    seller: Mapped[str] = mapped_column(ADDRESS, index=True)
    buyer: Mapped[str] = mapped_column(ADDRESS, index=True)
    price: Mapped[int] = mapped_column(Uint256)
    currency: Mapped[str] = mapped_column(String(8))  # ETH or WETH
    venue: Mapped[str] = mapped_column(String(16))  # auction, siring_auction, listing, offer
    order_hash: Mapped[str | None] = mapped_column(HASH)  # listings and offers only

    __table_args__ = (Index("ix_sales_pet_id_block_number", "pet_id", "block_number"),)


class ClosedOrder(Base):
    """A signed order that can no longer be filled because of an event: filled, cancelled, or both
    (cancelOrder accepts any hash, even of a filled order). Keyed by hash and signer, as the
    contract keeps cancels (under their caller): only the order's own signer's row concerns it."""

    __tablename__ = "closed_orders"

    order_hash: Mapped[str] = mapped_column(HASH, primary_key=True)
    signer: Mapped[str] = mapped_column(ADDRESS, primary_key=True, index=True)
    filled_block: Mapped[int | None] = mapped_column(BigInteger)
    cancelled_block: Mapped[int | None] = mapped_column(BigInteger)


class OrderCounter(Base):
    """A signer's order counter after cancelAllOrders: orders naming a lower one are void."""

    __tablename__ = "order_counters"

    signer: Mapped[str] = mapped_column(ADDRESS, primary_key=True)
    counter: Mapped[int] = mapped_column(Uint256)
    updated_block: Mapped[int] = mapped_column(BigInteger)


MARKET_FEES_ROW = 1  # the key of market_fees' only row


class MarketFees(Base):
    """The fees a sale through the order book pays now: the book's cut (OrderBook's
    CutChanged, emitted by its constructor too) and the pets' royalty rate (PetToken's
    RoyaltyChanged, likewise; one rate for the whole collection). A listing whose signed
    `max_fee_bps` is below their sum cannot be filled (MarketFeesAboveLimit)."""

    __tablename__ = "market_fees"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    cut_bps: Mapped[int] = mapped_column(Integer)
    royalty_bps: Mapped[int] = mapped_column(Integer)
    updated_block: Mapped[int] = mapped_column(BigInteger)
