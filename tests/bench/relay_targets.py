"""bin/bench-relay's verdict on issue 14's targets, per database measured both ways: relayed
requests/s at least half of the direct run's, request -> indexed p50 and p99 within bounds, no
nonce gap (tests/bench/relay_report.py prints it under the table)."""

from __future__ import annotations

from typing import Any

from tests.bench.bench_report import format_table

# With 16 clients on each database: relayed/s at least half of what the same calls sent
# directly reach in the same run, and request -> indexed within these.
TARGET_RATIO, TARGET_P50_MS, TARGET_P99_MS = 0.5, 1500.0, 5000.0


def targets(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per database measured both ways: relayed/direct (relayed/s over direct relayed/s), the
    relayed request -> indexed p50 and p99, and whether all of them meet the targets (a run with a
    nonce gap fails before this: the gap count is 0)."""
    by_name = {run["name"]: run for run in runs}
    verdicts = []
    for database in ("SQLite", "PostgreSQL"):
        relayed, direct = by_name.get(f"relayed, {database}"), by_name.get(f"direct, {database}")
        if relayed is None or direct is None:
            continue
        ratio = relayed["relayed_per_second"] / direct["relayed_per_second"]
        p50, p99 = relayed["indexed_p50_ms"], relayed["indexed_p99_ms"]
        verdicts.append(
            {
                "database": database,
                "relayed_over_direct": round(ratio, 2),
                "indexed_p50_ms": p50,
                "indexed_p99_ms": p99,
                "nonce_gaps": 0,
                "met": ratio >= TARGET_RATIO and p50 <= TARGET_P50_MS and p99 <= TARGET_P99_MS,
            }
        )
    return verdicts


def format_targets(runs: list[dict[str, Any]]) -> str:
    header = ("database", "relayed/direct", "indexed p50 ms", "p99 ms", "nonce gaps", "targets")
    rows = [
        (
            verdict["database"],
            f"{verdict['relayed_over_direct']:.2f}",
            f"{verdict['indexed_p50_ms']:.0f}",
            f"{verdict['indexed_p99_ms']:.0f}",
            str(verdict["nonce_gaps"]),
            "MET" if verdict["met"] else "MISSED",
        )
        for verdict in targets(runs)
    ]
    return (
        f"targets: relayed/direct >= {TARGET_RATIO}, indexed p50 <= {TARGET_P50_MS:.0f} ms, "
        f"p99 <= {TARGET_P99_MS:.0f} ms, 0 nonce gaps\n" + format_table(header, rows)
    )
