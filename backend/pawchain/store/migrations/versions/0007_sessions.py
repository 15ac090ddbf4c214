"""Server-side sessions and the rate limiter's counters (pawchain.web.auth.sessions,
rate_limits).
"""

import sqlalchemy as sa
from alembic import op

from pawchain.store.migrations import columns as col

revision: str = "0007_sessions"
down_revision: str | None = "0006_order_book"


def upgrade() -> None:
    op.create_table(
        "web_sessions",
        sa.Column("id_hash", sa.String(64), nullable=False),
        sa.Column("address", sa.String(42), nullable=False),
        sa.Column("csrf_token", sa.String(43), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("last_seen_at", sa.BigInteger(), nullable=False),
        sa.Column("expires_at", sa.BigInteger(), nullable=False),
        col.primary_key("web_sessions", "id_hash"),
    )
    col.create_indexes("web_sessions", "address", "last_seen_at", "expires_at")
    op.create_table(
        "rate_limit_counters",
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.Float(), nullable=False),
        col.primary_key("rate_limit_counters", "key"),
    )
    col.create_index("rate_limit_counters", "expires_at")


def downgrade() -> None:
    op.drop_table("rate_limit_counters")  # and its index
    op.drop_table("web_sessions")  # and its indexes
