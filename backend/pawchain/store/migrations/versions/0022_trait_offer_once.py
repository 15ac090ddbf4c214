"""A buyer's standing trait offer is stored once: a unique index on its terms (buyer, trait,
variant, max_price, expiry) over the offers not withdrawn, so a post repeated (a client
retrying after a timeout, or several posts at once) finds the first instead of storing a
second (pawchain.orderbook.trait_offers.post).

Offers stored twice before this index are withdrawn here but the oldest of each set, at
their own creation time; an owner's pick of a withdrawn twin stays with it (as on any offer
its buyer withdrew), and the buyer still sees the first.
"""

import sqlalchemy as sa
from alembic import op

revision: str = "0022_trait_offer_once"
down_revision: str | None = "0021_market_fees"

TERMS = ("buyer", "trait", "variant", "max_price", "expiry")
STANDING = sa.text("withdrawn_at IS NULL")


def upgrade() -> None:
    offers = sa.table(
        "trait_offers",
        sa.column("id"),
        sa.column("created_at"),
        *map(sa.column, TERMS),
        sa.column("withdrawn_at"),
    )
    older = offers.alias("older")
    twin_of_an_older = (
        sa.select(older.c.id)
        .where(older.c.withdrawn_at.is_(None), older.c.id < offers.c.id)
        .where(*(older.c[name] == offers.c[name] for name in TERMS))
        .exists()
    )
    op.execute(
        offers.update()
        .where(offers.c.withdrawn_at.is_(None), twin_of_an_older)
        .values(withdrawn_at=offers.c.created_at)
    )
    op.create_index(
        "ux_trait_offers_same_intent",
        "trait_offers",
        list(TERMS),
        unique=True,
        sqlite_where=STANDING,
        postgresql_where=STANDING,
    )


def downgrade() -> None:
    op.drop_index("ux_trait_offers_same_intent", table_name="trait_offers")
