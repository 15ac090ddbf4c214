"""Each open auction's price bounds indexed: the lower and the higher of its start and end
prices, between which its price stays at every second. A price-sorted page of auctions then
prices only the auctions that can reach it (queries/price_bound.py), not every open one.

Expression indexes (the same CASE as store.market_models' LOWEST_PRICE and HIGHEST_PRICE):
no column to keep, so nothing for the indexer to maintain. On SQLite the wei are zero-padded
text, ordered as numbers; on PostgreSQL NUMERIC.

Chaining: other migrations may be written at the same time on other branches; whichever is
merged second revises the other (this one only adds two indexes to `auctions`).
"""

import sqlalchemy as sa
from alembic import op

revision: str = "0016_price_bounds"
down_revision: str | None = "0015_picture_look"

# Frozen here (not imported from the models): a migration describes the schema as it was.
LOWEST = "CASE WHEN start_price <= end_price THEN start_price ELSE end_price END"
HIGHEST = "CASE WHEN start_price <= end_price THEN end_price ELSE start_price END"


def upgrade() -> None:
    op.create_index("ix_auctions_lowest_price", "auctions", [sa.text(f"({LOWEST})")])
    op.create_index("ix_auctions_highest_price", "auctions", [sa.text(f"({HIGHEST})")])
    if op.get_bind().dialect.name == "postgresql":
        # The planner keeps statistics of an indexed expression only once it analyses the
        # table: until then it guesses a third of the auctions for any bound on the price.
        op.execute("ANALYZE auctions")


def downgrade() -> None:
    op.drop_index("ix_auctions_highest_price", table_name="auctions")
    op.drop_index("ix_auctions_lowest_price", table_name="auctions")
