"""bin/bench-http's code at a tiny size: 300 pets, gunicorn, autocannon for 1 s an endpoint.

Checks what the command prints and writes (every endpoint on both databases, no failed
request, positive rates, ratios to health and verdicts that follow from the figures),
never how fast anything is.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.bench.http_load import ENDPOINTS, Options, format_report, run
from tests.bench.synthetic_data import Scale


@pytest.fixture(scope="module")
def report(postgres_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict:
    options = Options(
        Scale(pets=300, events=2_000),
        seconds=1,
        # A second of load first, as the command does: a busy machine's first requests (cold
        # caches and plans) may outlast a one-second run, which would then count none.
        warmup=1,
        workers=1,
        threads=2,
        regenerate=False,
        postgres_url=postgres_url,
        pause=0.2,
    )
    return run(options, lambda line: None, cache=tmp_path_factory.mktemp("bench-cache"))


def test_both_databases_hold_the_generated_data(report):
    assert [database["name"] for database in report["databases"]] == ["SQLite", "PostgreSQL"]
    assert report["pets"] == 300 and report["events"] == 2_000


def test_cold_render_costs_are_measured(report):
    assert report["render"]["svg_ms"] > 0 and report["render"]["png_ms"] > 0


def test_the_drawn_pngs_reach_postgresql(report):
    assert report["pictures"] >= report["pictures_wanted"] > 0


def test_every_endpoint_answers_every_request(report):
    for database in report["databases"]:
        assert [row["endpoint"] for row in database["endpoints"]] == [
            endpoint.name for endpoint in ENDPOINTS
        ]
        for row in database["endpoints"]:
            assert row["errors"] == 0, (database["name"], row)
            assert row["requests"] > 0 and row["requests_per_second"] > 0, (database["name"], row)
            assert 0 <= row["p50_ms"] <= row["p99_ms"], (database["name"], row)


def test_ratios_and_verdicts_follow_from_the_figures(report):
    for database in report["databases"]:
        health, *others = database["endpoints"]
        assert health["ratio"] == 1.0 and health["met"] is None
        for row, endpoint in zip(others, ENDPOINTS[1:], strict=True):
            assert row["ratio"] == round(
                row["requests_per_second"] / health["requests_per_second"], 3
            )
            if endpoint.max_p99_ms is not None:
                assert row["met"] == (row["p99_ms"] <= endpoint.max_p99_ms)
            elif endpoint.min_share_of_health is not None:
                assert row["met"] == (row["ratio"] >= endpoint.min_share_of_health)
            else:
                assert row["met"] is None and row["target"] is None
    json.dumps(report)  # what reports/bench-http.json holds


def test_table_has_a_row_per_endpoint_and_database(report):
    text = format_report(report)
    for database in report["databases"]:
        block = text.split(f"\n{database['name']}\n")[1].splitlines()
        assert block[0].split()[:2] == ["endpoint", "req/s"]
        rows = block[2 : 2 + len(ENDPOINTS)]
        assert [row.split("  ")[0].strip() for row in rows] == [
            endpoint.name for endpoint in ENDPOINTS
        ]


def test_the_generated_database_is_cached_and_reused(report, tmp_path: Path):
    from tests.bench.http_load import cached_sqlite

    messages: list[str] = []
    scale = Scale(pets=50, events=300)
    first = cached_sqlite(scale, False, messages.append, tmp_path)
    second = cached_sqlite(scale, False, messages.append, tmp_path)
    assert first == second and first.exists()
    assert messages[-1] == f"data: reusing {first}"
