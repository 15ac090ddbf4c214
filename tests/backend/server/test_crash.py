"""Crash safety: an indexer killed with SIGKILL in the middle of a batch, then restarted,
leaves the database a fresh full index would have made."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from pawchain import deployment as records
from pawchain.store import IndexerState, make_engine
from tests.support.indexing import IndexerMaker, dump
from tests.support.pet_game import PetGame

PAUSE = 0.4  # seconds each batch holds its transaction open before committing


@dataclass(frozen=True)
class Batches:
    """How the indexer cuts the season: batches of `blocks`, the first (none is read ahead
    for it) read and written `stream_blocks` at a time (Indexer.sync)."""

    blocks: int
    stream_blocks: int


# Small batches: the one killed was read ahead while the one before it was written.
READ_AHEAD = Batches(blocks=2, stream_blocks=50)
# The whole season one batch, written in pieces of two blocks as they are read: the kill
# comes while its transaction holds some pieces, or all of them.
STREAMED = Batches(blocks=10_000, stream_blocks=2)


def _checkpoint(database_url: str) -> int | None:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            return connection.scalar(select(IndexerState.block_number))
    except Exception:  # the tables may not exist yet
        return None
    finally:
        engine.dispose()


def _indexer_process(
    database_url: str, season: PetGame, record: Path, pause: float, batches: Batches
) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PAWCHAIN_DATABASE_URL": database_url,
        "PAWCHAIN_RPC_URL": season.rpc_url,
        "PAWCHAIN_DEPLOYMENT": str(record),
        "PAWCHAIN_INDEX_BATCH_BLOCKS": str(batches.blocks),
        "PAWCHAIN_INDEX_STREAM_BLOCKS": str(batches.stream_blocks),
        "PAWCHAIN_INDEX_BATCH_PAUSE": str(pause),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "pawchain", "index", "--once"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_for_a_commit(database_url: str, after: int, timeout: float = 60.0) -> int:
    """Poll until the checkpoint passes `after`; returns it (a batch just committed)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        block = _checkpoint(database_url)
        if block is not None and block > after:
            return block
        time.sleep(0.02)
    raise AssertionError("the indexer made no progress")


@pytest.mark.parametrize("batches", [READ_AHEAD, STREAMED], ids=["read ahead", "streamed"])
def test_killed_mid_batch_and_restarted_equals_a_fresh_index(
    season: PetGame,
    tmp_path: Path,
    new_database: Callable[[], str],
    make_indexer: IndexerMaker,
    batches: Batches,
):
    database_url = new_database()
    record = tmp_path / "deployment.json"
    records.write(record, season.deployment())
    # Small batches: well before the end, a few batches in. One batch: the checkpoint's
    # first row (below the deploy block), written before the batch starts.
    middle = season.deploy_block + 10 if batches == READ_AHEAD else season.deploy_block - 2
    assert season.head() >= season.deploy_block + 2 * min(batches.blocks, batches.stream_blocks)

    process = _indexer_process(database_url, season, record, PAUSE, batches)
    try:
        committed = _wait_for_a_commit(database_url, after=middle)
        # The next batch starts at once: it reads the chain (milliseconds), writes, then holds
        # its transaction for PAUSE seconds. Kill it in that window.
        time.sleep(PAUSE / 2)
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    finally:
        process.kill()
    assert process.returncode == -signal.SIGKILL
    assert _checkpoint(database_url) == committed, "the killed batch must not be committed"

    restarted = _indexer_process(database_url, season, record, pause=0, batches=batches)
    assert restarted.wait(120) == 0
    assert _checkpoint(database_url) == season.head()

    killed = make_indexer(database_url, season)
    fresh = make_indexer(new_database(), season)
    fresh.sync()
    assert dump(killed) == dump(fresh)
