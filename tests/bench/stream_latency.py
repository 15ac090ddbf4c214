"""Live stream benchmark: delivery latency from the indexer's commit to each subscriber's
receipt, with `--subscribers` open streams, beside one subscriber's (the ceiling).

Run it with `bin/bench-stream`. For each database (a fresh SQLite file; a fresh PostgreSQL
database, a throwaway cluster unless PAWCHAIN_BENCH_POSTGRES_URL names a server), the real
`pawchain stream` process serves the stream (PostgreSQL: woken by the indexer's NOTIFY;
SQLite: polling every 0.2 s, its default), and this process:
1. commits `--events` activity rows one batch at a time, every `--interval` seconds, the way
   the indexer commits a batch (event ids taken from the checkpoint, NOTIFY in the
   transaction: tests/support/activity_rows.py), noting the time each commit returned;
2. reads them on aiohttp streams: first one subscriber (the ceiling: the pipeline with
   nothing to fan out), then `--subscribers` at once (all connected before the first
   commit), noting when each event arrived on each stream.
Latency: receipt minus commit, over every (subscriber, event). An error is a stream that
failed, or an event missing or repeated on a stream. Target: p99 <= 1 s with 0 errors.
Writes reports/bench-stream.json; tests/bench/test_stream_latency.py checks its shape.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from pawchain.store import make_engine, migrate, session_factory
from tests.bench import bench_report
from tests.bench.relay_throughput import percentile
from tests.bench.throwaway_postgres import fresh_database, postgres_server
from tests.support.activity_rows import ActivityWriter, sale
from tests.support.sse import next_event_id

REPORT_PATH = bench_report.REPORTS / "bench-stream.json"
TARGET_P99_MS = 1_000.0
DEFAULT_SUBSCRIBERS = 1_000
DEFAULT_EVENTS = 40
DEFAULT_INTERVAL = 0.25
STREAM = "/api/v1/stream"
READ_SECONDS = 60.0  # beyond the commits' own time, for the last event to reach every stream


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class StreamProcess:
    """`pawchain stream` on a free port of loopback, for one database; its log in `folder`."""

    def __init__(self, database_url: str, folder: Path) -> None:
        self.port = _free_port()
        self.log = (folder / f"stream-{self.port}.log").open("w")
        env = {**os.environ, "PAWCHAIN_DATABASE_URL": database_url}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pawchain", "stream", "--port", str(self.port)],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.url = f"http://127.0.0.1:{self.port}"

    async def ready(self, seconds: float = 30.0) -> None:
        deadline = time.monotonic() + seconds
        async with aiohttp.ClientSession() as client:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise RuntimeError(f"pawchain stream exited ({self.process.returncode})")
                try:
                    async with client.get(f"{self.url}{STREAM}/health") as response:
                        if response.status == 200:
                            return
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.2)
        raise RuntimeError("pawchain stream did not answer")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


async def _deliveries(
    url: str, writer: ActivityWriter, subscribers: int, events: int, interval: float
) -> tuple[list[float], int]:
    """Latencies (seconds) of every event on every stream, and the errors."""
    arrived: list[dict[int, float]] = [{} for _ in range(subscribers)]
    errors = 0
    connector = aiohttp.TCPConnector(limit=0)
    timeout = aiohttp.ClientTimeout(total=None, sock_read=None)
    async with aiohttp.ClientSession(url, connector=connector, timeout=timeout) as client:
        streams = await asyncio.gather(
            *(client.get(STREAM) for _ in range(subscribers)), return_exceptions=True
        )
        # The first line (retry:) says the stream is open: every subscriber waits from here.
        for response in streams:
            if isinstance(response, BaseException) or response.status != 200:
                raise RuntimeError(f"a subscriber could not connect: {response!r}")
        await asyncio.gather(*(response.content.readuntil(b"\n\n") for response in streams))  # type: ignore[union-attr]

        async def read(number: int, response: aiohttp.ClientResponse) -> None:
            nonlocal errors
            try:
                # One deadline for the whole stream: a timer per message would cost this
                # process as much as the server's sending does.
                async with asyncio.timeout(READ_SECONDS + events * interval):
                    while len(arrived[number]) < events:
                        event_id = await next_event_id(response)
                        if event_id in arrived[number]:
                            errors += 1  # repeated
                        arrived[number][event_id] = time.time()
            except (TimeoutError, aiohttp.ClientError):
                errors += 1
            finally:
                response.close()

        readers = [
            asyncio.create_task(read(number, response))  # type: ignore[arg-type]
            for number, response in enumerate(streams)
        ]
        ids: list[int] = []
        for number in range(events):
            ids += await asyncio.to_thread(
                writer.commit, [sale(number % 1000 + 1, 10**16 + number)]
            )
            await asyncio.sleep(interval)
        await asyncio.gather(*readers)
    latencies = []
    for times in arrived:
        errors += len(set(ids) - set(times))  # missing
        latencies += [times[i] - writer.committed_at[i] for i in ids if i in times]
    return latencies, errors


def _figures(
    name: str, subscribers: int, latencies: list[float], errors: int, target: bool
) -> dict[str, Any]:
    p99 = percentile(latencies, 0.99) * 1000 if latencies else float("inf")
    return {
        "name": name,
        "subscribers": subscribers,
        "deliveries": len(latencies),
        "p50_ms": round(percentile(latencies, 0.5) * 1000, 1) if latencies else None,
        "p99_ms": round(p99, 1) if latencies else None,
        "max_ms": round(max(latencies) * 1000, 1) if latencies else None,
        "errors": errors,
        "target": f"p99 <= {TARGET_P99_MS:.0f} ms, 0 errors" if target else None,
        "met": (p99 <= TARGET_P99_MS and errors == 0) if target else None,
    }


def measure(
    database: str,
    database_url: str,
    subscribers: int,
    events: int,
    interval: float,
    folder: Path,
    say: Callable[[str], None],
) -> list[dict[str, Any]]:
    """The ceiling (one subscriber) and the load on one database."""
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    writer = ActivityWriter(session_factory(engine))
    writer.checkpoint()
    server = StreamProcess(database_url, folder)
    try:
        asyncio.run(server.ready())
        runs = []
        for name, count, target in (
            (f"{database}: 1 subscriber (ceiling)", 1, False),
            (f"{database}: {subscribers:,} subscribers", subscribers, True),
        ):
            say(f"bench-stream: {name}, {events} events every {interval} s")
            latencies, errors = asyncio.run(
                _deliveries(server.url, writer, count, events, interval)
            )
            runs.append(_figures(name, count, latencies, errors, target))
        return runs
    finally:
        server.stop()
        engine.dispose()


@dataclass(frozen=True)
class Load:
    """How many streams, how many events, how far apart their commits."""

    subscribers: int
    events: int
    interval: float


def run(load: Load, postgres_url: str | None, say: Callable[[str], None]) -> dict[str, Any]:
    """Both databases; the report."""
    subscribers, events, interval = load.subscribers, load.events, load.interval
    with tempfile.TemporaryDirectory(prefix="pawchain-bench-stream-") as name:
        folder = Path(name)
        runs = measure(
            "SQLite",
            f"sqlite:///{folder / 'stream.db'}",
            subscribers,
            events,
            interval,
            folder,
            say,
        )
        with postgres_server(postgres_url) as server:
            runs += measure(
                "PostgreSQL",
                fresh_database(server, "pawchain_bench_stream"),
                subscribers,
                events,
                interval,
                folder,
                say,
            )
    return {
        "schema": bench_report.SCHEMA,
        "machine": bench_report.machine(),
        "subscribers": subscribers,
        "events": events,
        "interval_seconds": interval,
        "runs": runs,
    }


def format_report(report: dict[str, Any]) -> str:
    header = ("run", "deliveries", "p50 ms", "p99 ms", "max ms", "errors", "target", "")
    rows = [
        (
            run["name"],
            f"{run['deliveries']:,}",
            str(run["p50_ms"]),
            str(run["p99_ms"]),
            str(run["max_ms"]),
            str(run["errors"]),
            run["target"] or "",
            bench_report.verdict(run["met"]),
        )
        for run in report["runs"]
    ]
    load = report["machine"]["load_average"]
    return (
        f"{report['events']} events, one commit every {report['interval_seconds']} s; "
        f"load average {load[0]} {load[1]} {load[2]}\n" + bench_report.format_table(header, rows)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=DEFAULT_SUBSCRIBERS)
    parser.add_argument("--events", type=int, default=DEFAULT_EVENTS)
    parser.add_argument(
        "--interval", type=float, default=DEFAULT_INTERVAL, help="seconds between commits"
    )
    parser.add_argument(
        "--report", type=Path, default=REPORT_PATH, help="where the JSON figures go"
    )
    return bench_report.run_benchmark(
        parser,
        argv,
        lambda args, postgres_url, say: run(
            Load(args.subscribers, args.events, args.interval), postgres_url, say
        ),
        format_report,
    )


if __name__ == "__main__":
    sys.exit(main())
