"""The game server's tables: a cache of the chain that the indexer can always rebuild.

Three kinds of table, and the rollback rule of each (docs/server.md):
- **facts** (`activity`): one row per contract event, keyed by where it sits on the chain.
  A reorganisation deletes the facts of the orphaned blocks.
- **projections** (`pets`): current state, a pure function of the facts. A reorganisation
  re-derives the affected rows from the facts that remain.
- **bookkeeping** (`indexer_state`, `recent_blocks`): how far the indexer got on which chain.

Plain models: no queries, no infrastructure, no imports of the rest of the game.
"""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from pawchain.store.types import ADDRESS, HASH, Uint256


class Base(DeclarativeBase):
    """Declarative base; constraint names are fixed so migrations can name what they drop."""

    # Every model here is mapped to one Table (none to a join or a select), so core inserts
    # and upserts take `Model.__table__` as it is; DeclarativeBase types it as any FromClause.
    __table__: ClassVar[Table]

    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_N_name)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


def _pet_reference() -> ForeignKey:
    """A reference to another pet, checked at commit: a batch writes pets in any order (a
    matron may be pregnant by a sire minted later in the same batch), and the database
    still refuses to commit a reference to a pet that does not exist."""
    return ForeignKey("pets.id", deferrable=True, initially="DEFERRED")


# The trait columns in genome order (pawchain.rules.genetics.TRAIT_NAMES; models import no rules).
_TRAITS = "body_shape pattern eye_shape eye_colour mouth body_colour pattern_colour belly_colour"
TRAIT_COLUMN_NAMES: tuple[str, ...] = tuple(_TRAITS.split())


class Pet(Base):
    """A pet as the chain knows it at the indexer's checkpoint (PetToken.getPet, ownerOf)."""

    __tablename__ = "pets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    owner: Mapped[str] = mapped_column(ADDRESS)  # indexed with id: see __table_args__
    genes: Mapped[int] = mapped_column(Uint256)
    # The eight shown (dominant) variants, 0..31, decoded from `genes` for the market's
    # trait filters; order and names as pawchain.rules.genetics.TRAIT_NAMES.
    body_shape: Mapped[int] = mapped_column(SmallInteger)
    pattern: Mapped[int] = mapped_column(SmallInteger)
    eye_shape: Mapped[int] = mapped_column(SmallInteger)
    eye_colour: Mapped[int] = mapped_column(SmallInteger)
    mouth: Mapped[int] = mapped_column(SmallInteger)
    body_colour: Mapped[int] = mapped_column(SmallInteger)
    pattern_colour: Mapped[int] = mapped_column(SmallInteger)
    belly_colour: Mapped[int] = mapped_column(SmallInteger)
    rarity_tier: Mapped[int] = mapped_column(SmallInteger, index=True)  # 0 Common .. 5 Legendary
    # The fancy's name (pawchain.rules.fancies) for a born pet whose genes show a recipe, else
    # NULL: indexed for the catalogue's counts and the list's `fancy` filter.
    fancy: Mapped[str | None] = mapped_column(String(32), index=True)
    generation: Mapped[int] = mapped_column(Integer)
    # NULL for generation 0 (the chain says 0: no pet has id 0).
    matron_id: Mapped[int | None] = mapped_column(_pet_reference(), index=True)
    sire_id: Mapped[int | None] = mapped_column(_pet_reference(), index=True)
    birth_time: Mapped[int] = mapped_column(BigInteger)  # unix seconds, the birth block's timestamp
    birth_block: Mapped[int] = mapped_column(BigInteger)
    # Unix seconds: ready to breed from then on; while pregnant, the due date.
    cooldown_end: Mapped[int] = mapped_column(BigInteger, index=True)
    cooldown_index: Mapped[int] = mapped_column(SmallInteger)  # ladder step 0..13
    breedings: Mapped[int] = mapped_column(SmallInteger)  # saturates at 13, as on chain
    # Pregnancy: the sire and the block whose hash seeds the birth; NULL when not pregnant.
    siring_with_id: Mapped[int | None] = mapped_column(_pet_reference())
    commit_block: Mapped[int | None] = mapped_column(BigInteger)
    # The pregnancy's sealed birth seed (96 bits), NULL until sealed (docs/contracts.md, Randomness).
    birth_seed: Mapped[int | None] = mapped_column(Uint256)
    birth_fee: Mapped[int] = mapped_column(Uint256)  # wei prepaid for the midwife, 0 if none
    litters: Mapped[int] = mapped_column(Integer)
    pet_nonce: Mapped[int] = mapped_column(BigInteger)  # uint32 on chain, wraps at 2^32
    updated_block: Mapped[int] = mapped_column(
        BigInteger
    )  # block of the last event that changed it

    # The API's list sorts by these columns with id as the tie-breaker, and pages by keyset
    # ((generation, id) > (:g, :id)): a composite index serves the filter, the order and the
    # cursor in one range scan. Their prefixes also serve plain owner/generation filters.
    # Each trait with the rarity tier: a market search by a trait and a tier is one index range
    # of ids (no row read per pet); the prefix serves a trait alone.
    __table_args__ = (
        *(
            Index(f"ix_pets_{trait}_rarity_tier", trait, "rarity_tier")
            for trait in TRAIT_COLUMN_NAMES
        ),
        Index("ix_pets_owner_id", "owner", "id"),
        Index("ix_pets_generation_id", "generation", "id"),
        Index("ix_pets_cooldown_index_id", "cooldown_index", "id"),
    )

    @property
    def is_pregnant(self) -> bool:
        return self.siring_with_id is not None


class Activity(Base):
    """One event of one of the game's contracts: the history of pets, accounts and markets.

    Keyed by its place on the chain, so inserting the same log twice is impossible and
    re-processing a range is recognised (idempotency). `pet_id` is the pet the event is
    about; `other_pet_id` a second pet whose state it changes (a sire, a matron giving birth).
    """

    __tablename__ = "activity"

    block_number: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    tx_hash: Mapped[str] = mapped_column(HASH, primary_key=True)
    log_index: Mapped[int] = mapped_column(Integer, primary_key=True)
    tx_index: Mapped[int] = mapped_column(Integer)
    block_hash: Mapped[str] = mapped_column(HASH)
    block_time: Mapped[int] = mapped_column(BigInteger)  # unix seconds
    contract: Mapped[str] = mapped_column(String(40))  # the deployment record's name, e.g. PetToken
    event: Mapped[str] = mapped_column(String(40), index=True)
    pet_id: Mapped[int | None] = mapped_column(Integer)
    other_pet_id: Mapped[int | None] = mapped_column(Integer)
    # Decoded arguments: addresses checksummed, integers exact (JSON numbers are unbounded
    # in Python and PostgreSQL), bytes as 0x-hex.
    args: Mapped[dict[str, Any]] = mapped_column(JSON)
    # The event's number in the order the indexer committed it (1, 2, ...; never reused, even
    # after a reorganisation deletes events): the live stream's event id, which a client
    # resumes from (pawchain.stream). Not a chain fact: two indexes of one chain that saw
    # different forks number their events differently.
    event_id: Mapped[int] = mapped_column(BigInteger, unique=True, index=True)

    __table_args__ = (
        Index("ix_activity_pet_id_block_number", "pet_id", "block_number"),
        Index("ix_activity_other_pet_id_block_number", "other_pet_id", "block_number"),
    )


class IndexerState(Base):
    """How far the indexer got, and on which deployment (one row per indexer)."""

    __tablename__ = "indexer_state"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    chain_id: Mapped[int] = mapped_column(BigInteger)
    # The deployment block's hash: a database indexed from another deployment (bin/run
    # --reset, another chain with the same id) must be rebuilt, not continued.
    deploy_block: Mapped[int] = mapped_column(BigInteger)
    deploy_block_hash: Mapped[str] = mapped_column(HASH)
    block_number: Mapped[int] = mapped_column(BigInteger)  # every block up to this one is applied
    block_hash: Mapped[str] = mapped_column(HASH)
    # The newest activity.event_id handed out: kept when a reorganisation deletes events, so
    # an id is never given twice (a stream client resuming from it would miss the new event).
    last_event_id: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")


class RecentBlock(Base):
    """Hashes of recently applied blocks: where to look for the common ancestor after a reorg."""

    __tablename__ = "recent_blocks"

    number: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    hash: Mapped[str] = mapped_column(HASH)


# Tables the indexer only keeps for itself: excluded when comparing two indexes of one chain.
BOOKKEEPING_TABLES = frozenset({IndexerState.__tablename__, RecentBlock.__tablename__})
# Columns of the other tables that depend on the indexer's history, not on the chain alone.
HISTORY_COLUMNS = frozenset({f"{Activity.__tablename__}.event_id"})
