"""The off-chain order book: signed orders players submitted, and trait offers (intents).

Not a cache of the chain: a signed order exists nowhere else until it is filled, so
`pawchain reindex` keeps these tables (ORDER_BOOK_TABLES). What the chain did to an order is
NOT stored here: whether it is live is computed when it is read, by joining it with the
indexed facts (`pets.pet_nonce`, `order_counters`, `closed_orders`) and comparing its
expiry with the request's time (queries/orders.py). Those tables are re-derived after a
reorganisation, so an order killed on an orphaned fork is live again with no work here.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, SmallInteger, String, text
from sqlalchemy.orm import Mapped, mapped_column

from pawchain.store.models import ADDRESS, HASH, Base
from pawchain.store.types import Uint256

ORDER_KINDS = ("listing", "offer")
SIGNATURE = String(132)  # 0x + 65 bytes


class SignedOrder(Base):
    """A Listing or an Offer of OrderBook.sol as its signer signed it, validated when submitted."""

    __tablename__ = "orders"

    hash: Mapped[str] = mapped_column(
        HASH, primary_key=True
    )  # the EIP-712 digest (lower-case hex), as the contract's
    kind: Mapped[str] = mapped_column(String(8))  # listing | offer
    signer: Mapped[str] = mapped_column(
        ADDRESS
    )  # EIP-55; the seller of a listing, the buyer of an offer
    pet_id: Mapped[int] = mapped_column(Integer)  # no foreign key: reindex empties pets, not orders
    price: Mapped[int] = mapped_column(Uint256)  # wei (ether for listings, WETH for offers)
    pet_nonce: Mapped[int] = mapped_column(BigInteger)  # as pets.pet_nonce (uint32 on chain)
    expiry: Mapped[int] = mapped_column(BigInteger)  # unix seconds, inclusive
    counter: Mapped[int] = mapped_column(
        Uint256
    )  # as order_counters.counter, so the two compare in SQL
    max_fee_bps: Mapped[int | None] = mapped_column(
        Integer
    )  # a listing's signed fee limit; NULL for offers
    signature: Mapped[str] = mapped_column(SIGNATURE)
    created_at: Mapped[int] = mapped_column(BigInteger)  # unix seconds, when the server accepted it
    # The live stream's id of "listed" / "offer made" (pawchain.store.event_feed: one counter
    # with the indexer's events); NULL for an order stored before the indexer's first checkpoint.
    event_id: Mapped[int | None] = mapped_column(BigInteger, unique=True, index=True)

    # The book's pages are newest first by (created_at, hash), the cursor key: each list has
    # an index that serves its filter and that order, so a page stops after `limit` rows.
    __table_args__ = (
        # A pet's best listing and its offers by price; the pets' asks (each pet's cheapest live listing).
        Index("ix_orders_pet_id_kind_price", "pet_id", "kind", "price"),
        Index(
            "ix_orders_signer_created_at_hash", "signer", "created_at", "hash"
        ),  # a signer's orders
        Index(
            "ix_orders_kind_created_at_hash", "kind", "created_at", "hash"
        ),  # the listings, the offers
        Index("ix_orders_created_at_hash", "created_at", "hash"),  # the whole book
    )


class TraitOffer(Base):
    """ "Any pet whose genes show variant V of trait T, for up to max_price WETH": a signed-in
    buyer's intent. Never on chain: an owner who picks a matching pet gets an ordinary signed
    Offer from the buyer for that pet."""

    __tablename__ = "trait_offers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    buyer: Mapped[str] = mapped_column(ADDRESS, index=True)
    trait: Mapped[str] = mapped_column(String(16))  # a trait column of pets (body_shape, ...)
    variant: Mapped[int] = mapped_column(SmallInteger)  # 0..30, the shown variant
    max_price: Mapped[int] = mapped_column(Uint256)  # wei of WETH
    expiry: Mapped[int] = mapped_column(BigInteger, index=True)
    created_at: Mapped[int] = mapped_column(BigInteger)
    withdrawn_at: Mapped[int | None] = mapped_column(BigInteger)  # the buyer took it back

    __table_args__ = (
        Index("ix_trait_offers_trait_variant", "trait", "variant"),
        # A buyer's intent is stored once while it stands (a post repeated finds it).
        Index(
            "ux_trait_offers_same_intent",
            "buyer",
            "trait",
            "variant",
            "max_price",
            "expiry",
            unique=True,
            sqlite_where=text("withdrawn_at IS NULL"),
            postgresql_where=text("withdrawn_at IS NULL"),
        ),
    )


class TraitOfferPick(Base):
    """An owner's answer to a trait offer: "this pet of mine matches; make me an offer for it"."""

    __tablename__ = "trait_offer_picks"

    trait_offer_id: Mapped[int] = mapped_column(ForeignKey("trait_offers.id"), primary_key=True)
    pet_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    owner: Mapped[str] = mapped_column(
        ADDRESS, index=True
    )  # who picked it (the pet's indexed owner then)
    picked_at: Mapped[int] = mapped_column(BigInteger)


# Not a cache of the chain: `pawchain reindex` must not delete them.
ORDER_BOOK_TABLES = frozenset(
    {SignedOrder.__tablename__, TraitOffer.__tablename__, TraitOfferPick.__tablename__}
)
