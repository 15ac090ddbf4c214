"""Tamper evidence: compare pets in the database with the chain, field by field.

The database is a cache; the chain is the truth. This reads each pet's record from the
contract (getPet, ownerOf, transferNonce) as of the indexer's checkpoint block, so a chain
that moved on since is not reported as a difference, and lists every field that differs,
including the columns derived from the genes (the eight shown traits, the rarity tier).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from web3.exceptions import ContractLogicError

from pawchain.chain import ChainReader
from pawchain.genetics import dominant_traits, rarity_tier
from pawchain.indexer.core import INDEXER_NAME, IndexerError
from pawchain.indexer.handlers.pets import CONTRACT, TRAIT_COLUMNS
from pawchain.store import IndexerState, Pet

# getPet's struct fields that the pets table holds, by column (0 on chain is NULL here).
CHAIN_FIELDS = {
    "genes": "genes",
    "birth_time": "birthTime",
    "cooldown_end": "cooldownEnd",
    "matron_id": "matronId",
    "sire_id": "sireId",
    "siring_with_id": "siringWithId",
    "commit_block": "commitBlock",
    "generation": "generation",
    "cooldown_index": "cooldownIndex",
    "birth_fee": "birthFee",
    "litters": "litters",
    "birth_seed": "birthSeed",
}
NULLABLE_IDS = frozenset({"matron_id", "sire_id", "siring_with_id", "commit_block", "birth_seed"})
COMPARED = ("exists", "owner", "transfer_nonce", *CHAIN_FIELDS, *TRAIT_COLUMNS, "rarity_tier")


@dataclass(frozen=True)
class Mismatch:
    """One field of one pet that the database and the chain disagree on."""

    pet_id: int
    field: str
    database: Any
    chain: Any


@dataclass(frozen=True)
class Report:
    """The outcome of a check: which pets, as of which block, and every difference."""

    block: int
    checked: list[int]
    mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.mismatches

    def to_json(self) -> dict[str, Any]:
        """For the API and `pawchain verify --json`; integers as strings (JavaScript loses
        precision above 2^53, and genes are 160 bits)."""
        return {
            "block": self.block,
            "checked": len(self.checked),
            "ok": self.ok,
            "mismatches": [
                {"pet_id": m.pet_id, "field": m.field, "database": _text(m.database), "chain": _text(m.chain)}
                for m in self.mismatches
            ],
        }


def _text(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def chain_record(reader: ChainReader, pet_id: int, block: int) -> dict[str, Any] | None:
    """What the contract says about `pet_id` at `block`, in the pets table's terms; None if
    no such pet exists there."""
    try:
        pet = reader.call(CONTRACT, "getPet", [pet_id], block)
    except ContractLogicError:
        return None  # ERC721NonexistentToken
    struct = dict(zip([item["name"] for item in _get_pet_outputs(reader)], pet, strict=True))
    record: dict[str, Any] = {column: struct[name] for column, name in CHAIN_FIELDS.items()}
    for column in NULLABLE_IDS:
        record[column] = record[column] or None
    record["owner"] = reader.call(CONTRACT, "ownerOf", [pet_id], block)
    record["transfer_nonce"] = reader.call(CONTRACT, "transferNonce", [pet_id], block)
    record.update(zip(TRAIT_COLUMNS, dominant_traits(record["genes"]), strict=True))
    record["rarity_tier"] = rarity_tier(record["genes"])
    return record


def _get_pet_outputs(reader: ChainReader) -> list[dict[str, Any]]:
    entry = next(e for e in reader.contract(CONTRACT).abi if e.get("type") == "function" and e["name"] == "getPet")
    return entry["outputs"][0]["components"]


def database_record(pet: Pet | None) -> dict[str, Any] | None:
    """The database's row in the same terms as chain_record."""
    if pet is None:
        return None
    return {column: getattr(pet, column) for column in COMPARED if column != "exists"}


def compare(pet_id: int, database: dict[str, Any] | None, chain: dict[str, Any] | None) -> list[Mismatch]:
    """Every difference between the two records of one pet."""
    if database is None or chain is None:
        if database is None and chain is None:
            return []
        return [Mismatch(pet_id, "exists", database is not None, chain is not None)]
    return [
        Mismatch(pet_id, column, database[column], chain[column])
        for column in COMPARED
        if column != "exists" and database[column] != chain[column]
    ]


def verify(reader: ChainReader, sessions: sessionmaker[Session], pet_ids: Iterable[int] | None = None) -> Report:
    """Compare `pet_ids` (default: every pet on the chain or in the database) at the checkpoint."""
    with sessions() as session:
        state = session.get(IndexerState, INDEXER_NAME)
        if state is None or state.block_number < state.deploy_block:
            raise IndexerError("nothing indexed yet: run `pawchain index` first")
        block = state.block_number
        if pet_ids is None:
            supply = reader.call(CONTRACT, "totalSupply", [], block)
            ids = sorted(set(range(1, supply + 1)) | set(session.scalars(select(Pet.id))))
        else:
            ids = sorted(set(pet_ids))
        mismatches: list[Mismatch] = []
        for pet_id in ids:
            mismatches += compare(pet_id, database_record(session.get(Pet, pet_id)), chain_record(reader, pet_id, block))
    return Report(block=block, checked=ids, mismatches=mismatches)
