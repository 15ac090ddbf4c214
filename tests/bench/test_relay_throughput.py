"""bin/bench-relay's code at a tiny size: 12 requests from 3 clients, both databases.

Checks what the command prints and writes (a relayed and a direct run per database, nonces
without a gap, positive rates, p50 <= p99), never how fast anything is.
"""

from __future__ import annotations

import json

import pytest

from pawchain import devchain, nodes
from tests.bench.relay_report import format_report
from tests.bench.relay_targets import targets
from tests.bench.relay_throughput import run

REQUESTS, CLIENTS = 12, 3


@pytest.fixture(scope="module")
def report(test_chain_url: str, postgres_url: str) -> dict:
    return run(
        test_chain_url, REQUESTS, CLIENTS, postgres_url, ["sqlite", "postgresql"], lambda line: None
    )


def test_a_relayed_and_a_direct_run_per_database(report):
    assert [run["name"] for run in report["runs"]] == [
        "relayed, SQLite",
        "direct, SQLite",
        "relayed, PostgreSQL",
        "direct, PostgreSQL",
    ]
    for measured in report["runs"]:
        assert measured["requests"] == REQUESTS
        assert measured["accepted_per_second"] > 0 and measured["relayed_per_second"] > 0
        assert 0 < measured["indexed_p50_ms"] <= measured["indexed_p99_ms"]
        assert (
            0 < measured["mined_p50_ms"] <= measured["mined_p99_ms"]
            and measured["mined_p50_ms"] <= measured["indexed_p50_ms"]
        )
        relayed = measured["name"].startswith("relayed")
        assert measured["no_nonce_gap"] is (True if relayed else None)
        # the web processes' CPU is measured for the relayed run alone (direct has none)
        assert (
            (measured["web_cpu_ms_per_request"] > 0)
            if relayed
            else (measured["web_cpu_ms_per_request"] is None)
        )
    json.dumps(report)  # what reports/bench-relay.json holds


def test_the_table_has_a_row_per_run(report, test_chain_url: str):
    lines = format_report(report).splitlines()
    node = nodes.node(devchain.node_at(test_chain_url)).LABEL  # the test chain's, not a guess
    assert report["node"] == node and f"; {node} automine " in lines[0]
    assert lines[1].split()[:2] == ["run", "requests"]
    assert [line.split(",")[0] for line in lines[3:7]] == ["relayed", "direct", "relayed", "direct"]
    assert all("no gap" in line for line in lines[3:7] if line.startswith("relayed"))


def test_the_targets_are_judged_per_database(report):
    lines = format_report(report).splitlines()
    assert lines[8].startswith("targets: relayed/direct >= 0.5")
    assert [line.split()[0] for line in lines[11:]] == ["SQLite", "PostgreSQL"]
    assert all(line.split()[-1] in ("MET", "MISSED") for line in lines[11:])
    ratios = {
        verdict["database"]: verdict["relayed_over_direct"] for verdict in targets(report["runs"])
    }
    relayed, direct = report["runs"][0], report["runs"][1]
    assert ratios["SQLite"] == round(
        relayed["relayed_per_second"] / direct["relayed_per_second"], 2
    )
