"""A reorganisation that undoes what killed an order revives it: the order's state is judged
from projections the indexer re-derives (pets, cancellations, the fees in force), so nothing
of the order book needs undoing. And a
reindex keeps the book (it is no cache of the chain) while it rebuilds those facts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, func, select

from pawchain.store import MARKET_FEES_ROW, MarketFees, Pet, clear_all, transaction
from pawchain.web.core.database import engine_of
from tests.backend.orderbook.conftest import make_book
from tests.support import market_moves as market
from tests.support.pet_game import PetGame


def test_a_reorganisation_that_undoes_the_kills_revives_the_orders(
    chain_url: str, new_database: Callable[[], str], tmp_path: Path
):
    game = PetGame.deploy(chain_url, seed=13)
    engines: list[Engine] = []
    book = make_book(game, new_database(), tmp_path, engines)
    try:
        seller = game.account(1)
        _, cancelled_signed, cancelled = book.listed(seller, 10**16)
        moved_pet, _, moved = book.listed(seller, 2 * 10**16)
        _, _, counted = book.listed(game.account(2), 3 * 10**16)
        matron, _, matron_listing = book.listed(seller, 4 * 10**16)
        sire, _, sire_listing = book.listed(seller, 5 * 10**16)
        cut, royalty = market.fees_in_force(game)
        _, _, at_limit = book.listed(seller, 6 * 10**16, max_fee_bps=cut + royalty)
        orders = (cancelled, moved, counted, matron_listing, sire_listing, at_limit)
        book.sync()
        snapshot = game.rpc("evm_snapshot")
        game.send(game.orders.functions.setCutBps(cut + 1), game.account(0))
        market.cancel_order(game, "Listing", cancelled_signed)
        game.transfer(moved_pet, game.account(3))
        market.cancel_all_orders(game, game.account(2))
        game.breed(matron, sire)  # both pet nonces advance
        book.sync()
        assert [book.state(h) for h in orders] == [
            "cancelled",
            "stale",
            "cancelled",
            "stale",
            "stale",
            "fees_above_limit",
        ]
        height = game.head()
        assert game.rpc("evm_revert", snapshot)
        game.mine(height - game.head() + 2)  # a longer chain without those transactions
        book.sync()
        assert [book.state(h) for h in orders] == ["live"] * 6
        with transaction(book.indexer.sessions) as session:
            fees = session.get(MarketFees, MARKET_FEES_ROW)
            assert fees is not None and (fees.cut_bps, fees.royalty_bps) == (cut, royalty)
    finally:
        engine_of(book.app).dispose()
        for engine in engines:
            engine.dispose()


def test_reindex_keeps_the_book_and_rebuilds_the_facts_it_is_judged_by(
    order_game: PetGame, new_database: Callable[[], str], tmp_path: Path
):
    engines: list[Engine] = []
    book = make_book(order_game, new_database(), tmp_path, engines)
    try:
        pet, _, listing = book.listed(order_game.account(1), 10**16)
        order_game.transfer(pet, order_game.account(2))
        book.sync()
        assert book.state(listing) == "stale"
        with transaction(book.indexer.sessions) as session:
            clear_all(session)  # what `pawchain reindex` does first
            assert session.scalar(select(func.count()).select_from(Pet)) == 0
        assert book.state(listing) == "live"  # nothing indexed: nothing says it died
        book.sync()
        assert book.state(listing) == "stale"
    finally:
        engine_of(book.app).dispose()
        for engine in engines:
            engine.dispose()
