"""The live stream's event ids: activity.event_id (the order the indexer committed the events
in), orders.event_id (when a signed order was accepted) and indexer_state.last_event_id (the
newest id handed out, never handed out again).

Existing events are numbered in chain order; existing orders get none (not streamed).
"""

import sqlalchemy as sa
from alembic import op

revision: str = "0012_event_ids"
down_revision: str | None = "0011_trait_tier_indexes"

NUMBER_EVENTS = """
UPDATE activity SET event_id = numbered.n
FROM (
    SELECT block_number AS b, tx_hash AS t, log_index AS l,
           row_number() OVER (ORDER BY block_number, log_index) AS n
    FROM activity
) AS numbered
WHERE activity.block_number = numbered.b AND activity.tx_hash = numbered.t
  AND activity.log_index = numbered.l
"""


def upgrade() -> None:
    with op.batch_alter_table("indexer_state") as batch:
        batch.add_column(
            sa.Column("last_event_id", sa.BigInteger(), server_default="0", nullable=False)
        )
    with op.batch_alter_table("activity") as batch:
        batch.add_column(sa.Column("event_id", sa.BigInteger(), nullable=True))
    op.execute(NUMBER_EVENTS)
    op.execute("UPDATE indexer_state SET last_event_id = (SELECT count(*) FROM activity)")
    with op.batch_alter_table("activity") as batch:
        batch.alter_column("event_id", existing_type=sa.BigInteger(), nullable=False)
        batch.create_index(op.f("ix_activity_event_id"), ["event_id"], unique=True)
    with op.batch_alter_table("orders") as batch:
        batch.add_column(sa.Column("event_id", sa.BigInteger(), nullable=True))
        batch.create_index(op.f("ix_orders_event_id"), ["event_id"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("orders") as batch:
        batch.drop_index(op.f("ix_orders_event_id"))
        batch.drop_column("event_id")
    with op.batch_alter_table("activity") as batch:
        batch.drop_index(op.f("ix_activity_event_id"))
        batch.drop_column("event_id")
    with op.batch_alter_table("indexer_state") as batch:
        batch.drop_column("last_event_id")
