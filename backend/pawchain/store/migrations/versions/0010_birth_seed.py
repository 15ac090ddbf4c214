"""A pregnancy's sealed birth seed: pets.birth_seed, NULL until sealed.

Chaining: other migrations may be written at the same time on other branches. Whichever is
merged second revises the other (this one only adds a nullable column to `pets`).
"""

import sqlalchemy as sa
from alembic import op

from pawchain.store.types import Uint256

revision: str = "0010_birth_seed"
down_revision: str | None = "0009_auction_id"


def upgrade() -> None:
    with op.batch_alter_table("pets") as batch:
        batch.add_column(sa.Column("birth_seed", Uint256(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("pets") as batch:
        batch.drop_column("birth_seed")
