"""bin/bench-relay's printed report: a row per run (tests/bench/relay_throughput.py measures
them), then issue 14's targets judged per database (relay_targets.py)."""

from __future__ import annotations

from typing import Any

from tests.bench.bench_report import format_table
from tests.bench.relay_targets import format_targets


def format_report(report: dict[str, Any]) -> str:
    header = (
        "run",
        "requests",
        "accepted/s",
        "relayed/s",
        "mined p50 ms",
        "p99 ms",
        "indexed p50 ms",
        "p99 ms",
        "nonces",
        "busy retries",
        "web CPU ms/req",
    )
    rows = [
        (
            run["name"],
            str(run["requests"]),
            f"{run['accepted_per_second']:.1f}",
            f"{run['relayed_per_second']:.1f}",
            f"{run['mined_p50_ms']:.0f}",
            f"{run['mined_p99_ms']:.0f}",
            f"{run['indexed_p50_ms']:.0f}",
            f"{run['indexed_p99_ms']:.0f}",
            "-" if run["no_nonce_gap"] is None else ("no gap" if run["no_nonce_gap"] else "GAP"),
            str(run["busy_retries"]),
            "-"
            if run["web_cpu_ms_per_request"] is None
            else f"{run['web_cpu_ms_per_request']:.1f}",
        )
        for run in report["runs"]
    ]
    return (
        f"{report['requests']} requests from {report['clients']} concurrent clients; "
        f"{report['node']} automine "
        "(a block per transaction); tracker and indexer poll every 0.1 s\n"
        + format_table(header, rows)
        + "\n\n"
        + format_targets(report["runs"])
    )
