"""The pet names table: names owners signed, stored off chain (docs/rules.md, Pet names).

No cache of the chain: a name is kept across transfers and reindexing (`pawchain reindex`
keeps the table), so it has no foreign key to `pets`, which a reindex empties.

Plain model: no queries, no infrastructure.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from pawchain.store.models import Base
from pawchain.store.types import ADDRESS

# 24 characters (pawchain.rules.pet_names.MAX_NAME_LENGTH) of up to 4 UTF-8 bytes each: a
# length in characters on PostgreSQL, generous on SQLite.
NAME_COLUMN_LENGTH = 96


class PetName(Base):
    """The name a pet's owner signed last (EIP-712 PetName, chain/typed_data.py)."""

    __tablename__ = "pet_names"

    pet_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(NAME_COLUMN_LENGTH))  # NFC, as signed
    # pet_names.name_key: unique, so two pets cannot hold look-alike names even when two
    # renames race; indexed for the list's prefix search.
    name_key: Mapped[str] = mapped_column(String(NAME_COLUMN_LENGTH), unique=True)
    named_by: Mapped[str] = mapped_column(ADDRESS)  # the owner who signed, when it was signed
    issued_at: Mapped[int] = mapped_column(BigInteger)  # unix seconds, signed: later wins
    signature: Mapped[bytes] = mapped_column(LargeBinary(65))


class NameChanges(Base):
    """One row counting the names ever written, raised in the transaction that writes one: the
    answer cache's data version (queries/data_version.py) reads this row rather than the names."""

    __tablename__ = "pet_name_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)  # ONLY_ROW
    counter: Mapped[int] = mapped_column(BigInteger)


ONLY_ROW = 1  # the migration (0020) writes it; nothing deletes it
NAME_TABLES = frozenset({PetName.__tablename__, NameChanges.__tablename__})
