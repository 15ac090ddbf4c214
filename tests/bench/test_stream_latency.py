"""bin/bench-stream's code at a tiny size: 3 subscribers, 3 events, both databases, the table.

Checks what the command prints and writes (every run present, every event delivered once to
every subscriber, latencies positive and ordered, verdicts that follow from them), never how
fast anything is.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.bench.stream_latency import TARGET_P99_MS, Load, format_report, run

SUBSCRIBERS = 3
EVENTS = 3


@pytest.fixture(scope="module")
def report(postgres_url: str) -> dict[str, Any]:
    return run(Load(SUBSCRIBERS, EVENTS, 0.05), postgres_url, lambda line: None)


def test_every_run_delivers_every_event_to_every_subscriber(report: dict[str, Any]) -> None:
    names = [run["name"] for run in report["runs"]]
    assert names == [
        "SQLite: 1 subscriber (ceiling)",
        f"SQLite: {SUBSCRIBERS} subscribers",
        "PostgreSQL: 1 subscriber (ceiling)",
        f"PostgreSQL: {SUBSCRIBERS} subscribers",
    ]
    for measured in report["runs"]:
        assert measured["errors"] == 0
        assert measured["deliveries"] == measured["subscribers"] * EVENTS
        assert 0 < measured["p50_ms"] <= measured["p99_ms"] <= measured["max_ms"]


def test_verdicts_follow_from_the_figures(report: dict[str, Any]) -> None:
    for ceiling, loaded in zip(report["runs"][::2], report["runs"][1::2], strict=True):
        assert (ceiling["target"], ceiling["met"]) == (None, None)
        assert loaded["met"] == (loaded["p99_ms"] <= TARGET_P99_MS and loaded["errors"] == 0)
    assert len(report["machine"]["load_average"]) == 3
    table = format_report(report)
    assert "ceiling" in table and "load average" in table
    json.dumps(report)  # what reports/bench-stream.json holds
