"""Indexer benchmark: events per second into SQLite and PostgreSQL, beside raw eth_getLogs.

Run it with `bin/bench-indexer` (it starts a fresh Ganache and stops it after). Steps:
1. deploy PetToken (tests/support/pet_game.py) and play `--transactions` real game
   transactions on it (game_traffic.py: mints, transfers, approvals, breedings, births);
2. the ceiling: plain `eth_getLogs` over the same blocks, in the indexer's batch size, with
   nothing but HTTP and JSON parsing;
3. the real `Indexer` (pawchain.indexer) from the deploy block to the head, into a fresh
   SQLite file and a fresh PostgreSQL database (a throwaway cluster unless
   PAWCHAIN_BENCH_POSTGRES_URL names a server), after freezing the startup heap as
   `pawchain index` does; every database must then hold exactly the events the ceiling
   counted.
Steps 2 and 3 run in turn for five rounds (each indexer pass into a fresh database), and the
fastest pass of each counts: the ceiling is not flattered by a cold node, and on a shared
machine all three have the same busy moments to land on.
It prints events/s, blocks/s and the ratio to the ceiling with PASS/MISS against the target
(the indexer at >= 50% of the raw log throughput with ten transactions a block or more, >= 35%
with fewer), and writes reports/bench-indexer.json.
It is a command, not a timed test: tests/bench/test_indexer_throughput.py checks its shape.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from pawchain.chain import ChainReader
from pawchain.indexer import Indexer, IndexerOptions, Target, freeze_startup_heap
from pawchain.store import Activity, make_engine, migrate, session_factory
from tests.bench import bench_report
from tests.bench.bench_report import REPORTS, SCHEMA, format_table, machine, ratio, verdict
from tests.bench.game_traffic import Tally, TrafficPlayer
from tests.bench.json_rpc import JsonRpc
from tests.bench.thread_profiles import ThreadProfiles
from tests.bench.throwaway_postgres import fresh_database, postgres_server
from tests.support.pet_game import PetGame

REPORT_PATH = REPORTS / "bench-indexer.json"
BUSY_BLOCK = 10  # transactions a block from which a chain counts as busy
BUSY_TARGET = 0.5  # busy blocks: the indexer at half the raw log throughput or better
SPARSE_TARGET = 0.35  # fewer a block: nearly every block's header is read for its time


def target_ratio(per_block: int) -> float:
    """The indexer's target share of the ceiling's events/s for `per_block` transactions a block."""
    return BUSY_TARGET if per_block >= BUSY_BLOCK else SPARSE_TARGET


DEFAULT_TRANSACTIONS = 10_000
PASSES = 5  # rounds of the ceiling and each database's indexer run in turn; the fastest counts


@dataclass(frozen=True)
class Measurement:
    """One pass over blocks first..last: how many events, how long, and the CPU time this
    process spent in it (all its threads; on a busy machine wall time mostly measures the
    wait for a CPU, this what the pass itself costs)."""

    name: str
    events: int
    blocks: int
    seconds: float
    cpu_seconds: float

    @property
    def events_per_second(self) -> float:
        return self.events / self.seconds if self.seconds > 0 else 0.0

    @property
    def blocks_per_second(self) -> float:
        return self.blocks / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True)
class Chain:
    """The played chain: the game, and the blocks to index."""

    game: PetGame
    first: int
    last: int
    traffic: Tally


def play(rpc_url: str, transactions: int, per_block: int, report: Callable[[str], None]) -> Chain:
    """Deploy PetToken and play `transactions` real transactions on it, `per_block` a block."""
    game = PetGame.deploy(rpc_url)
    rpc = JsonRpc(rpc_url)
    try:
        started = time.monotonic()
        tally = TrafficPlayer(game, rpc, transactions, per_block).play(report)
        report(f"traffic: {tally.total:,} transactions in {time.monotonic() - started:.1f} s")
    finally:
        rpc.close()
    return Chain(game=game, first=game.deploy_block, last=game.head(), traffic=tally)


def windows(first: int, last: int, size: int) -> list[tuple[int, int]]:
    """first..last cut into ranges of `size` blocks, as the indexer walks it."""
    return [(start, min(start + size - 1, last)) for start in range(first, last + 1, size)]


def measure_ceiling(chain: Chain, batch_blocks: int) -> Measurement:
    """Raw eth_getLogs over the chain's blocks: HTTP and JSON parsing, nothing else."""
    rpc = JsonRpc(chain.game.rpc_url)
    address = chain.game.pets.address
    try:
        events = 0
        started, cpu_started = time.perf_counter(), time.process_time()
        for first, last in windows(chain.first, chain.last, batch_blocks):
            logs = rpc.call(
                "eth_getLogs", {"fromBlock": hex(first), "toBlock": hex(last), "address": [address]}
            )
            events += len(logs)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        blocks = chain.last - chain.first + 1
        return Measurement("eth_getLogs (ceiling)", events, blocks, seconds, cpu)
    finally:
        rpc.close()


def measure_indexer(
    chain: Chain,
    name: str,
    database_url: str,
    batch_blocks: int,
    freeze_heap: bool = True,
    profile: Path | None = None,
) -> Measurement:
    """The real indexer from the deploy block to the chain's last block, into an empty database.

    `freeze_heap`: first set the process's heap aside from the garbage collector, as
    `pawchain index` does before its first batch (the smoke tests leave their process as it is).
    `profile`: write cProfile's statistics of the pass there, every thread's added up
    (thread_profiles; the profiler slows the pass: its figures then say where the CPU goes,
    not how much there is).
    """
    engine = make_engine(database_url)
    try:
        migrate.upgrade(engine)
        game = chain.game
        reader = ChainReader(game.rpc_url, {"PetToken": game.pets.address})
        target = Target(int(game.web3.eth.chain_id), game.deploy_block, game.deploy_block_hash)
        indexer = Indexer(
            reader, session_factory(engine), target, IndexerOptions(batch_blocks=batch_blocks)
        )
        if freeze_heap:
            freeze_startup_heap()
        profiling: AbstractContextManager[None] = (
            ThreadProfiles().profiling(profile) if profile else nullcontext()
        )
        started, cpu_started = time.perf_counter(), time.process_time()
        with profiling:
            reached = indexer.sync(until=chain.last)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        if reached != chain.last:
            raise RuntimeError(f"{name}: the indexer stopped at block {reached}, not {chain.last}")
        with indexer.sessions() as session:
            events = int(session.scalar(select(func.count()).select_from(Activity)) or 0)
        blocks = chain.last - chain.first + 1
        return Measurement(f"indexer -> {name}", events, blocks, seconds, cpu)
    finally:
        engine.dispose()


def build_report(
    ceiling: Measurement, runs: list[Measurement], chain: Chain, per_block: int, batch_blocks: int
) -> dict[str, Any]:
    """The figures as JSON: the ceiling, then each database's run with its ratio and verdict."""

    def entry(measurement: Measurement, target: float | None) -> dict[str, Any]:
        share = ratio(measurement.events_per_second, ceiling.events_per_second)
        return {
            **asdict(measurement),
            "seconds": round(measurement.seconds, 3),
            "cpu_seconds": round(measurement.cpu_seconds, 3),
            "events_per_second": round(measurement.events_per_second, 1),
            "blocks_per_second": round(measurement.blocks_per_second, 1),
            "ratio": share,
            "target": target,
            "met": None if target is None else share >= target,
        }

    return {
        "schema": SCHEMA,
        "machine": machine(),
        "transactions": chain.traffic.total,
        "traffic": dict(chain.traffic.counts),
        "blocks": chain.last - chain.first + 1,
        "per_block": per_block,
        "batch_blocks": batch_blocks,
        "runs": [entry(ceiling, None), *(entry(run, target_ratio(per_block)) for run in runs)],
    }


def format_report(report: dict[str, Any]) -> str:
    measured = ("source", "events", "blocks", "seconds", "cpu s", "events/s", "blocks/s")
    header = (*measured, "ratio", "target", "")
    rows = [
        (
            run["name"],
            f"{run['events']:,}",
            f"{run['blocks']:,}",
            f"{run['seconds']:.2f}",
            f"{run['cpu_seconds']:.2f}",
            f"{run['events_per_second']:,.0f}",
            f"{run['blocks_per_second']:,.0f}",
            f"{run['ratio']:.2f}",
            f">= {run['target']:.2f}" if run["target"] is not None else "ceiling",
            verdict(run["met"]),
        )
        for run in report["runs"]
    ]
    kinds = ", ".join(f"{count:,} {name}" for name, count in report["traffic"].items())
    return (
        f"{report['transactions']:,} transactions ({kinds}) in {report['blocks']:,} blocks "
        f"({report['per_block']} a block); batches of {report['batch_blocks']} blocks\n"
        + format_table(header, rows)
    )


def run(
    rpc_url: str,
    transactions: int,
    per_block: int,
    batch_blocks: int,
    postgres_url: str | None,
    report: Callable[[str], None],
    freeze_heap: bool = True,
    passes: int = PASSES,
    profile: Path | None = None,
) -> dict[str, Any]:
    """Play, measure the ceiling and both databases (the best of `passes` rounds); the report.
    `profile`: a folder for cProfile statistics of each indexer pass (measure_indexer)."""

    def profiled(database: str, index: int) -> Path | None:
        if profile is None:
            return None
        profile.mkdir(parents=True, exist_ok=True)
        return profile / f"indexer-{database}-{index}.prof"

    chain = play(rpc_url, transactions, per_block, report)
    # Rounds of the three in turn, each indexer pass into a fresh database, the fastest of
    # each counting: on a shared machine any pass can land on a busy moment, and in turn the
    # ceiling and the indexer have the same moments to land on.
    ceilings, sqlite_passes, postgres_passes = [], [], []
    with postgres_server(postgres_url) as server:
        for index in range(passes):
            ceilings.append(measure_ceiling(chain, batch_blocks))
            if ceilings[-1].events == 0:
                raise RuntimeError("eth_getLogs found no events: nothing to measure")
            with tempfile.TemporaryDirectory(prefix="pawchain-bench-") as folder:
                url = f"sqlite:///{Path(folder) / f'index{index}.db'}"
                sqlite_passes.append(
                    measure_indexer(
                        chain, "SQLite", url, batch_blocks, freeze_heap, profiled("sqlite", index)
                    )
                )
            url = fresh_database(server, "pawchain_bench_indexer")
            postgres_passes.append(
                measure_indexer(
                    chain,
                    "PostgreSQL",
                    url,
                    batch_blocks,
                    freeze_heap,
                    profiled("postgresql", index),
                )
            )
    ceiling = min(ceilings, key=lambda run: run.seconds)
    for measured in (*sqlite_passes, *postgres_passes):
        if measured.events != ceiling.events:
            raise RuntimeError(
                f"{measured.name} holds {measured.events} events, eth_getLogs returned {ceiling.events}"
            )
    runs = [min(passes, key=lambda run: run.seconds) for passes in (sqlite_passes, postgres_passes)]
    return build_report(ceiling, runs, chain, per_block, batch_blocks)


def main(argv: list[str] | None = None) -> int:
    parser = bench_report.chain_benchmark_parser(
        __doc__.splitlines()[0], "bin/bench-indexer", REPORT_PATH
    )
    parser.add_argument("--transactions", type=int, default=DEFAULT_TRANSACTIONS)
    parser.add_argument(
        "--per-block",
        type=int,
        default=1,
        help="transactions per block (1: Ganache's automine, as the local game)",
    )
    parser.add_argument(
        "--batch-blocks",
        type=int,
        default=IndexerOptions().batch_blocks,
        help="blocks per eth_getLogs and per indexer batch (the indexer's default)",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        help="a folder for cProfile statistics of every indexer pass (indexer-<database>-<n>.prof,"
        " every thread's; read them with `python -m pstats`); profiled passes run slower",
    )
    return bench_report.run_benchmark(
        parser,
        argv,
        lambda args, postgres_url, say: run(
            args.rpc_url,
            args.transactions,
            args.per_block,
            args.batch_blocks,
            postgres_url,
            say,
            profile=args.profile,
        ),
        format_report,
    )


if __name__ == "__main__":
    sys.exit(main())
