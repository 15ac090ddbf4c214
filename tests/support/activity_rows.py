"""Activity rows committed the way the indexer commits a batch (numbered from the checkpoint,
announced to PostgreSQL listeners), without a chain: for the live stream's tests and its
benchmark, which need events on demand and their commit times."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from pawchain.indexer.core import INDEXER_NAME
from pawchain.store import Activity, IndexerState, SignedOrder, transaction
from pawchain.store.event_feed import announce_events, take_event_ids

SELLER = "0x" + "5e" * 20
BUYER = "0x" + "b0" * 20


def transfer(pet_id: int, sender: str, receiver: str) -> tuple[str, str, dict[str, Any]]:
    return "PetToken", "Transfer", {"from": sender, "to": receiver, "tokenId": pet_id}


def sale(pet_id: int, price: int) -> tuple[str, str, dict[str, Any]]:
    return (
        "ClockAuctionHouse",
        "AuctionWon",
        {"petId": pet_id, "seller": SELLER, "winner": BUYER, "price": price},
    )


def seed_sealed(pet_id: int) -> tuple[str, str, dict[str, Any]]:
    """An event the stream does not carry."""
    return "PetToken", "BirthSeedSealed", {"matronId": pet_id, "birthSeed": 7}


def pregnancy(matron_id: int, sire_id: int, due_at: int) -> tuple[str, str, dict[str, Any]]:
    return (
        "PetToken",
        "Pregnant",
        {"matronId": matron_id, "sireId": sire_id, "dueAt": due_at, "birthFee": 0},
    )


@dataclass
class ActivityWriter:
    """Commits batches of events at new blocks, and remembers when each id was committed."""

    sessions: sessionmaker[Session]
    block: int = 1
    committed_at: dict[int, float] = field(default_factory=dict)

    def checkpoint(self) -> None:
        with transaction(self.sessions) as session:
            if session.get(IndexerState, INDEXER_NAME) is None:
                session.add(
                    IndexerState(
                        name=INDEXER_NAME,
                        chain_id=1337,
                        deploy_block=1,
                        deploy_block_hash="0x" + "00" * 32,
                        block_number=0,
                        block_hash="0x" + "00" * 32,
                        last_event_id=0,
                    )
                )

    def commit(self, events: list[tuple[str, str, dict[str, Any]]]) -> list[int]:
        """One batch in one block: returns the events' ids."""
        with transaction(self.sessions) as session:
            first = take_event_ids(session, len(events))
            assert first is not None  # checkpoint() made the counter's row
            rows = [
                {
                    "block_number": self.block,
                    "tx_hash": f"0x{self.block:032x}{index:032x}",
                    "log_index": index,
                    "tx_index": index,
                    "block_hash": f"0x{self.block:064x}",
                    "block_time": 1_700_000_000 + self.block,
                    "contract": contract,
                    "event": event,
                    "pet_id": _pet_of(args),
                    "other_pet_id": None,
                    "args": args,
                    "event_id": first + index,
                }
                for index, (contract, event, args) in enumerate(events)
            ]
            session.execute(Activity.__table__.insert(), rows)
            announce_events(session, first + len(events) - 1)
        now = time.time()
        ids = [first + index for index in range(len(events))]
        self.committed_at.update(dict.fromkeys(ids, now))
        self.block += 1
        return ids

    def order(self, kind: str, pet_id: int, signer: str, price: int) -> int:
        """A signed order stored as the order book stores one it accepted; returns its id."""
        with transaction(self.sessions) as session:
            event_id = take_event_ids(session, 1)
            assert event_id is not None
            session.add(
                SignedOrder(
                    hash=f"0x{event_id:064x}",
                    kind=kind,
                    signer=signer,
                    pet_id=pet_id,
                    price=price,
                    pet_nonce=0,
                    expiry=2_000_000_000,
                    counter=0,
                    max_fee_bps=None,
                    signature="0x" + "00" * 65,
                    created_at=1_700_000_000 + self.block,
                    event_id=event_id,
                )
            )
            announce_events(session, event_id)
        self.committed_at[event_id] = time.time()
        return event_id


def _pet_of(args: dict[str, Any]) -> int | None:
    for name in ("tokenId", "petId", "matronId"):
        if name in args:
            return int(args[name])
    return None
