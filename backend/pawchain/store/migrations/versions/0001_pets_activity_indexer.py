"""Pets, the activity log and the indexer's checkpoint."""

from typing import Any

import sqlalchemy as sa
from alembic import op

from pawchain.store.migrations import columns as col
from pawchain.store.types import Uint256

revision: str = "0001"
down_revision: str | None = None

# Frozen here (not imported from the models): a migration describes the schema as it was.
TRAITS = (
    "body_shape",
    "pattern",
    "eye_shape",
    "eye_colour",
    "mouth",
    "body_colour",
    "pattern_colour",
    "belly_colour",
)
# Pet references are checked at commit (a batch writes pets in any order).
DEFERRED: dict[str, Any] = {"deferrable": True, "initially": "DEFERRED"}
PET_INDEXES = (
    *TRAITS,
    "rarity_tier",
    "generation",
    "matron_id",
    "sire_id",
    "cooldown_end",
    "cooldown_index",
    "owner",
)


def upgrade() -> None:
    op.create_table(
        "pets",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("owner", sa.String(42), nullable=False),
        sa.Column("genes", Uint256(), nullable=False),
        *(sa.Column(trait, sa.SmallInteger(), nullable=False) for trait in TRAITS),
        sa.Column("rarity_tier", sa.SmallInteger(), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("matron_id", sa.Integer(), nullable=True),
        sa.Column("sire_id", sa.Integer(), nullable=True),
        sa.Column("birth_time", sa.BigInteger(), nullable=False),
        sa.Column("birth_block", sa.BigInteger(), nullable=False),
        sa.Column("cooldown_end", sa.BigInteger(), nullable=False),
        sa.Column("cooldown_index", sa.SmallInteger(), nullable=False),
        sa.Column("breedings", sa.SmallInteger(), nullable=False),
        sa.Column("siring_with_id", sa.Integer(), nullable=True),
        sa.Column("commit_block", sa.BigInteger(), nullable=True),
        sa.Column("birth_fee", Uint256(), nullable=False),
        sa.Column("litters", sa.Integer(), nullable=False),
        sa.Column("transfer_nonce", sa.BigInteger(), nullable=False),
        sa.Column("updated_block", sa.BigInteger(), nullable=False),
        col.references_id("pets", "matron_id", "pets", **DEFERRED),
        col.references_id("pets", "sire_id", "pets", **DEFERRED),
        col.references_id("pets", "siring_with_id", "pets", **DEFERRED),
        col.primary_key("pets", "id"),
    )
    col.create_indexes("pets", *PET_INDEXES)

    op.create_table(
        "activity",
        sa.Column("block_number", sa.BigInteger(), nullable=False),
        sa.Column("tx_hash", sa.String(66), nullable=False),
        sa.Column("log_index", sa.Integer(), nullable=False),
        sa.Column("tx_index", sa.Integer(), nullable=False),
        sa.Column("block_hash", sa.String(66), nullable=False),
        sa.Column("block_time", sa.BigInteger(), nullable=False),
        sa.Column("contract", sa.String(40), nullable=False),
        sa.Column("event", sa.String(40), nullable=False),
        sa.Column("pet_id", sa.Integer(), nullable=True),
        sa.Column("other_pet_id", sa.Integer(), nullable=True),
        sa.Column("args", sa.JSON(), nullable=False),
        col.primary_key("activity", "block_number", "tx_hash", "log_index"),
    )
    col.create_index("activity", "event")
    col.create_index("activity", "pet_id", "block_number")
    col.create_index("activity", "other_pet_id", "block_number")

    op.create_table(
        "indexer_state",
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("chain_id", sa.BigInteger(), nullable=False),
        sa.Column("deploy_block", sa.BigInteger(), nullable=False),
        sa.Column("deploy_block_hash", sa.String(66), nullable=False),
        sa.Column("block_number", sa.BigInteger(), nullable=False),
        sa.Column("block_hash", sa.String(66), nullable=False),
        col.primary_key("indexer_state", "name"),
    )
    op.create_table(
        "recent_blocks",
        sa.Column("number", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("hash", sa.String(66), nullable=False),
        col.primary_key("recent_blocks", "number"),
    )


def downgrade() -> None:
    # Dropping a table drops its indexes with it, on both databases.
    op.drop_table("recent_blocks")
    op.drop_table("indexer_state")
    op.drop_table("activity")
    op.drop_table("pets")
