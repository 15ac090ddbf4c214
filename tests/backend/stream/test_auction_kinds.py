"""An auction's kind has one name in every answer: the live stream's `auction_created` says the
name the market's `kind=` filter takes and its auctions carry (sale, siring, gen0)."""

from __future__ import annotations

import pytest

from pawchain.store import Activity
from pawchain.stream.events import StreamEvent

SELLER = "0x" + "5e" * 20


def auction_created(kind: int) -> Activity:
    """The activity row of an AuctionCreated of `kind` (IClockAuctionHouse.AuctionKind)."""
    return Activity(
        block_number=10,
        tx_hash="0x" + "ab" * 32,
        log_index=0,
        tx_index=0,
        block_hash="0x" + "cd" * 32,
        block_time=1_700_000_000,
        contract="ClockAuctionHouse",
        event="AuctionCreated",
        pet_id=7,
        other_pet_id=None,
        args={
            "petId": 7,
            "seller": SELLER,
            "kind": kind,
            "startPrice": 10**16,
            "endPrice": 10**15,
            "duration": 86_400,
        },
        event_id=42,
    )


@pytest.mark.parametrize(("kind", "name"), [(1, "sale"), (2, "siring"), (3, "gen0")])
def test_the_stream_names_an_auctions_kind_as_the_market_does(
    kind: int, name: str, api_kind_names: list[str]
) -> None:
    event = StreamEvent.from_row(auction_created(kind))
    assert event is not None
    assert event.data["kind"] == name
    assert name in api_kind_names


@pytest.fixture(scope="module")
def api_kind_names() -> list[str]:
    """The names the market's `kind=` filter accepts, from the app's OpenAPI description."""
    from pawchain.web.market.routes import AuctionQuery

    field = AuctionQuery().fields["kind"]
    return list(field.validate.choices)  # type: ignore[union-attr]  # a OneOf
