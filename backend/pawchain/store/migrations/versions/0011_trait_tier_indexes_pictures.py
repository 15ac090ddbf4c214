"""The market's trait filters indexed with the rarity tier, and the pictures drawn once.

- (trait, rarity_tier) for each of the eight trait columns, replacing the single-column trait
  indexes (their prefixes do that work): a search by one trait and a tier is one index range
  of pet ids, with no row read per pet (docs/benchmarks.md, HTTP).
- `pictures`: each genome's PNG, drawn once (by `pawchain pictures`, or by the first worker
  that serves it) and read by every worker on every machine.

Chaining: other migrations may be written at the same time on other branches. Whichever is
merged second revises the other (this one touches only the pets' trait indexes and a new table).
"""

import sqlalchemy as sa
from alembic import op

from pawchain.store.migrations import columns as col

revision: str = "0011_trait_tier_indexes"
down_revision: str | None = "0010_birth_seed"

# Frozen here (not imported from the models): a migration describes the schema as it was.
TRAITS = "body_shape pattern eye_shape eye_colour mouth body_colour pattern_colour belly_colour"


def upgrade() -> None:
    for trait in TRAITS.split():
        col.create_index("pets", trait, "rarity_tier")
        op.drop_index(f"ix_pets_{trait}", table_name="pets")
    op.create_table(
        "pictures",
        sa.Column("genes_hex", sa.String(64), nullable=False),
        sa.Column("png", sa.LargeBinary(), nullable=False),
        col.primary_key("pictures", "genes_hex"),
    )


def downgrade() -> None:
    op.drop_table("pictures")
    for trait in TRAITS.split():
        col.create_index("pets", trait)
        op.drop_index(f"ix_pets_{trait}_rarity_tier", table_name="pets")
