"""The market's tables equal the chain: open auctions (getAuction), the price twin
(currentPrice), sales (their events), closed orders and counters (isCancelled, orderCounter)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from sqlalchemy import select

from pawchain.rules.auction_clock import current_price
from pawchain.store import Activity, Auction, ClosedOrder, OrderCounter, Sale
from pawchain.stream import EVENT_TYPES, StreamEvent
from tests.support.indexing import IndexerMaker, auction_copies_unlike_pets
from tests.support.market_moves import SALE, SIRING, create_auction
from tests.support.pet_game import PetGame

SALE_EVENTS = {"AuctionWon", "SiringAuctionWon", "ListingFilled", "OfferAccepted"}


def test_open_auctions_equal_get_auction_for_every_pet(
    season: PetGame, database_url: str, make_indexer: IndexerMaker
):
    indexer = make_indexer(database_url, season)
    indexer.sync()
    on_chain = {}
    for pet in range(1, season.pets.functions.totalSupply().call() + 1):
        seller, started_at, duration, kind, auction_id, start, end = (
            season.auctions.functions.getAuction(pet).call()
        )
        if kind:
            on_chain[pet] = (
                auction_id,
                kind,
                seller,
                start,
                end,
                started_at,
                duration,
                started_at + duration,
            )
    with indexer.sessions() as session:
        stored = {
            a.pet_id: (
                a.auction_id,
                a.kind,
                a.seller,
                a.start_price,
                a.end_price,
                a.started_at,
                a.duration,
                a.ends_at,
            )
            for a in session.scalars(select(Auction))
        }
    assert stored == on_chain
    assert {row[1] for row in stored.values()} == {
        SALE,
        SIRING,
    }  # the season leaves both kinds open
    # Each carries its pet's shown traits and tier (created, cancelled and created again,
    # won: play_market), as the market's trait searches read them.
    assert auction_copies_unlike_pets(indexer) == []


def test_every_sale_matches_its_event(
    season: PetGame, database_url: str, make_indexer: IndexerMaker
):
    indexer = make_indexer(database_url, season)
    indexer.sync()
    logs = [
        log
        for log in indexer.reader.logs(season.deploy_block, season.head())
        if log.event in SALE_EVENTS
    ]
    with indexer.sessions() as session:
        sales = {(s.block_number, s.tx_hash, s.log_index): s for s in session.scalars(select(Sale))}
    assert len(sales) == len(logs) == 4  # one of each venue
    for log in logs:
        sale = sales[(log.block_number, log.tx_hash, log.log_index)]
        assert sale.pet_id == log.args.get("petId", log.args.get("sireId"))
        assert (sale.seller, sale.price) == (log.args["seller"], log.args["price"])
        assert sale.buyer == log.args.get("buyer", log.args.get("winner"))
        assert sale.currency == ("WETH" if log.event == "OfferAccepted" else "ETH")
    assert {s.venue for s in sales.values()} == {"auction", "siring_auction", "listing", "offer"}
    # The live stream's events of the same rows: every type, and each sale as the table has it.
    with indexer.sessions() as session:
        rows = session.scalars(select(Activity).order_by(Activity.event_id)).all()
    streamed = _stream(rows)
    assert {event.type for event in streamed} == set(EVENT_TYPES.values())
    priced = {
        (e.data["block"], e.data["tx_hash"]): e.data for e in streamed if "price_wei" in e.data
    }
    assert len(priced) == len(sales)
    for (block, tx_hash, _), sale in sales.items():
        data = priced[(block, tx_hash)]
        assert (data["price_wei"], data["seller"], data["buyer"]) == (
            str(sale.price),
            sale.seller.lower(),
            sale.buyer.lower(),
        )


def _stream(rows: Sequence[Activity]) -> list[StreamEvent]:
    return [event for row in rows if (event := StreamEvent.from_row(row)) is not None]


def test_closed_orders_and_counters_equal_the_order_book(
    season: PetGame, database_url: str, make_indexer: IndexerMaker
):
    indexer = make_indexer(database_url, season)
    indexer.sync()
    with indexer.sessions() as session:
        orders = list(session.scalars(select(ClosedOrder)))
        counters = list(session.scalars(select(OrderCounter)))
    cancelled = [o for o in orders if o.cancelled_block is not None]
    assert len(orders) == 3 and len(cancelled) == 1  # two filled, one cancelled
    for order in cancelled:
        assert season.orders.functions.isCancelled(
            order.signer, bytes.fromhex(order.order_hash[2:])
        ).call()
    assert len(counters) == 1
    for counter in counters:
        assert counter.counter == season.orders.functions.orderCounter(counter.signer).call() == 1


@pytest.mark.parametrize(
    ("start", "end", "duration"), [(10**18, 10**17, 3600), (10**15, 7 * 10**15 + 3, 61)]
)
def test_the_price_twin_equals_current_price_at_every_block(
    chain_url: str, start: int, end: int, duration: int
):
    game = PetGame.deploy(chain_url)
    pet = game.mint(game.account(1))
    create_auction(game, pet, start, end, duration)
    started_at = game.auctions.functions.getAuction(pet).call()[1]
    for step in (0, 7, duration // 3, duration // 2 + 1, duration - 1, duration, duration * 2):
        game.advance(max(started_at + step - game.web3.eth.get_block("latest")["timestamp"], 0))
        block = game.web3.eth.get_block("latest")
        on_chain = game.auctions.functions.currentPrice(pet).call(block_identifier=block["number"])
        assert current_price(start, end, started_at, duration, block["timestamp"]) == on_chain
