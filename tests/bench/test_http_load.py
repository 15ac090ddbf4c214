"""bin/bench-http's code at a tiny size: 300 pets, gunicorn, autocannon for 1 s an endpoint,
with a few live streams open on a `pawchain stream` process.

Checks what the command prints and writes (every endpoint on both databases, no failed
request, positive rates, ratios to health and verdicts that follow from the figures, the
database's size and the processes' memory, the streams held open), never how fast anything is.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.bench.generated_data import cached_sqlite, generated_postgres
from tests.bench.http_endpoints import ENDPOINTS, SAMPLE, Sample
from tests.bench.http_load import Options, format_report, round_samples, run
from tests.bench.synthetic_data import Scale
from tests.bench.throwaway_postgres import database_url

STREAMS = 5
ROUNDS = 2  # the medians and per-round ratios have two rounds to come from


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
        streams=STREAMS,
        rounds=ROUNDS,
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
            # Each round's rate over the same round's health; the row shows their median.
            ratios = [
                round(mine["requests_per_second"] / ceiling["requests_per_second"], 3)
                for mine, ceiling in zip(row["rounds"], health["rounds"], strict=True)
            ]
            assert len(ratios) == ROUNDS and row["round_ratios"] == ratios
            assert row["ratio"] == round(statistics.median(ratios), 3)
            assert row["requests_per_second"] == statistics.median(
                one["requests_per_second"] for one in row["rounds"]
            )
            assert row["requests"] == sum(one["requests"] for one in row["rounds"])
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
        shares = [
            row for row in database["endpoints"] if row["target"] and "health" in row["target"]
        ]
        assert [line.split(":")[0] for line in block[2 + len(ENDPOINTS) :][: len(shares)]] == [
            row["endpoint"] for row in shares
        ]


def test_the_generated_database_is_cached_and_reused(report, tmp_path: Path):
    messages: list[str] = []
    scale = Scale(pets=50, events=300)
    first = cached_sqlite(scale, False, messages.append, tmp_path)
    second = cached_sqlite(scale, False, messages.append, tmp_path)
    assert first == second and first.exists()
    assert messages[-1] == f"data: reusing {first}"


def test_each_database_reports_its_size_and_its_processes_memory(report):
    for database in report["databases"]:
        assert database["database_mb"] > 0
        roles = [process["role"] for process in database["memory"]]
        assert roles[:2] == ["gunicorn master", "gunicorn worker 1"], roles
        if database["name"] == "PostgreSQL":
            assert "postgres postmaster" in roles
            assert any(role.startswith("postgres client backend") for role in roles)
        for process in database["memory"]:
            assert process["rss_mb"] > 0 and process["pss_mb"] > 0, process
        assert database["pss_total_mb"] == round(
            sum(process["pss_mb"] for process in database["memory"]), 1
        )


def test_the_live_streams_stay_open_through_every_run(report):
    for database in report["databases"]:
        streams = database["streams"]
        assert (streams["wanted"], streams["opened"], streams["failed"]) == (STREAMS, STREAMS, 0)
        assert streams["memory"]["role"] == "pawchain stream"
    assert f"live streams: {STREAMS} of {STREAMS} open throughout, 0 failed" in format_report(
        report
    )


def test_postgresql_alone_is_generated_in_place_and_kept_by_name(postgres_url):
    messages: list[str] = []
    scale = Scale(pets=40, events=400, seed=11)
    first = generated_postgres(postgres_url, scale, True, messages.append)  # made anew
    assert messages[-1].startswith("data: 40 pets and 400 events generated into PostgreSQL")
    second = generated_postgres(postgres_url, scale, False, messages.append)
    assert second == first and messages[-1].startswith("data: reusing PostgreSQL database")
    assert not first.endswith("_partial") and first != database_url(postgres_url, "postgres")


def test_postgresql_data_is_vacuumed_before_it_is_measured(postgres_url):
    """Rows just written by COPY would otherwise be vacuumed by autovacuum during the runs."""
    url = generated_postgres(postgres_url, Scale(pets=40, events=400, seed=12), True, print)
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            unvacuumed = connection.scalars(
                text(
                    "SELECT relname FROM pg_stat_user_tables"
                    " WHERE relname IN ('pets', 'activity') AND last_vacuum IS NULL"
                )
            ).all()
    finally:
        engine.dispose()
    assert unvacuumed == []


def test_each_round_asks_for_pets_no_earlier_round_asked_for_while_there_are_enough():
    many = [Sample(pet_id, pet_id, "0x0") for pet_id in range(1, 3 * SAMPLE + 1)]
    rounds = [{pet.id for pet in round_samples(many, index)} for index in range(3)]
    assert all(len(pets) == SAMPLE for pets in rounds)
    assert not rounds[0] & rounds[1] and not rounds[1] & rounds[2] and not rounds[0] & rounds[2]
    few = many[: SAMPLE + 10]  # too few pets for a second round of its own: the first again
    assert round_samples(few, 1) == few[:SAMPLE] == round_samples(few, 0)
