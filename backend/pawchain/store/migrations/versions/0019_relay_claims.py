"""What the relay's forward requests in flight will consume (a pet, a buyer's WETH), and a lock
row per thing claimed: a request that could only revert because another in-flight request
consumes the same is refused before it is stored (docs/relay.md, "Forward requests").

Chaining: other migrations may be written at the same time on other branches; whichever is
merged second revises the other (this one only adds two tables).
"""

import sqlalchemy as sa
from alembic import op

from pawchain.store.migrations import columns as col
from pawchain.store.types import Uint256

revision: str = "0019_relay_claims"
down_revision: str | None = "0018_forward_nonce"


def upgrade() -> None:
    op.create_table(
        "relay_claims",
        sa.Column("transaction_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("what", sa.String(80), nullable=False),
        sa.Column("chain_id", sa.BigInteger(), nullable=False),
        sa.Column("amount", Uint256(), nullable=True),
        col.primary_key("relay_claims", "transaction_id", "what"),
        col.references_id("relay_claims", "transaction_id", "relay_transactions"),
    )
    col.create_index("relay_claims", "chain_id", "what")
    op.create_table(
        "relay_claim_locks",
        sa.Column("chain_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("what", sa.String(80), nullable=False),
        sa.Column("taken_at", sa.BigInteger(), nullable=False),
        col.primary_key("relay_claim_locks", "chain_id", "what"),
    )


def downgrade() -> None:
    op.drop_table("relay_claim_locks")
    op.drop_index(op.f("ix_relay_claims_chain_id_what"), table_name="relay_claims")
    op.drop_table("relay_claims")
