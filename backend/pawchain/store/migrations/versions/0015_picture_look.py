"""Kept pictures name the edition of the drawing they were made by (`pictures.look`), so a
picture drawn before the drawing changed (fancy pets' looks, in edition 2) is drawn again
instead of being served for ever. Rows kept before this migration are edition 1.

Chaining: other migrations may be written at the same time on other branches; whichever is
merged second revises the other (this one only adds a column with a default to `pictures`).
"""

import sqlalchemy as sa
from alembic import op

revision: str = "0015_picture_look"
down_revision: str | None = "0014_pet_fancy"


def upgrade() -> None:
    # A plain ALTER TABLE on both databases (SQLite adds a column with a constant default in
    # place): the table holds megabytes of PNGs that a batch copy would rewrite.
    op.add_column("pictures", sa.Column("look", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    op.drop_column("pictures", "look")  # SQLite 3.35 and later drop a column in place
