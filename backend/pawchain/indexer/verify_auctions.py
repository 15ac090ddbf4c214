"""The tamper check of the `auctions` table: each pet's row against ClockAuctionHouse.getAuction.

Read for every pet the check covers, whether or not the database has an auction for it, so a
chain auction missing from the database is found too (reverse direction) at no extra query:
getAuction of a pet with no auction is the zero record (kind None). `created_block` is not
compared: the contract does not keep it (the auction's start time is what it stores).

Each auction also copies its pet's eight shown traits and rarity tier (migration 0017), which
the market's searches read instead of the pet's row: they are compared with what the chain's
genes show (the same values the pet's own row is checked against), so a tampered copy is found
even where the pet's row is right.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pawchain.chain import ChainReader
from pawchain.indexer.verify_calls import View, call_views
from pawchain.store import Auction
from pawchain.store.market_models import PET_COLUMNS

CONTRACT = "ClockAuctionHouse"
# The auctions table's columns that the contract's record determines (ends_at is derived).
COMPARED = (
    "auction_id",
    "kind",
    "seller",
    "start_price",
    "end_price",
    "started_at",
    "duration",
    "ends_at",
    *PET_COLUMNS,  # the pet's copies: from its genes on chain
)
STRUCT_FIELDS = {
    "auction_id": "auctionId",
    "kind": "kind",
    "seller": "seller",
    "start_price": "startPrice",
    "end_price": "endPrice",
    "started_at": "startedAt",
    "duration": "duration",
}  # column -> getAuction's struct field
FIELD_PREFIX = "auction."  # pet mismatches of the auction row are named auction.<column>


def chain_auctions(
    reader: ChainReader,
    pet_ids: Sequence[int],
    block: int,
    pets: dict[int, dict[str, Any] | None],
) -> dict[int, dict[str, Any]]:
    """The open auctions of `pet_ids` at `block`, by pet, in the auctions table's terms; the
    copies of the pet's traits and tier from `pets` (verify.chain_records: the chain's pets at
    `block`, in the pets table's terms)."""
    records = call_views(
        reader, [View(CONTRACT, "getAuction", (pet_id,)) for pet_id in pet_ids], block
    )
    entry = reader.contract(CONTRACT).get_function_by_name("getAuction").abi
    names = [
        item["name"] for item in entry["outputs"][0]["components"]
    ]  # by name: fields may be added
    auctions = {}
    for pet_id, record in zip(pet_ids, records, strict=True):
        struct = dict(zip(names, record, strict=True))
        if struct["kind"]:  # AuctionKind.None: no auction
            auctions[pet_id] = {column: struct[name] for column, name in STRUCT_FIELDS.items()}
            auctions[pet_id]["ends_at"] = struct["startedAt"] + struct["duration"]
            pet = pets.get(pet_id) or {}  # the house holds the pet: it exists on chain
            auctions[pet_id].update({column: pet.get(column) for column in PET_COLUMNS})
    return auctions


def database_auctions(session: Session, pet_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """The auctions table's rows of `pet_ids`, by pet (one query)."""
    rows = session.scalars(select(Auction).where(Auction.pet_id.in_(list(pet_ids))))
    return {row.pet_id: {column: getattr(row, column) for column in COMPARED} for row in rows}


def compare_auctions(
    pet_ids: Sequence[int], database: dict[int, dict[str, Any]], chain: dict[int, dict[str, Any]]
) -> list[tuple[int, str, Any, Any]]:
    """(pet, field, database, chain) for every difference; field `auction` when only one side
    has an auction, else `auction.<column>`."""
    found = []
    for pet_id in pet_ids:
        ours, theirs = database.get(pet_id), chain.get(pet_id)
        if ours is None or theirs is None:
            if ours is not theirs:
                found.append(
                    (pet_id, FIELD_PREFIX.rstrip("."), ours is not None, theirs is not None)
                )
            continue
        found += [
            (pet_id, FIELD_PREFIX + column, ours[column], theirs[column])
            for column in COMPARED
            if ours[column] != theirs[column]
        ]
    return found
