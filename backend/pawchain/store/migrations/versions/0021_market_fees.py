"""The fees a sale through the order book pays now (`market_fees`, one row: the book's cut and
the pets' royalty rate), a projection of OrderBook's CutChanged and PetToken's
RoyaltyChanged: the order book's API judges a listing whose signed fee limit they outgrew
(`fees_above_limit`, queries/orders.py).

The row is filled here from the events the activity log already holds. A game deployed before
the markets' constructors announced their initial cut has no CutChanged until the admin
changes it: its row counts the cut as 0 until then (such listings show as live, as before).

Chaining: other migrations may be written at the same time on other branches; whichever is
merged second revises the other (this one only adds a table and its row).
"""

import sqlalchemy as sa
from alembic import op

from pawchain.store.migrations import columns as col

revision: str = "0021_market_fees"
down_revision: str | None = "0020_name_changes"

# Frozen here (not imported from the indexer): (contract, event) -> (argument, column).
FEE_EVENTS = {
    ("OrderBook", "CutChanged"): ("cutBps", "cut_bps"),
    ("PetToken", "RoyaltyChanged"): ("royaltyBps", "royalty_bps"),
}
ACTIVITY = sa.table(
    "activity",
    *(sa.column(name) for name in ("block_number", "tx_index", "log_index", "contract", "event")),
    sa.column("args", sa.JSON()),
)


def upgrade() -> None:
    fees = op.create_table(
        "market_fees",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("cut_bps", sa.Integer(), nullable=False),
        sa.Column("royalty_bps", sa.Integer(), nullable=False),
        sa.Column("updated_block", sa.BigInteger(), nullable=False),
        col.primary_key("market_fees", "id"),
    )
    events = op.get_bind().execute(
        sa.select(ACTIVITY.c.contract, ACTIVITY.c.event, ACTIVITY.c.args, ACTIVITY.c.block_number)
        .where(ACTIVITY.c.event.in_([event for _, event in FEE_EVENTS]))
        .order_by(ACTIVITY.c.block_number, ACTIVITY.c.tx_index, ACTIVITY.c.log_index)
    )
    row: dict[str, int] = {}
    for contract, event, args, block in events:
        if (contract, event) in FEE_EVENTS:
            argument, column = FEE_EVENTS[(contract, event)]
            row.update({column: int(args[argument]), "updated_block": block})
    if row:
        op.bulk_insert(fees, [{"id": 1, "cut_bps": 0, "royalty_bps": 0, **row}])


def downgrade() -> None:
    op.drop_table("market_fees")
