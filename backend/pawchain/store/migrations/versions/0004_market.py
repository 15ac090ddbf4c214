"""The market: open auctions, sales, closed orders and order counters."""

import sqlalchemy as sa
from alembic import op

from pawchain.store.migrations import columns as col
from pawchain.store.types import ADDRESS, HASH, Uint256

revision: str = "0004_market"
down_revision: str | None = "0003_api_sort_indexes"


def upgrade() -> None:
    op.create_table(
        "auctions",
        sa.Column("pet_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("kind", sa.SmallInteger(), nullable=False),
        sa.Column("seller", ADDRESS, nullable=False),
        sa.Column("start_price", Uint256(), nullable=False),
        sa.Column("end_price", Uint256(), nullable=False),
        sa.Column("started_at", sa.BigInteger(), nullable=False),
        sa.Column("duration", sa.BigInteger(), nullable=False),
        sa.Column("ends_at", sa.BigInteger(), nullable=False),
        sa.Column("created_block", sa.BigInteger(), nullable=False),
        col.primary_key("auctions", "pet_id"),
    )
    col.create_indexes("auctions", "ends_at", "kind", "seller", "started_at")

    op.create_table(
        "sales",
        sa.Column("block_number", sa.BigInteger(), nullable=False),
        sa.Column("tx_hash", HASH, nullable=False),
        sa.Column("log_index", sa.Integer(), nullable=False),
        sa.Column("tx_index", sa.Integer(), nullable=False),
        sa.Column("block_time", sa.BigInteger(), nullable=False),
        sa.Column("pet_id", sa.Integer(), nullable=False),
        sa.Column("matron_id", sa.Integer(), nullable=True),
        sa.Column("seller", ADDRESS, nullable=False),
        sa.Column("buyer", ADDRESS, nullable=False),
        sa.Column("price", Uint256(), nullable=False),
        sa.Column("currency", sa.String(8), nullable=False),
        sa.Column("venue", sa.String(16), nullable=False),
        sa.Column("order_hash", HASH, nullable=True),
        col.primary_key("sales", "block_number", "tx_hash", "log_index"),
    )
    col.create_indexes("sales", "block_time", "buyer", "seller")
    col.create_index("sales", "pet_id", "block_number")

    op.create_table(
        "closed_orders",
        sa.Column("order_hash", HASH, nullable=False),
        sa.Column("signer", ADDRESS, nullable=False),
        sa.Column("filled_block", sa.BigInteger(), nullable=True),
        sa.Column("cancelled_block", sa.BigInteger(), nullable=True),
        col.primary_key("closed_orders", "order_hash"),
    )
    col.create_index("closed_orders", "signer")

    op.create_table(
        "order_counters",
        sa.Column("signer", ADDRESS, nullable=False),
        sa.Column("counter", Uint256(), nullable=False),
        sa.Column("updated_block", sa.BigInteger(), nullable=False),
        col.primary_key("order_counters", "signer"),
    )


def downgrade() -> None:
    # Dropping a table drops its indexes.
    for table in ("order_counters", "closed_orders", "sales", "auctions"):
        op.drop_table(table)
