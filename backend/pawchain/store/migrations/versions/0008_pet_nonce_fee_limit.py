"""Signed orders bind the pet's state and the seller's fees: `pets.transfer_nonce` becomes
`pets.pet_nonce` (PetToken's petNonce, which breedings and births advance too), and a
listing keeps its signed fee limit (`orders.max_fee_bps`, NULL for offers).

The pets table is a projection: after this migration `pawchain reindex` re-derives the
nonces with the breedings and births counted (the column's old values counted transfers
only). Orders stored before it were signed without a fee limit, for the previous order
book: the new contracts verify none of them.
"""

import sqlalchemy as sa
from alembic import op

revision: str = "0008_pet_nonce_fee_limit"
down_revision: str | None = "0007_sessions"


def upgrade() -> None:
    _rename_pets_column("transfer_nonce", "pet_nonce")
    with op.batch_alter_table("orders") as batch:
        batch.add_column(sa.Column("max_fee_bps", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("orders") as batch:
        batch.drop_column("max_fee_bps")
    _rename_pets_column("pet_nonce", "transfer_nonce")


def _rename_pets_column(old: str, new: str) -> None:
    with op.batch_alter_table("pets") as batch:
        batch.alter_column(
            old,
            new_column_name=new,
            existing_type=sa.BigInteger(),
            existing_nullable=False,
        )
