"""A counter of the names written (`pet_name_changes`, one row): the answer cache's data version
read it instead of the count and sum of every name's `issued_at`, a scan of `pet_names` every
0.1 s in every web worker (queries/data_version.py).

Chaining: other migrations may be written at the same time on other branches; whichever is
merged second revises the other (this one only adds a table and its row).
"""

import sqlalchemy as sa
from alembic import op

from pawchain.store.migrations import columns as col

revision: str = "0020_name_changes"
down_revision: str | None = "0019_relay_claims"


def upgrade() -> None:
    changes = op.create_table(
        "pet_name_changes",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("counter", sa.BigInteger(), nullable=False),
        col.primary_key("pet_name_changes", "id"),
    )
    # Starts at the names already written: any value does, the version only has to move.
    names = sa.select(sa.func.count()).select_from(sa.table("pet_names"))
    op.execute(
        changes.insert().from_select(
            ["id", "counter"], sa.select(sa.literal(1), names.scalar_subquery())
        )
    )


def downgrade() -> None:
    op.drop_table("pet_name_changes")
