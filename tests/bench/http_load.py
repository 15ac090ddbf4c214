"""HTTP benchmark: requests per second and p50/p99 latency of the web API at 100,000 pets.

Run it with `bin/bench-http`. For SQLite, then PostgreSQL (or one of them: --databases):
1. the data: 100,000 pets and 1,000,000 activity rows (synthetic_data.py; --pets N for another
   scale, ten rows a pet), generated once into a cached SQLite file under .data/bench/ (named
   by scale and schema revision; --regenerate makes it again) and copied into a fresh
   PostgreSQL database (a throwaway cluster unless PAWCHAIN_BENCH_POSTGRES_URL names a
   server); with PostgreSQL alone, generated straight into it and kept by name on a named
   server (generated_data.py: a million pets take half an hour to generate here);
2. the server: gunicorn serving `pawchain.web:create_app()` (gthread workers, keep-alive),
   with --streams N live streams open on a `pawchain stream` process throughout
   (open_streams.py); after the runs, the database's size and the memory of gunicorn's and
   PostgreSQL's processes (process_memory.py);
3. the load: autocannon, 16 connections for `--seconds` per endpoint after a warm-up, each
   request's path drawn at random from the endpoint's list (random pets, random genomes);
   every endpoint in turn, `--rounds` times over (the warm-ups in the first round only).
It prints, per database, each endpoint's req/s, p50 and p99 (the median of its rounds) beside
/api/v1/health (the framework's ceiling, measured in the same rounds), with PASS/MISS against
the targets: the market's lists (by price, newest, a player's own pets) p99 <= 50 ms; pet
detail and metadata >= 50% of health's requests per second (the median of the rounds' ratios,
each round's endpoint over that round's health: on two shared cores one run's rate moves by a
third from one minute to the next, and a round's pair shares its minute); PNGs of pets whose
picture was drawn (what `pawchain pictures` does for every pet the indexer has seen) p99 <=
100 ms. It writes reports/bench-http.json. A command, not a timed test
(tests/bench/test_http_load.py checks its shape at a tiny scale).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from pawchain.render import render_png, render_svg
from pawchain.store import Pet, Picture, make_engine, migrate
from pawchain.web.pets import pictures
from tests.bench import bench_report
from tests.bench.bench_report import REPORTS, SCHEMA, format_table, machine, ratio, verdict
from tests.bench.bulk_load import copy_database, row_counts
from tests.bench.generated_data import CACHE, cached_sqlite, generated_postgres
from tests.bench.http_endpoints import DRAWN_PICTURES, ENDPOINTS, SAMPLE, Sample, drawn_samples
from tests.bench.open_streams import open_streams
from tests.bench.process_memory import format_resources, server_resources
from tests.bench.synthetic_data import Scale
from tests.bench.throwaway_postgres import fresh_database, postgres_server
from tests.bench.web_server import LoadResult, Run, load, serving

REPORT_PATH = REPORTS / "bench-http.json"
APP = "pawchain.web:create_app()"
CONNECTIONS = 16
DATABASES = ("sqlite", "postgresql")
EVENTS_PER_PET = 10  # the default scale's ratio: 100,000 pets, 1,000,000 events
Report = Callable[[str], None]


@dataclass(frozen=True)
class Options:
    """One run's settings (the command line's, or the smoke test's tiny ones)."""

    scale: Scale
    seconds: int
    warmup: int
    workers: int
    threads: int
    regenerate: bool
    postgres_url: str | None
    pause: float = 1.0  # seconds between runs, for the server to finish the previous run's requests
    drawn_pictures: int = DRAWN_PICTURES  # PNGs drawn before the runs (the rest on request)
    databases: tuple[str, ...] = DATABASES  # measured in this order
    streams: int = 0  # live streams held open on a `pawchain stream` process during the runs
    rounds: int = 1  # every endpoint measured this many times over; the figures are medians


# ---- data


def samples_of(engine: Engine, count: int, seed: int = 3) -> list[Sample]:
    """`count` random pets."""
    with engine.connect() as connection:
        total = int(connection.scalar(select(func.max(Pet.id))) or 0)
        ids = sorted(random.Random(seed).sample(range(1, total + 1), min(count, total)))
        order = [
            Sample(*row)
            for row in connection.execute(
                select(Pet.id, Pet.genes, Pet.owner).where(Pet.id.in_(ids)).order_by(Pet.id)
            )
        ]
    random.Random(seed).shuffle(order)
    return order


# ---- measuring


def render_costs(samples: list[Sample], count: int = 10) -> dict[str, float]:
    """Milliseconds to draw one picture in this process, one thread (what a cold image request
    costs a worker before any HTTP), median over `count` genomes."""
    costs = {}
    for kind, render in (("svg", render_svg), ("png", render_png)):
        times = []
        for pet in samples[:count]:
            started = time.perf_counter()
            render(pet.genes)
            times.append(time.perf_counter() - started)
        costs[f"{kind}_ms"] = round(1000 * statistics.median(times), 2)
    return costs


def round_samples(samples: list[Sample], round_index: int) -> list[Sample]:
    """The pets round `round_index` (from 0) of an endpoint marked `fresh_each_round` asks
    for: the round's own SAMPLE of `samples` while there are that many (100,000 pets: three
    rounds of 20,000), so that no answer an earlier round left in a worker's cache is measured
    again; else the first SAMPLE again (a small scale's rounds share their pets)."""
    start = round_index * SAMPLE
    if start + SAMPLE <= len(samples):
        return samples[start : start + SAMPLE]
    return samples[:SAMPLE]


def measure(
    url: str, samples: list[Sample], options: Options, report: Report
) -> dict[str, list[LoadResult]]:
    """Every endpoint under load, health first, each after its warm-up (first round only),
    `options.rounds` times over: each endpoint's results, a round each."""
    runs: list[Run] = []
    warmed: list[bool] = []  # whether each run is a warm-up, whose figures are not kept
    for round_index in range(options.rounds):
        fresh = round_samples(samples, round_index)
        for endpoint in ENDPOINTS:
            pets = fresh if endpoint.fresh_each_round else samples[:SAMPLE]
            if options.warmup > 0 and round_index == 0:
                runs.append(Run((endpoint.warm_paths or endpoint.paths)(pets), options.warmup))
                warmed.append(True)
            runs.append(Run(endpoint.paths(pets), max(options.seconds, endpoint.min_seconds)))
            warmed.append(False)
    loaded = load(url, runs, CONNECTIONS, options.pause)
    measured = [result for result, warm_up in zip(loaded, warmed, strict=True) if not warm_up]
    results: dict[str, list[LoadResult]] = {endpoint.name: [] for endpoint in ENDPOINTS}
    for index, result in enumerate(measured):
        results[ENDPOINTS[index % len(ENDPOINTS)].name].append(result)
    for name, rounds in results.items():
        report(
            f"  {name}: "
            + ", ".join(f"{r.requests_per_second:,.0f} req/s p99 {r.p99_ms:.0f} ms" for r in rounds)
        )
    return results


def _median_round(rounds: list[LoadResult]) -> LoadResult:
    """One row for an endpoint's rounds: the median of each figure, every request and error."""
    return LoadResult(
        requests_per_second=statistics.median(r.requests_per_second for r in rounds),
        p50_ms=statistics.median(r.p50_ms for r in rounds),
        p99_ms=statistics.median(r.p99_ms for r in rounds),
        requests=sum(r.requests for r in rounds),
        errors=sum(r.errors for r in rounds),
    )


def database_entry(results: dict[str, list[LoadResult]]) -> list[dict[str, Any]]:
    """Each endpoint's figures (medians of its rounds), ratio to health and verdict."""
    health = results[ENDPOINTS[0].name]
    rows = []
    for endpoint in ENDPOINTS:
        rounds = results[endpoint.name]
        result = _median_round(rounds)
        # Each round's rate over the same round's health, then their median.
        ratios = [
            ratio(mine.requests_per_second, ceiling.requests_per_second)
            for mine, ceiling in zip(rounds, health, strict=True)
        ]
        share = round(statistics.median(ratios), 3)
        target, met = None, None
        if endpoint.max_p99_ms is not None:
            target, met = (
                f"p99 <= {endpoint.max_p99_ms:.0f} ms",
                result.p99_ms <= endpoint.max_p99_ms,
            )
        elif endpoint.min_share_of_health is not None:
            target, met = (
                f">= {endpoint.min_share_of_health:.0%} of health",
                share >= endpoint.min_share_of_health,
            )
        rows.append(
            {
                "endpoint": endpoint.name,
                **asdict(result),
                "ratio": share,
                "round_ratios": ratios,
                "rounds": [asdict(r) for r in rounds],
                "target": target,
                "met": met,
            }
        )
    return rows


def _rounds(report: dict[str, Any]) -> str:
    rounds = report.get("rounds", 1)
    return "one round" if rounds == 1 else f"medians of {rounds} rounds"


def format_report(report: dict[str, Any]) -> str:
    header = ("endpoint", "req/s", "p50 ms", "p99 ms", "ratio", "errors", "target", "")
    parts = [
        f"{report['pets']:,} pets, {report['events']:,} events; gunicorn {report['workers']} workers x "
        f"{report['threads']} threads; autocannon {report['connections']} connections, {report['seconds']:g} s "
        f"per endpoint, {_rounds(report)}; app {report['app']}"
        + (f"; {report['streams']:,} live streams open" if report.get("streams") else ""),
        f"one cold render in-process: svg {report['render']['svg_ms']} ms, png {report['render']['png_ms']} ms",
    ]
    for database in report["databases"]:
        rows = [
            (
                row["endpoint"],
                f"{row['requests_per_second']:,.0f}",
                f"{row['p50_ms']:.0f}",
                f"{row['p99_ms']:.0f}",
                f"{row['ratio']:.2f}",
                str(row["errors"]),
                row["target"] or "",
                verdict(row["met"]),
            )
            for row in database["endpoints"]
        ]
        parts.append(f"\n{database['name']}\n" + format_table(header, rows))
        if report.get("rounds", 1) > 1:
            parts.extend(
                f"{row['endpoint']}: ratio to health by round "
                + " ".join(f"{share:.2f}" for share in row["round_ratios"])
                for row in database["endpoints"]
                if row["target"] and "health" in row["target"]
            )
        parts.append(format_resources(database))
    return "\n".join(parts)


@dataclass(frozen=True)
class Prepared:
    """The databases to measure, filled, and what the requests draw from."""

    urls: list[tuple[str, str]]  # (name, URL), in the order measured
    samples: list[Sample]
    pets: int
    events: int
    pictures: int  # PNGs kept in the last database before the runs
    pictures_wanted: int  # the genomes the drawn-picture run asks for


def prepare(options: Options, server: str | None, report: Report, cache: Path) -> Prepared:
    """The data in each database of `options`: the cached SQLite file copied into a fresh
    PostgreSQL database, or with PostgreSQL alone, generated straight into it (the largest
    scales: no SQLite file of many gigabytes to make and copy)."""
    urls = []
    if "sqlite" in options.databases:
        urls.append(
            (
                "SQLite",
                f"sqlite:///{cached_sqlite(options.scale, options.regenerate, report, cache)}",
            )
        )
    if "postgresql" in options.databases:
        assert server is not None
        if urls:  # copied from the SQLite file below
            urls.append(("PostgreSQL", fresh_database(server, "pawchain_bench_http")))
        else:
            urls.append(
                (
                    "PostgreSQL",
                    generated_postgres(server, options.scale, options.regenerate, report),
                )
            )
    source = make_engine(urls[0][1])
    try:
        samples = samples_of(source, SAMPLE * options.rounds)
        draw = [pet.genes for pet in drawn_samples(samples)[: options.drawn_pictures]]
        started = time.monotonic()
        drawn = pictures.draw(source, draw, drawn=lambda _count: None)
        report(f"data: {drawn:,} PNGs drawn in {time.monotonic() - started:.0f} s")
        pets, events = row_counts(source)
    finally:
        source.dispose()
    if len(urls) == 2:
        source, target = make_engine(urls[0][1]), make_engine(urls[1][1])
        try:
            migrate.upgrade(target)
            copied = copy_database(source, target, report=report)
            report(f"data: copied into PostgreSQL in {copied.seconds:.0f} s")
        finally:
            source.dispose()
            target.dispose()
    last = make_engine(urls[-1][1])
    try:
        with last.connect() as connection:
            kept = int(connection.scalar(select(func.count()).select_from(Picture)) or 0)
    finally:
        last.dispose()
    return Prepared(urls, samples, pets, events, kept, len(set(draw)))


def measure_database(
    name: str, url: str, samples: list[Sample], options: Options, work: Path, report: Report
) -> dict[str, Any]:
    """One database's runs under gunicorn (with `options.streams` live streams open on a
    `pawchain stream` process throughout), and what the processes hold after them."""
    pidfile = work / f"gunicorn-{name}.pid"
    with (
        open_streams(url, options.streams, work) as streams,
        serving(
            APP, url, options.workers, options.threads, work / "gunicorn.log", pidfile=pidfile
        ) as base,
    ):
        if options.streams:
            report(f"  {streams.opened:,} of {streams.wanted:,} streams open")
        results = measure(base, samples, options, report)
        held = server_resources(url, int(pidfile.read_text()))
    entry = {"name": name, "endpoints": database_entry(results), **held}
    if options.streams:
        entry["streams"] = {
            "wanted": streams.wanted,
            "opened": streams.opened,
            "failed": streams.failed,
            "memory": asdict(streams.memory) if streams.memory else None,
        }
    return entry


def run(options: Options, report: Report, cache: Path = CACHE) -> dict[str, Any]:
    """Data, server and load on each database (SQLite, then PostgreSQL); the report."""
    postgres = (
        postgres_server(options.postgres_url)
        if "postgresql" in options.databases
        else nullcontext(None)
    )
    with tempfile.TemporaryDirectory(prefix="pawchain-bench-http-") as work, postgres as server:
        prepared = prepare(options, server, report, cache)
        render = render_costs(prepared.samples)
        databases = []
        for name, url in prepared.urls:
            report(f"{name}:")
            databases.append(
                measure_database(name, url, prepared.samples, options, Path(work), report)
            )
    return {
        "schema": SCHEMA,
        "machine": machine(),
        "app": APP,
        "pets": prepared.pets,
        "events": prepared.events,
        "workers": options.workers,
        "threads": options.threads,
        "connections": CONNECTIONS,
        "seconds": options.seconds,
        "rounds": options.rounds,
        "streams": options.streams,
        "render": render,
        "pictures": prepared.pictures,
        "pictures_wanted": prepared.pictures_wanted,
        "databases": databases,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pets", type=int, default=Scale.pets, help="the scale: 10000, 100000 (default), 1000000"
    )
    parser.add_argument(
        "--events", type=int, default=None, help=f"activity rows (default: {EVENTS_PER_PET} a pet)"
    )
    parser.add_argument(
        "--databases",
        nargs="+",
        choices=DATABASES,
        default=list(DATABASES),
        help="which to measure (postgresql alone generates straight into it: the largest scales)",
    )
    parser.add_argument(
        "--streams",
        type=int,
        default=0,
        help="live streams held open on a `pawchain stream` process during the runs (e.g. 1000)",
    )
    parser.add_argument(
        "--seconds", type=int, default=10, help="autocannon's duration per endpoint"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="times every endpoint is measured; the report gives medians (default 3)",
    )
    parser.add_argument(
        "--warmup", type=int, default=2, help="seconds of load before each measured run (0: none)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 2,
        help="gunicorn processes (default: cores)",
    )
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per process")
    parser.add_argument(
        "--regenerate", action="store_true", help="generate the data again even if cached"
    )
    parser.add_argument("--report", type=Path, default=REPORT_PATH)
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be 1 or more")
    bench_report.stop_on_sigterm()
    events = args.events if args.events is not None else EVENTS_PER_PET * args.pets
    options = Options(
        Scale(pets=args.pets, events=events),
        args.seconds,
        args.warmup,
        args.workers,
        args.threads,
        args.regenerate,
        os.environ.get("PAWCHAIN_BENCH_POSTGRES_URL"),
        databases=tuple(name for name in DATABASES if name in args.databases),
        streams=args.streams,
        rounds=args.rounds,
    )
    started = time.monotonic()
    report = run(options, bench_report.progress)
    took = f" ({time.monotonic() - started:.0f} s)"
    return bench_report.publish(args.report, report, format_report(report), took)


if __name__ == "__main__":
    sys.exit(main())
