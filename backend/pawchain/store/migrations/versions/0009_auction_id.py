"""Open auctions keep their id (AuctionCreated's auctionId), which a bid names."""

import sqlalchemy as sa
from alembic import op

revision: str = "0009_auction_id"
down_revision: str | None = "0008_pet_nonce_fee_limit"


def upgrade() -> None:
    # The contracts that emit auctionId are a new deployment, so an index built from the old
    # ones is rebuilt from their events; rows left here get 0, which no bid can name.
    with op.batch_alter_table("auctions") as batch:
        batch.add_column(sa.Column("auction_id", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("auctions") as batch:
        batch.drop_column("auction_id")
