"""Fancy pets: pets.fancy, the fancy a born pet's genes show (pawchain.rules.fancies), indexed.

Rows indexed before this migration keep NULL until `pawchain reindex` (a migration imports no
rules: they may change after it is written). Chaining: other migrations may be written at the
same time on other branches; whichever is merged second revises the other (this one only adds
a nullable column and its index to `pets`).
"""

import sqlalchemy as sa
from alembic import op

from pawchain.store.migrations import columns as col

revision: str = "0014_pet_fancy"
down_revision: str | None = "0013_pet_names"


def upgrade() -> None:
    with op.batch_alter_table("pets") as batch:
        batch.add_column(sa.Column("fancy", sa.String(32), nullable=True))
    col.create_index("pets", "fancy")


def downgrade() -> None:
    op.drop_index(op.f("ix_pets_fancy"), table_name="pets")
    with op.batch_alter_table("pets") as batch:
        batch.drop_column("fancy")
