"""A forward request's forwarder nonce beside it, unique among the requests in flight: a second
request signed with a nonce whose first request is still queued or sent could only revert
once the first is mined, on the relay's gas, so the database refuses it (docs/relay.md,
"Forward requests"). Existing rows keep NULL (NULLs never collide).

Chaining: other migrations may be written at the same time on other branches; whichever is
merged second revises the other (this one only adds a column and an index to
`relay_transactions`).
"""

import sqlalchemy as sa
from alembic import op

from pawchain.store.types import Uint256

revision: str = "0018_forward_nonce"
down_revision: str | None = "0017_auction_traits"

# Frozen here (not imported from the models): a migration describes the schema as it was.
IN_FLIGHT = sa.text("state IN ('queued', 'sent')")
INDEX = "ux_relay_transactions_forward_nonce_in_flight"


def upgrade() -> None:
    op.add_column("relay_transactions", sa.Column("forward_nonce", Uint256(), nullable=True))
    op.create_index(
        INDEX,
        "relay_transactions",
        ["chain_id", "sponsored", "forward_nonce"],
        unique=True,
        sqlite_where=IN_FLIGHT,
        postgresql_where=IN_FLIGHT,
    )


def downgrade() -> None:
    op.drop_index(INDEX, table_name="relay_transactions")
    op.drop_column("relay_transactions", "forward_nonce")
