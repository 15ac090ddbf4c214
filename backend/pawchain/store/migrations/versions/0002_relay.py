"""The relay's tables: accounts' nonces, transactions and their signed attempts, sponsor
usage per day, the midwife's births.
"""

import sqlalchemy as sa
from alembic import op

from pawchain.store.migrations import columns as col
from pawchain.store.types import ADDRESS, HASH, Uint256

revision: str = "0002_relay"
down_revision: str | None = "0001"


def upgrade() -> None:
    op.create_table(
        "relay_accounts",
        sa.Column("chain_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("address", ADDRESS, nullable=False),
        sa.Column("next_nonce", sa.BigInteger(), nullable=False),
        col.primary_key("relay_accounts", "chain_id", "address"),
    )
    op.create_table(
        "relay_transactions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("idempotency_key", sa.String(100), nullable=False),
        sa.Column("chain_id", sa.BigInteger(), nullable=False),
        sa.Column("sender", ADDRESS, nullable=False),
        sa.Column("sponsored", ADDRESS, nullable=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("to", ADDRESS, nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("value", Uint256(), nullable=False),
        sa.Column("gas_limit", sa.BigInteger(), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("nonce", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("error", sa.JSON(), nullable=True),
        sa.Column("block_number", sa.BigInteger(), nullable=True),
        sa.Column("tx_hash", HASH, nullable=True),
        sa.Column("receipt_status", sa.Integer(), nullable=True),
        sa.Column("gas_used", sa.BigInteger(), nullable=True),
        sa.Column("effective_gas_price", Uint256(), nullable=True),
        col.primary_key("relay_transactions", "id"),
        sa.UniqueConstraint(
            "chain_id", "sender", "nonce", name=op.f("uq_relay_transactions_chain_id_sender_nonce")
        ),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_relay_transactions_idempotency_key")),
    )
    col.create_index("relay_transactions", "sponsored", "created_at")
    col.create_index("relay_transactions", "state")
    op.create_table(
        "relay_attempts",
        sa.Column("tx_hash", HASH, nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=False),
        sa.Column("nonce", sa.BigInteger(), nullable=False),
        sa.Column("max_fee_per_gas", Uint256(), nullable=False),
        sa.Column("max_priority_fee_per_gas", Uint256(), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column("sent_at", sa.BigInteger(), nullable=False),
        col.references_id("relay_attempts", "transaction_id", "relay_transactions"),
        col.primary_key("relay_attempts", "tx_hash"),
    )
    col.create_index("relay_attempts", "transaction_id")
    op.create_table(
        "sponsor_usage",
        sa.Column("player", ADDRESS, nullable=False),
        sa.Column("day", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("gas", sa.BigInteger(), nullable=False),
        col.primary_key("sponsor_usage", "player", "day"),
    )
    op.create_table(
        "midwife_births",
        sa.Column("matron_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("commit_block", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=False),
        sa.Column("birth_fee", Uint256(), nullable=False),
        sa.Column("earned", Uint256(), nullable=True),
        sa.Column("spent", Uint256(), nullable=True),
        sa.Column("child_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        col.references_id("midwife_births", "transaction_id", "relay_transactions"),
        col.primary_key("midwife_births", "matron_id", "commit_block"),
        sa.UniqueConstraint("transaction_id", name=op.f("uq_midwife_births_transaction_id")),
    )


def downgrade() -> None:
    op.drop_table("midwife_births")
    op.drop_table("sponsor_usage")
    op.drop_index(op.f("ix_relay_attempts_transaction_id"), table_name="relay_attempts")
    op.drop_table("relay_attempts")
    op.drop_index(op.f("ix_relay_transactions_state"), table_name="relay_transactions")
    op.drop_index("ix_relay_transactions_sponsored_created_at", table_name="relay_transactions")
    op.drop_table("relay_transactions")
    op.drop_table("relay_accounts")
