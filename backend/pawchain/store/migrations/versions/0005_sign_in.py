"""Sign-in: the nonces issued for Sign-In with Ethereum (EIP-4361)."""

import sqlalchemy as sa
from alembic import op

from pawchain.store.migrations import columns as col

revision: str = "0005_sign_in"
down_revision: str | None = "0004_market"


def upgrade() -> None:
    op.create_table(
        "sign_in_nonces",
        sa.Column("nonce", sa.String(32), nullable=False),
        sa.Column("issued_at", sa.BigInteger(), nullable=False),
        sa.Column("expires_at", sa.BigInteger(), nullable=False),
        sa.Column("used_at", sa.BigInteger(), nullable=True),
        col.primary_key("sign_in_nonces", "nonce"),
    )
    col.create_index("sign_in_nonces", "expires_at")


def downgrade() -> None:
    op.drop_table("sign_in_nonces")  # and its index
