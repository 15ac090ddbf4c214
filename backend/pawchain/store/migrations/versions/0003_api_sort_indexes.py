"""The API's sort indexes: (owner, id), (generation, id), (cooldown_index, id).

The pet list sorts by generation or cooldown step with id as the tie-breaker and pages by
keyset, `(generation, id) > (:g, :id)`; a composite index answers filter, order and cursor
with one range scan (docs/api.md). They replace the single-column indexes on those columns,
whose work their prefixes do.

Chaining: the market's migration was written at the same time on another branch. Whichever
is merged second revises the other (they touch different tables and indexes, so their
order does not matter otherwise).
"""

from alembic import op

revision: str = "0003_api_sort_indexes"
down_revision: str | None = "0002_relay"

# (old single-column index, new composite index, its columns)
REPLACED = (
    ("ix_pets_owner", "ix_pets_owner_id", ["owner", "id"]),
    ("ix_pets_generation", "ix_pets_generation_id", ["generation", "id"]),
    ("ix_pets_cooldown_index", "ix_pets_cooldown_index_id", ["cooldown_index", "id"]),
)


def upgrade() -> None:
    for old, new, columns in REPLACED:
        op.create_index(new, "pets", columns)
        op.drop_index(old, table_name="pets")


def downgrade() -> None:
    for old, new, columns in REPLACED:
        op.create_index(old, "pets", columns[:1])
        op.drop_index(new, table_name="pets")
