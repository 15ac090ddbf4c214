"""Each open auction carries its pet's shown traits and rarity tier (copied from `pets`, fixed
by the genes), indexed: (trait, rarity_tier, lowest price) for each trait (the expression of
0016's ix_auctions_lowest_price), and the tier alone. A market search by a trait and a tier,
cheapest first, then walks the matching auctions in price bound order in `auctions` itself
(queries/price_bound.py) instead of reaching them through every matching pet. Existing rows
are filled from their pets here; the indexer fills new ones (indexer/handlers/auctions.py).

The columns are nullable: SQLite adds a NOT NULL column only with a default, and the indexer
fills them in the statement after the auction's insert.

Chaining: other migrations may be written at the same time on other branches; whichever is
merged second revises the other (this one only adds columns and indexes to `auctions`).
"""

import sqlalchemy as sa
from alembic import op

from pawchain.store.migrations import columns as col

revision: str = "0017_auction_traits"
down_revision: str | None = "0016_price_bounds"

# Frozen here (not imported from the models): a migration describes the schema as it was.
TRAITS = "body_shape pattern eye_shape eye_colour mouth body_colour pattern_colour belly_colour"
LOWEST = "CASE WHEN start_price <= end_price THEN start_price ELSE end_price END"
COPIED = (*TRAITS.split(), "rarity_tier")


def upgrade() -> None:
    for column in COPIED:  # plain ALTER TABLEs: both databases add a nullable column in place
        op.add_column("auctions", sa.Column(column, sa.SmallInteger(), nullable=True))
    # One correlated row value per auction (both databases; a few seconds at 80,000 auctions).
    names = ", ".join(COPIED)
    op.execute(
        f"UPDATE auctions SET ({names}) = (SELECT {names} FROM pets WHERE pets.id = auctions.pet_id)"
    )
    for trait in TRAITS.split():
        op.create_index(
            f"ix_auctions_{trait}_rarity_tier_lowest_price",
            "auctions",
            [trait, "rarity_tier", sa.text(f"({LOWEST})")],
        )
    col.create_index("auctions", "rarity_tier")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ANALYZE auctions")  # the planner's statistics of the new columns


def downgrade() -> None:
    op.drop_index(op.f("ix_auctions_rarity_tier"), table_name="auctions")
    for trait in TRAITS.split():
        op.drop_index(f"ix_auctions_{trait}_rarity_tier_lowest_price", table_name="auctions")
    for column in reversed(COPIED):
        op.drop_column("auctions", column)  # SQLite 3.35 and later drop a column in place
