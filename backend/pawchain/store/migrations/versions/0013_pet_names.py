"""Pet names: the names owners signed, kept off chain (pawchain.store.name_models)."""

import sqlalchemy as sa
from alembic import op

from pawchain.store.migrations import columns as col

revision: str = "0013_pet_names"
down_revision: str | None = "0012_event_ids"

NAME_LENGTH = 96  # 24 characters of up to 4 UTF-8 bytes each


def upgrade() -> None:
    # No foreign key to pets: a reindex empties pets, and the names outlive it.
    op.create_table(
        "pet_names",
        sa.Column("pet_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(NAME_LENGTH), nullable=False),
        sa.Column("name_key", sa.String(NAME_LENGTH), nullable=False),
        sa.Column("named_by", sa.String(42), nullable=False),
        sa.Column("issued_at", sa.BigInteger(), nullable=False),
        sa.Column("signature", sa.LargeBinary(65), nullable=False),
        col.primary_key("pet_names", "pet_id"),
        sa.UniqueConstraint("name_key", name=op.f("uq_pet_names_name_key")),
    )


def downgrade() -> None:
    op.drop_table("pet_names")
