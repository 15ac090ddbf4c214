"""Pets, the activity log and the indexer's checkpoint."""

from typing import Any

import sqlalchemy as sa
from alembic import op

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
        sa.ForeignKeyConstraint(
            ["matron_id"], ["pets.id"], name=op.f("fk_pets_matron_id_pets"), **DEFERRED
        ),
        sa.ForeignKeyConstraint(
            ["sire_id"], ["pets.id"], name=op.f("fk_pets_sire_id_pets"), **DEFERRED
        ),
        sa.ForeignKeyConstraint(
            ["siring_with_id"], ["pets.id"], name=op.f("fk_pets_siring_with_id_pets"), **DEFERRED
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pets")),
    )
    for column in PET_INDEXES:
        op.create_index(op.f(f"ix_pets_{column}"), "pets", [column])

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
        sa.PrimaryKeyConstraint("block_number", "tx_hash", "log_index", name=op.f("pk_activity")),
    )
    op.create_index(op.f("ix_activity_event"), "activity", ["event"])
    op.create_index("ix_activity_pet_id_block_number", "activity", ["pet_id", "block_number"])
    op.create_index(
        "ix_activity_other_pet_id_block_number", "activity", ["other_pet_id", "block_number"]
    )

    op.create_table(
        "indexer_state",
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("chain_id", sa.BigInteger(), nullable=False),
        sa.Column("deploy_block", sa.BigInteger(), nullable=False),
        sa.Column("deploy_block_hash", sa.String(66), nullable=False),
        sa.Column("block_number", sa.BigInteger(), nullable=False),
        sa.Column("block_hash", sa.String(66), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_indexer_state")),
    )
    op.create_table(
        "recent_blocks",
        sa.Column("number", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("hash", sa.String(66), nullable=False),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_recent_blocks")),
    )


def downgrade() -> None:
    # Dropping a table drops its indexes with it, on both databases.
    op.drop_table("recent_blocks")
    op.drop_table("indexer_state")
    op.drop_table("activity")
    op.drop_table("pets")
