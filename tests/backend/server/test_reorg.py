"""Reorganisations: Ganache replaces blocks already indexed (evm_snapshot, other
transactions, evm_revert, yet other transactions at the same heights); the index must end
equal to a fresh index of the chain that won."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from pawchain.indexer import Indexer, IndexerError, verify
from pawchain.store import Activity
from tests.support import market_moves as market
from tests.support.indexing import IndexerMaker, auction_copies_unlike_pets, dump
from tests.support.pet_game import PetGame


def _common_past(game: PetGame) -> list[int]:
    """Pets, a pregnancy and two open auctions that both forks inherit."""
    owner, other = game.account(1), game.account(2)
    pets = [
        game.mint(owner),
        game.mint(owner),
        game.mint(other),
        game.mint(other),
        game.mint(other),
        game.mint(other),
    ]
    game.breed(pets[0], pets[1])
    market.create_auction(game, pets[4], 10**17, 10**16, 600)
    market.create_auction(game, pets[5], 10**16, 10**15, 600, kind=market.SIRING)
    return pets


def _fork_a(game: PetGame, pets: list[int]) -> None:
    """Births, a new generation, transfers: what the reorganisation must undo."""
    child = game.give_birth(pets[0])
    game.transfer(child, game.account(3))
    game.breed(pets[2], pets[3])
    game.transfer(pets[1], game.account(4))
    game.mint(game.account(5))
    market.bid(game, pets[4], game.account(7))  # a sale and a closed auction to undo
    market.fill_listing(game, pets[1], 10**16, game.account(8))
    market.cancel_all_orders(game, game.account(8))


def _fork_b(game: PetGame, pets: list[int], height: int) -> None:
    """Other transactions over the same heights (and one block more)."""
    game.transfer(pets[3], game.account(6))
    game.approve_siring(pets[2], game.account(1))
    game.advance(3600)  # a later clock: the birth and cooldowns differ from fork A's
    game.give_birth(pets[0])
    game.mint(game.account(7))
    market.cancel_auction(game, pets[4])  # the auction fork A won ends otherwise
    market.accept_offer(game, pets[4], 10**16, game.account(9))
    game.mine(max(height - game.head(), 0) + 1)


def _event_ids(indexer: Indexer) -> list[tuple[int, int]]:
    """(block, event id) of every event, in chain order."""
    with indexer.sessions() as session:
        return [
            (block, event_id)
            for block, event_id in session.execute(
                select(Activity.block_number, Activity.event_id).order_by(
                    Activity.block_number, Activity.log_index
                )
            )
        ]


@pytest.mark.parametrize("batch_blocks", [1, 100])
def test_a_reorganisation_is_rolled_back_and_replayed(
    chain_url: str, new_database: Callable[[], str], make_indexer: IndexerMaker, batch_blocks: int
):
    game = PetGame.deploy(chain_url)
    pets = _common_past(game)
    reports: list[str] = []
    indexer = make_indexer(new_database(), game, reports=reports, batch_blocks=batch_blocks)
    fork_point = indexer.sync()
    snapshot = game.rpc("evm_snapshot")

    _fork_a(game, pets)
    height_a = indexer.sync()
    newest_of_a = max(event_id for _, event_id in _event_ids(indexer))
    replaced = game.web3.eth.get_block(fork_point + 1)["hash"]
    assert game.rpc("evm_revert", snapshot)
    _fork_b(game, pets, height_a)
    assert game.web3.eth.get_block(fork_point + 1)["hash"] != replaced, (
        "Ganache did not make another chain"
    )

    assert indexer.sync() == game.head()
    assert any("reorganisation" in line for line in reports), reports
    fresh = make_indexer(new_database(), game)
    fresh.sync()
    assert dump(indexer) == dump(fresh)
    assert auction_copies_unlike_pets(indexer) == []  # re-derived after the rollback too
    assert verify(indexer.reader, indexer.sessions).ok
    # Event ids (the live stream's) follow commit order and are never given twice: the
    # winning fork's events come after every id of the fork that lost.
    ids = _event_ids(indexer)
    assert [event_id for _, event_id in ids] == sorted(event_id for _, event_id in ids)
    assert all(event_id > newest_of_a for block, event_id in ids if block > fork_point)
    assert [event_id for _, event_id in _event_ids(fresh)] == list(range(1, len(ids) + 1))


def test_a_shorter_winning_chain_is_followed_too(
    chain_url: str, database_url: str, make_indexer: IndexerMaker, new_database: Callable[[], str]
):
    game = PetGame.deploy(chain_url)
    pets = _common_past(game)
    indexer = make_indexer(database_url, game)
    indexer.sync()
    snapshot = game.rpc("evm_snapshot")
    _fork_a(game, pets)
    indexer.sync()
    game.rpc("evm_revert", snapshot)
    game.transfer(pets[2], game.account(8))  # one block where fork A had several

    assert indexer.sync() == game.head()
    fresh = make_indexer(new_database(), game)
    fresh.sync()
    assert dump(indexer) == dump(fresh)


def test_a_reorganisation_deeper_than_the_stored_hashes_asks_for_a_reindex(
    chain_url: str, database_url: str, make_indexer: IndexerMaker
):
    game = PetGame.deploy(chain_url)
    pets = _common_past(game)
    indexer = make_indexer(database_url, game, batch_blocks=1, reorg_window=2)
    snapshot = game.rpc("evm_snapshot")
    _fork_a(game, pets)
    indexer.sync()
    game.rpc("evm_revert", snapshot)
    _fork_b(game, pets, game.head())
    with pytest.raises(IndexerError, match="reindex"):
        indexer.sync()
