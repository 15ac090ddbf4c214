"""The indexer's read-ahead (pawchain.indexer.read_ahead): batches queued on a second thread,
each read after the previous one, handed out only to the checkpoint they follow; and a
reorganisation while batches are queued."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from pawchain.chain import BlockHeader
from pawchain.indexer.checkpoint import Checkpoint
from pawchain.indexer.core import Batch
from pawchain.indexer.read_ahead import READ_AHEAD, ReadAhead
from tests.support.indexing import IndexerMaker, dump
from tests.support.pet_game import PetGame


def _batch(first: int, last: int, parent_hash: str) -> Batch:
    """A batch of no events whose blocks' hashes name their numbers and the reading's fork."""
    fork = parent_hash.split("-")[0]
    header = BlockHeader(last, f"{fork}-{last}", f"{fork}-{last - 1}", timestamp=0)
    return Batch(first=first, parent_hash=parent_hash, last=header, events=[], hashes={})


def test_batches_are_queued_each_after_the_previous_and_dropped_off_their_checkpoint():
    reads: list[tuple[int, int, str]] = []

    def read(first: int, last: int, parent_hash: str) -> Batch:
        reads.append((first, last, parent_hash))
        return _batch(first, last, parent_hash)

    assert READ_AHEAD == 2  # what the reads below expect
    ten_blocks = lambda first, goal: min(first + 9, goal)  # noqa: E731
    with ThreadPoolExecutor(max_workers=1) as pool:
        ahead = ReadAhead(pool, read)
        ahead.extend(_batch(1, 10, "a-0"), goal=100, batch_end=ten_blocks)
        following = ahead.take(Checkpoint(10, "a-10"))
        assert following is not None and (following.first, following.last.number) == (11, 20)
        ahead.extend(following, goal=100, batch_end=ten_blocks)
        # Another fork's block 20 (a reorganisation rolled back and replayed): not handed out,
        # and nothing queued after it either.
        assert ahead.take(Checkpoint(20, "b-20")) is None
        assert ahead.take(Checkpoint(20, "a-20")) is None
    # Each read from the hash the previous one ended on; the third may have started before
    # it was dropped.
    assert reads[:2] == [(11, 20, "a-10"), (21, 30, "a-20")]
    assert reads[2:] in ([], [(31, 40, "a-30")])


def test_nothing_is_queued_past_the_goal():
    reads: list[tuple[int, int]] = []

    def read(first: int, last: int, parent_hash: str) -> Batch:
        reads.append((first, last))
        return _batch(first, last, parent_hash)

    with ThreadPoolExecutor(max_workers=1) as pool:
        ahead = ReadAhead(pool, read)
        ahead.extend(
            _batch(1, 10, "a-0"), goal=15, batch_end=lambda first, goal: min(first + 9, goal)
        )
        assert ahead.take(Checkpoint(10, "a-10")) is not None
        assert ahead.take(Checkpoint(15, "a-15")) is None
    assert reads == [(11, 15)]


def test_a_reorganisation_while_batches_are_read_ahead_is_followed(
    chain_url: str, new_database: Callable[[], str], make_indexer: IndexerMaker
):
    game = PetGame.deploy(chain_url)
    owner, other = game.account(1), game.account(2)
    pets = [game.mint(owner) for _ in range(3)]
    indexer = make_indexer(new_database(), game, batch_blocks=1)
    fork_point = indexer.sync()
    snapshot = game.rpc("evm_snapshot")
    for pet in pets:  # fork A: a block each
        game.transfer(pet, other)
    game.mint(other)
    # The chain switches to fork B while the read-ahead thread reads block fork_point + 2,
    # with block fork_point + 1 of fork A being written and the next batch queued after it.
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
    fresh = make_indexer(new_database(), game)
    fresh.sync()
    assert dump(indexer) == dump(fresh)
