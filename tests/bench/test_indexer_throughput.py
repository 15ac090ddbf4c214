"""bin/bench-indexer's code at a tiny size: 200 real transactions, both databases, the table.

Checks what the command prints and writes (every run present, the same events everywhere,
positive rates, ratios and verdicts that follow from them), never how fast anything is.
"""

from __future__ import annotations

import json
import pstats
from pathlib import Path

import pytest

from tests.bench.indexer_throughput import format_report, play, run, target_ratio, windows

TRANSACTIONS = 200


@pytest.fixture(scope="module")
def profiles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("profiles")


@pytest.fixture(scope="module")
def report(test_chain_url: str, postgres_url: str, profiles: Path) -> dict:
    # freeze_heap=False: the test process's heap is left to the collector; one round is
    # enough for the shape.
    return run(
        test_chain_url,
        TRANSACTIONS,
        1,
        50,
        postgres_url,
        lambda line: None,
        freeze_heap=False,
        passes=1,
        profile=profiles,
    )


def test_each_indexer_pass_leaves_its_profile(report, profiles: Path):
    names = sorted(path.name for path in profiles.iterdir())
    assert names == ["indexer-postgresql-0.prof", "indexer-sqlite-0.prof"]
    for name in names:
        profiled = pstats.Stats(str(profiles / name)).get_stats_profile().func_profiles
        assert "sync" in profiled and "write" in profiled  # the indexer's own pass
        # and its other threads': the logs are decoded where they are read, on the read-ahead one
        assert "decode_logs" in profiled and "_read_pieces" in profiled


def test_the_chain_holds_every_kind_of_game_transaction(report):
    assert report["transactions"] == TRANSACTIONS
    assert sum(report["traffic"].values()) == TRANSACTIONS
    assert set(report["traffic"]) == {
        "mintGen0",
        "approveSiring",
        "breedWith",
        "giveBirth",
        "transferFrom",
    }
    assert report["blocks"] > TRANSACTIONS  # one a block, plus the clock's jumps


def test_every_run_counts_the_same_events_at_a_positive_rate(report):
    names = [run["name"] for run in report["runs"]]
    assert names == ["eth_getLogs (ceiling)", "indexer -> SQLite", "indexer -> PostgreSQL"]
    events = {run["events"] for run in report["runs"]}
    assert len(events) == 1 and events.pop() > TRANSACTIONS  # every transaction emits at least one
    for measured in report["runs"]:
        assert (
            measured["seconds"] > 0
            and measured["cpu_seconds"] > 0
            and measured["events_per_second"] > 0
            and measured["blocks_per_second"] > 0
        )


def test_ratios_and_verdicts_follow_from_the_rates(report):
    ceiling, *indexers = report["runs"]
    assert (ceiling["ratio"], ceiling["target"], ceiling["met"]) == (1.0, None, None)
    for measured in indexers:
        assert measured["ratio"] == round(
            measured["events_per_second"] / ceiling["events_per_second"], 3
        )
        assert measured["target"] == target_ratio(1) and measured["met"] == (
            measured["ratio"] >= target_ratio(1)
        )
    json.dumps(report)  # what reports/bench-indexer.json holds


def test_table_has_a_row_per_run(report):
    lines = format_report(report).splitlines()
    assert lines[1].split()[:2] == ["source", "events"] and set(lines[2]) <= {"-", " "}
    rows = lines[3:]
    assert [row.split("  ")[0].strip() for row in rows] == [run["name"] for run in report["runs"]]
    assert rows[0].rstrip().endswith("ceiling") and all(
        row.rstrip().endswith(("PASS", "MISS")) for row in rows[1:]
    )


def test_busy_blocks_have_the_higher_target():
    assert target_ratio(1) == 0.35 and target_ratio(9) == 0.35
    assert target_ratio(10) == 0.5 and target_ratio(25) == 0.5


def test_windows_cover_the_range_in_batches():
    assert windows(10, 21, 5) == [(10, 14), (15, 19), (20, 21)]
    assert windows(3, 3, 500) == [(3, 3)]


def test_transactions_can_share_blocks(test_chain_url: str):
    chain = play(test_chain_url, 60, 6, lambda line: None)
    assert chain.traffic.total == 60
    # Up to 6 a block (a phase's last block may hold fewer) and the clock's jumps: fewer blocks
    # than transactions, where one a block makes more.
    assert chain.last - chain.first < chain.traffic.total
    assert chain.game.web3.eth.get_block("latest")["number"] == chain.last
