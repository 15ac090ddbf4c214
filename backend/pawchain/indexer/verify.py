"""Tamper evidence: compare pets in the database with the chain, field by field.

The database is a cache; the chain is the truth. This reads each pet's record from the
contract (getPet, ownerOf, petNonce; in JSON-RPC batches, verify_calls) as of the
indexer's checkpoint block, so a chain that moved on since is not reported as a difference,
and lists every field that differs, including the columns derived from the genes (the eight
shown traits, the rarity tier), and the pet's row of `auctions` against getAuction and its
copies of the traits and tier against the genes (verify_auctions).

Checking every pet (`pet_ids` None) also checks the market tables that are not keyed by pet:
closed orders and signers' order counters against the order book (verify_orders), the fees
in force (verify_fees), and what the chain can confirm of trait offers (verify_trait_offers).
docs/server.md has the list.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from eth_typing import ABIComponent
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pawchain.chain import ChainReader
from pawchain.indexer.core import INDEXER_NAME, IndexerError
from pawchain.indexer.handlers.pets import CONTRACT, TRAIT_COLUMNS
from pawchain.indexer.verify_auctions import chain_auctions, compare_auctions, database_auctions
from pawchain.indexer.verify_calls import View, call_views, chunks
from pawchain.indexer.verify_fees import TABLE as FEES_TABLE
from pawchain.indexer.verify_fees import verify_fees
from pawchain.indexer.verify_orders import chain_fills, verify_orders
from pawchain.indexer.verify_rows import RowMismatch
from pawchain.indexer.verify_trait_offers import verify_trait_offers
from pawchain.rules.genetics import dominant_traits, rarity_tier
from pawchain.store import IndexerState, Pet, TraitOffer

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
PET_VIEWS = ("getPet", "ownerOf", "petNonce")  # per pet, in this order
NULLABLE_IDS = frozenset({"matron_id", "sire_id", "siring_with_id", "commit_block", "birth_seed"})
COMPARED = ("exists", "owner", "pet_nonce", *CHAIN_FIELDS, *TRAIT_COLUMNS, "rarity_tier")


@dataclass(frozen=True)
class Mismatch:
    """One field of one pet that the database and the chain disagree on."""

    pet_id: int
    field: str
    database: Any
    chain: Any


@dataclass(frozen=True)
class Report:
    """The outcome of a check: which pets, as of which block, and every difference; after a
    check of every pet, also the rows checked per market table and their differences."""

    block: int
    checked: list[int]
    mismatches: list[Mismatch] = field(default_factory=list)
    market_checked: dict[str, int] | None = None  # None: the market tables were not checked
    market_mismatches: list[RowMismatch] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.mismatches and not self.market_mismatches

    def to_json(self) -> dict[str, Any]:
        """For the API and `pawchain verify --json`; integers as strings (JavaScript loses
        precision above 2^53, and genes are 160 bits)."""
        return {
            "block": self.block,
            "checked": len(self.checked),
            "ok": self.ok,
            "mismatches": [
                {
                    "pet_id": m.pet_id,
                    "field": m.field,
                    "database": _text(m.database),
                    "chain": _text(m.chain),
                }
                for m in self.mismatches
            ],
            **(
                {}
                if self.market_checked is None
                else {
                    "market_checked": self.market_checked,
                    "market_mismatches": [
                        {
                            "table": m.table,
                            "key": m.key,
                            "field": m.field,
                            "database": _text(m.database),
                            "chain": _text(m.chain),
                        }
                        for m in self.market_mismatches
                    ],
                }
            ),
        }


def _text(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def chain_records(
    reader: ChainReader, pet_ids: Sequence[int], block: int
) -> dict[int, dict[str, Any] | None]:
    """What the contract says about each of `pet_ids` at `block`, in the pets table's terms;
    None for a pet that does not exist there (above totalSupply: pets are never burnt). Three
    view calls a pet, sent in JSON-RPC batches (verify_calls)."""
    supply = reader.call(CONTRACT, "totalSupply", [], block)
    existing = [pet_id for pet_id in pet_ids if 1 <= pet_id <= supply]
    views = [View(CONTRACT, function, (pet_id,)) for pet_id in existing for function in PET_VIEWS]
    answers = iter(call_views(reader, views, block))
    names = [item["name"] for item in _get_pet_outputs(reader)]
    records: dict[int, dict[str, Any] | None] = dict.fromkeys(pet_ids)
    for pet_id in existing:
        struct = dict(zip(names, next(answers), strict=True))
        record: dict[str, Any] = {column: struct[name] for column, name in CHAIN_FIELDS.items()}
        for column in NULLABLE_IDS:
            record[column] = record[column] or None
        record["owner"], record["pet_nonce"] = next(answers), next(answers)
        record.update(zip(TRAIT_COLUMNS, dominant_traits(record["genes"]), strict=True))
        record["rarity_tier"] = rarity_tier(record["genes"])
        records[pet_id] = record
    return records


def _get_pet_outputs(reader: ChainReader) -> Sequence[ABIComponent]:
    entry = next(
        e
        for e in reader.contract(CONTRACT).abi
        if e["type"] == "function" and e["name"] == "getPet"
    )
    return entry["outputs"][0]["components"]


def database_record(pet: Pet | None) -> dict[str, Any] | None:
    """The database's row in the same terms as chain_records."""
    if pet is None:
        return None
    return {column: getattr(pet, column) for column in COMPARED if column != "exists"}


def compare(
    pet_id: int, database: dict[str, Any] | None, chain: dict[str, Any] | None
) -> list[Mismatch]:
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


def verify(
    reader: ChainReader, sessions: sessionmaker[Session], pet_ids: Iterable[int] | None = None
) -> Report:
    """Compare `pet_ids` (default: every pet on the chain or in the database, and then the
    market tables too) at the checkpoint."""
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
        for part in chunks(ids):
            rows = {
                pet.id: pet for pet in session.scalars(select(Pet).where(Pet.id.in_(list(part))))
            }
            chain = chain_records(reader, part, block)
            for pet_id in part:
                mismatches += compare(pet_id, database_record(rows.get(pet_id)), chain[pet_id])
            found = compare_auctions(
                part, database_auctions(session, part), chain_auctions(reader, part, block, chain)
            )
            mismatches += [Mismatch(*difference) for difference in found]
        if pet_ids is not None:
            return Report(block=block, checked=ids, mismatches=mismatches)
        fills = chain_fills(reader, state.deploy_block, block)
        checked, market = verify_orders(reader, session, fills, block)
        checked[TraitOffer.__tablename__], found_offers = verify_trait_offers(
            reader, session, fills, block
        )
        checked[FEES_TABLE] = 1
        found_fees = verify_fees(reader, session, block)
    return Report(
        block=block,
        checked=ids,
        mismatches=mismatches,
        market_checked=checked,
        market_mismatches=market + found_offers + found_fees,
    )
