"""A reorganisation while the indexer reads a batch: the batch read across the switch is not
written (read ahead of its write; or streamed, its pieces written as they arrive, rolled back
with its transaction), the one written from the losing fork is rolled back, and the index
ends equal to a fresh index of the winning chain."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from pawchain.chain import BlockHeader
from pawchain.chain.raw_logs import RawLog
from pawchain.indexer import Indexer
from tests.support.indexing import IndexerMaker, dump
from tests.support.pet_game import PetGame


def _fork_a(game: PetGame, pets: list[int]) -> None:
    """A block each: transfers of the pets, then a mint."""
    for pet in pets:
        game.transfer(pet, game.account(2))
    game.mint(game.account(2))


def _switch_forks_when_read(
    indexer: Indexer, game: PetGame, snapshot: str, block: int, pets: list[int]
) -> list[int]:
    """Make the chain switch from fork A to fork B (other blocks, one more) when `indexer`
    first asks for the logs from `block` on (`pets`: fork A's, minted before); returns the list that records the switch.
    The indexer asks for the head only before or after the switch, not halfway through (it
    would see fork B's first blocks as the head and stop there)."""
    read_logs, head_and_header = indexer.reader.raw_logs, indexer.reader.head_and_header
    switching = threading.Lock()
    switched: list[int] = []

    def switching_forks(first: int, last: int) -> list[RawLog]:
        if first == block and not switched:
            with switching:
                switched.append(first)
                assert game.rpc("evm_revert", snapshot)
                game.transfer(pets[0], game.account(3))  # fork B
                game.mint(game.account(1))
                game.mint(game.account(1))
                game.transfer(pets[2], game.account(4))
                game.mint(game.account(2))
        return read_logs(first, last)

    def head_between_switches(number: int) -> tuple[BlockHeader, BlockHeader | None]:
        with switching:
            return head_and_header(number)

    indexer.reader.raw_logs = switching_forks  # type: ignore[method-assign,assignment]
    indexer.reader.head_and_header = head_between_switches  # type: ignore[method-assign]
    return switched


@pytest.mark.parametrize(
    ("options", "noticed"),
    [
        # A block a batch: the switch comes while the read-ahead thread reads block
        # fork_point + 2, with block fork_point + 1 of fork A being written.
        ({"batch_blocks": 1}, "reorganisation"),
        # Fork A's four blocks one batch, streamed a block at a time: the switch comes when
        # its second piece is read, its first (fork A's) handed over to be written.
        ({"stream_blocks": 1}, "changed while it was read"),
    ],
    ids=["read ahead", "streamed"],
)
def test_a_reorganisation_while_a_batch_is_read_is_followed(
    chain_url: str,
    new_database: Callable[[], str],
    make_indexer: IndexerMaker,
    options: dict[str, int],
    noticed: str,
):
    game = PetGame.deploy(chain_url)
    pets = [game.mint(game.account(1)) for _ in range(3)]
    reports: list[str] = []
    indexer = make_indexer(new_database(), game, reports=reports, **options)
    fork_point = indexer.sync()
    snapshot = game.rpc("evm_snapshot")
    _fork_a(game, pets)
    switched = _switch_forks_when_read(indexer, game, snapshot, fork_point + 2, pets)
    assert indexer.sync() == game.head()
    assert switched == [fork_point + 2]
    assert any(noticed in line for line in reports), reports
    fresh = make_indexer(new_database(), game)
    fresh.sync()
    assert dump(indexer) == dump(fresh)
