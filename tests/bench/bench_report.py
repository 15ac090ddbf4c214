"""What the server benchmarks share in printing: aligned tables, verdicts, JSON reports; and
the command line of those that measure on a chain (bin/bench-indexer, bin/bench-relay).

Both commands print a table with the ceiling measured in the same run on its first row,
and write the same figures as JSON under reports/ (gitignored, like reports/gas.json).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pawchain.devchain import REPO_ROOT

REPORTS = REPO_ROOT / "reports"
SCHEMA = 1


def verdict(met: bool | None) -> str:
    """PASS / MISS against a target; an empty cell where there is none."""
    return "" if met is None else ("PASS" if met else "MISS")


def ratio(value: float, ceiling: float) -> float:
    """value / ceiling, rounded for the report (0 when the ceiling is 0)."""
    return round(value / ceiling, 3) if ceiling > 0 else 0.0


def format_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns aligned: the first to the left, the others to the right; a rule under the header."""
    widths = [
        max(len(str(line[column])) for line in [header, *rows]) for column in range(len(header))
    ]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            str(cell).ljust(width) if column == 0 else str(cell).rjust(width)
            for column, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return "\n".join(
        [line(header), "  ".join("-" * width for width in widths), *(line(row) for row in rows)]
    )


def machine() -> dict[str, Any]:
    """Where the figures were measured (they mean little without it), and how busy the machine
    was with other work (the load average: a shared machine's figures move with it)."""
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average": [round(load, 2) for load in os.getloadavg()],
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def write_report(path: Path, report: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2) + "\n")


def stop_on_sigterm() -> None:
    """SIGTERM unwinds like Ctrl-C, so the servers a run started are stopped on the way out."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))


def progress(line: str) -> None:
    """A progress line, on stderr: stdout holds only the report's table."""
    print(line, file=sys.stderr)


def publish(path: Path, report: dict[str, Any], table: str, note: str = "") -> int:
    """Print the table, write the JSON report to `path` and say so; main()'s exit status."""
    print(table)
    write_report(path, report)
    print(f"figures written to {path}{note}", file=sys.stderr)
    return 0


def chain_benchmark_parser(
    description: str, command: str, report_path: Path
) -> argparse.ArgumentParser:
    """The options of a benchmark on a chain that `command` starts: --rpc-url and --report
    (the benchmark adds its own)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--rpc-url", required=True, help=f"a fresh chain ({command} starts one)")
    parser.add_argument(
        "--report", type=Path, default=report_path, help="where the JSON figures go"
    )
    return parser


def run_benchmark(
    parser: argparse.ArgumentParser,
    argv: Sequence[str] | None,
    measure: Callable[[argparse.Namespace, str | None, Callable[[str], None]], dict[str, Any]],
    format_report: Callable[[dict[str, Any]], str],
) -> int:
    """A benchmark's main(): `measure(args, PostgreSQL server URL or None, progress)` (SIGTERM
    unwinds like Ctrl-C), then the report printed and written; the exit status."""
    args = parser.parse_args(argv)
    stop_on_sigterm()
    report = measure(args, os.environ.get("PAWCHAIN_BENCH_POSTGRES_URL"), progress)
    return publish(args.report, report, format_report(report))
