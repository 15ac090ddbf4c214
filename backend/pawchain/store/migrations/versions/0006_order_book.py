"""The order book: signed orders players submitted, trait offers, and closed_orders keyed by
(hash, signer).
"""

import sqlalchemy as sa
from alembic import op

from pawchain.store.migrations import columns as col
from pawchain.store.types import ADDRESS, HASH, Uint256

revision: str = "0006_order_book"
down_revision: str | None = "0005_sign_in"


def upgrade() -> None:
    # closed_orders keyed by (hash, signer), as the contract keeps cancels: a stranger's
    # cancel of a hash is its own row (batch mode: SQLite rebuilds the table).
    with op.batch_alter_table("closed_orders") as batch:
        batch.drop_constraint("pk_closed_orders", type_="primary")
        batch.create_primary_key("pk_closed_orders", ["order_hash", "signer"])

    op.create_table(
        "orders",
        sa.Column("hash", HASH, nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("signer", ADDRESS, nullable=False),
        sa.Column("pet_id", sa.Integer(), nullable=False),
        sa.Column("price", Uint256(), nullable=False),
        sa.Column("pet_nonce", sa.BigInteger(), nullable=False),
        sa.Column("expiry", sa.BigInteger(), nullable=False),
        sa.Column("counter", Uint256(), nullable=False),
        sa.Column("signature", sa.String(132), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        col.primary_key("orders", "hash"),
    )
    col.create_index("orders", "pet_id", "kind", "price")
    col.create_index("orders", "signer", "created_at", "hash")
    col.create_index("orders", "kind", "created_at", "hash")
    col.create_index("orders", "created_at", "hash")

    op.create_table(
        "trait_offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("buyer", ADDRESS, nullable=False),
        sa.Column("trait", sa.String(16), nullable=False),
        sa.Column("variant", sa.SmallInteger(), nullable=False),
        sa.Column("max_price", Uint256(), nullable=False),
        sa.Column("expiry", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("withdrawn_at", sa.BigInteger(), nullable=True),
        col.primary_key("trait_offers", "id"),
    )
    col.create_indexes("trait_offers", "buyer", "expiry")
    col.create_index("trait_offers", "trait", "variant")

    op.create_table(
        "trait_offer_picks",
        sa.Column("trait_offer_id", sa.Integer(), nullable=False),
        sa.Column("pet_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("owner", ADDRESS, nullable=False),
        sa.Column("picked_at", sa.BigInteger(), nullable=False),
        col.references_id("trait_offer_picks", "trait_offer_id", "trait_offers"),
        col.primary_key("trait_offer_picks", "trait_offer_id", "pet_id"),
    )
    col.create_index("trait_offer_picks", "owner")


def downgrade() -> None:
    # Dropping a table drops its indexes.
    for table in ("trait_offer_picks", "trait_offers", "orders"):
        op.drop_table(table)
    # One row per hash again: the lowest signer's stays (strangers' cancels are lost; a
    # reindex on the old code rebuilds the table its way).
    op.execute(
        "DELETE FROM closed_orders WHERE signer > "
        "(SELECT MIN(c.signer) FROM closed_orders c WHERE c.order_hash = closed_orders.order_hash)"
    )
    with op.batch_alter_table("closed_orders") as batch:
        batch.drop_constraint("pk_closed_orders", type_="primary")
        batch.create_primary_key("pk_closed_orders", ["order_hash"])
