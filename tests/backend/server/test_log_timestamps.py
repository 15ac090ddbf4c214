"""The indexer times an event by its log's blockTimestamp when the node gives one (Anvil), and
reads that block's header only when it does not (Ganache): the same database either way."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pytest
from msgspec.structs import replace

from pawchain.chain.raw_logs import RawLog
from tests.support.indexing import IndexerMaker, dump
from tests.support.pet_game import PetGame


def _counting_headers(reader: Any, asked: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    headers = reader.headers

    def counted(numbers: Iterable[int]) -> Any:
        wanted = set(numbers)
        asked.extend(wanted)
        return headers(wanted)

    monkeypatch.setattr(reader, "headers", counted)


def _logs_with(reader: Any, timed: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader's raw logs with blockTimestamp (from the block, as a node that gives it would)
    or without it (as Ganache's), whatever this node gives."""
    raw_logs, headers = reader.raw_logs, reader.headers

    def rewritten(first: int, last: int) -> list[RawLog]:
        found = [replace(log, block_timestamp=None) for log in raw_logs(first, last)]
        if timed:
            times = headers({int(log.block_number, 16) for log in found})
            found = [
                replace(log, block_timestamp=hex(times[int(log.block_number, 16)].timestamp))
                for log in found
            ]
        return found

    monkeypatch.setattr(reader, "raw_logs", rewritten)


def test_log_timestamps_spare_the_header_reads_and_change_nothing(
    season: PetGame,
    new_database: Callable[[], str],
    make_indexer: IndexerMaker,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with_headers = make_indexer(new_database(), season, batch_blocks=10_000)
    with_times = make_indexer(new_database(), season, batch_blocks=10_000)
    _logs_with(with_headers.reader, timed=False, monkeypatch=monkeypatch)
    _logs_with(with_times.reader, timed=True, monkeypatch=monkeypatch)
    asked_without: list[int] = []
    asked_with: list[int] = []
    _counting_headers(with_headers.reader, asked_without, monkeypatch)
    _counting_headers(with_times.reader, asked_with, monkeypatch)
    head = with_headers.sync()
    assert with_times.sync() == head
    assert dump(with_times) == dump(with_headers)
    blocks_with_events = {
        log.block_number for log in with_headers.reader.logs(season.deploy_block, head)
    }
    assert len(blocks_with_events) > 10
    assert blocks_with_events <= set(asked_without)
    assert len(set(asked_with) & blocks_with_events) <= 2  # only the batch's first and last
