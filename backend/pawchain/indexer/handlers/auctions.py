"""The `auctions` table: ClockAuctionHouse's open auctions, key the pet.

AuctionCreated opens a row with the auction's id and terms and the block's time as its start
(the contract stores `block.timestamp`); AuctionWon, SiringAuctionWon (of the sire) and
AuctionCancelled delete it, as the contract deletes its record. Every row written (forward,
or folded again after a reorganisation) then takes its pet's shown traits and tier from the
pet's row, which the pets' projection (run first) has written: the market's trait searches
filter the auctions by them (store.market_models).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from sqlalchemy import ColumnElement, update
from sqlalchemy.orm import Session

from pawchain.indexer.events import ChainEvent
from pawchain.indexer.handlers.base import HandlerError
from pawchain.indexer.handlers.table import TableProjection
from pawchain.store import Activity, Auction, Pet
from pawchain.store.market_models import PET_COLUMNS

CONTRACT = "ClockAuctionHouse"
# Each event's pet argument: the pet whose auction it opens or closes.
AUCTION_PET = {
    "AuctionCreated": "petId",
    "AuctionWon": "petId",
    "SiringAuctionWon": "sireId",
    "AuctionCancelled": "petId",
}


@dataclass
class AuctionState:
    """An open auction as the `auctions` row holds it (the key, pet_id, apart)."""

    auction_id: int
    kind: int
    seller: str
    start_price: int
    end_price: int
    started_at: int
    duration: int
    ends_at: int
    created_block: int


class AuctionProjection(TableProjection[int, AuctionState]):
    """The `auctions` table."""

    model = Auction
    events = frozenset((CONTRACT, event) for event in AUCTION_PET)

    def keys(self, event: ChainEvent) -> tuple[int, ...]:
        argument = AUCTION_PET.get(event.event) if event.contract == CONTRACT else None
        return (int(event.args[argument]),) if argument else ()

    def apply(self, state: AuctionState | None, key: int, event: ChainEvent) -> AuctionState | None:
        if event.event != "AuctionCreated":
            if state is None:
                raise HandlerError(
                    f"{event.event} of pet {key} in block {event.block_number}: the index has no open auction"
                )
            return None
        if state is not None:
            raise HandlerError(
                f"AuctionCreated of pet {key} in block {event.block_number}: its auction is already open"
            )
        args = event.args
        return AuctionState(
            auction_id=args["auctionId"],
            kind=args["kind"],
            seller=args["seller"],
            start_price=args["startPrice"],
            end_price=args["endPrice"],
            started_at=event.block_time,
            duration=args["duration"],
            ends_at=event.block_time + args["duration"],
            created_block=event.block_number,
        )

    def save(self, session: Session, states: Mapping[int, AuctionState | None]) -> None:
        super().save(session, states)
        written = [key for key, state in states.items() if state is not None]
        if written:  # one UPDATE ... FROM pets for the batch, on both databases
            session.execute(
                update(Auction)
                .where(Auction.pet_id.in_(written), Pet.id == Auction.pet_id)
                .values({column: getattr(Pet, column) for column in PET_COLUMNS})
            )

    def history_filter(self, keys: Collection[int]) -> ColumnElement[bool]:
        return Activity.pet_id.in_(list(keys))
