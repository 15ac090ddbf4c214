"""A reorganisation while the indexer reads the next batch ahead (Indexer.sync): the batch
read across the switch is not written, the one written from the losing fork is rolled back,
and the index ends equal to a fresh index of the winning chain."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from pawchain.chain import BlockHeader
from tests.support.indexing import IndexerMaker, dump
from tests.support.pet_game import PetGame


def test_a_reorganisation_while_a_batch_is_read_ahead_is_followed(
    chain_url: str, new_database: Callable[[], str], make_indexer: IndexerMaker
):
    game = PetGame.deploy(chain_url)
    owner, other = game.account(1), game.account(2)
    pets = [game.mint(owner) for _ in range(3)]
    reports: list[str] = []
    indexer = make_indexer(new_database(), game, reports=reports, batch_blocks=1)
    fork_point = indexer.sync()
    snapshot = game.rpc("evm_snapshot")
    for pet in pets:  # fork A: a block each
        game.transfer(pet, other)
    game.mint(other)
    # The chain switches to fork B while the read-ahead thread reads block fork_point + 2,
    # with block fork_point + 1 of fork A being written.
    # The main thread asks for the head only before or after the switch, not halfway through
    # (it would see fork B's first blocks as the head and stop there).
    read_logs, head_and_header = indexer.reader.raw_logs, indexer.reader.head_and_header
    switching = threading.Lock()
    switched: list[int] = []

    def switching_forks(first: int, last: int) -> list[dict[str, Any]]:
        if first == fork_point + 2 and not switched:
            with switching:
                switched.append(first)
                assert game.rpc("evm_revert", snapshot)
                game.transfer(pets[0], game.account(3))  # fork B: other blocks, one more
                game.mint(owner)
                game.mint(owner)
                game.transfer(pets[2], game.account(4))
                game.mint(other)
        return read_logs(first, last)

    def head_between_switches(number: int) -> tuple[BlockHeader, BlockHeader | None]:
        with switching:
            return head_and_header(number)

    indexer.reader.raw_logs = switching_forks  # type: ignore[method-assign,assignment]
    indexer.reader.head_and_header = head_between_switches  # type: ignore[method-assign]
    assert indexer.sync() == game.head()
    assert switched == [fork_point + 2]
    assert any("reorganisation" in line for line in reports), reports
    fresh = make_indexer(new_database(), game)
    fresh.sync()
    assert dump(indexer) == dump(fresh)
