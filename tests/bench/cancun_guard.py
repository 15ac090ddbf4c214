"""What a transient-storage reentrancy guard (EIP-1153) would cost or save per market operation.

Run by `bin/bench-gas` after the Cancun column, on a fresh Cancun Anvil: the market's
operations (tests/bench/market_gas.py) measured on the Cancun build's variant whose
`nonReentrant` uses a `bool transient` flag instead of the lock bits of the market's hot
storage word (tests/bench/cancun_build.py, `prepare_transient_guard`), printed beside the
Shanghai and Cancun columns of the same run (reports/gas.json, reports/gas-cancun.json; the
snapshots if a column is missing) and written to reports/gas-cancun-transient-guard.json.
Operations without the guard (create, cancel_order, forwarded_breed) are a control: they must
not move.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from pawchain.cli.brownie_session import attached
from pawchain.devchain import REPO_ROOT
from tests.bench import cancun_build
from tests.bench.gas_table import (
    CANCUN_REPORT_PATH,
    CANCUN_SNAPSHOT_PATH,
    REPORT_PATH,
    SNAPSHOT_PATH,
    cancun_environment,
    read_report,
)
from tests.bench.market_gas import measure_market_gas

GUARD_REPORT_PATH = REPO_ROOT / "reports" / "gas-cancun-transient-guard.json"


def column(primary: Any, fallback: Any) -> dict[str, int]:
    """One build's figures by operation, from its report of this run or else its snapshot."""
    report = read_report(primary) or read_report(fallback) or {"operations": {}}
    return {name: entry["gas"] for name, entry in report["operations"].items()}


# operation, then four right-aligned figures: the widest operation name is 33 characters.
ROW = "{:<34}{:>9}{:>9}{:>25}{:>14}"


def format_guard_table(
    shanghai: dict[str, int], cancun: dict[str, int], transient: dict[str, int]
) -> str:
    """One row per market operation: the three builds and what the transient guard changes."""
    header = ROW.format(
        "operation", "shanghai", "cancun", "cancun, transient guard", "guard change"
    )
    lines = [header, "-" * len(header)]
    for name, gas in transient.items():
        before, storage = shanghai.get(name), cancun.get(name)
        lines.append(
            ROW.format(
                name,
                "-" if before is None else f"{before:,}",
                "-" if storage is None else f"{storage:,}",
                f"{gas:,}",
                "-" if storage is None else f"{gas - storage:+,}",
            )
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Measure the market on the transient-guard build at --rpc-url; print and write the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rpc-url", required=True, help="a fresh Cancun Anvil (bin/bench-gas starts one)"
    )
    args, _ = parser.parse_known_args(argv)  # bin/bench-gas passes its own flags (--snapshot) on
    with attached(args.rpc_url, root=cancun_build.prepare_transient_guard()):
        transient = measure_market_gas()
    environment = {**cancun_environment(), "reentrancy_guard": "transient (EIP-1153)"}
    GUARD_REPORT_PATH.parent.mkdir(parents=True, exist_ok=True)
    GUARD_REPORT_PATH.write_text(
        json.dumps({"environment": environment, "operations": transient}, indent=2) + "\n"
    )
    print("\nThe market with a transient-storage reentrancy guard (Cancun, Anvil):\n")
    print(
        format_guard_table(
            column(REPORT_PATH, SNAPSHOT_PATH),
            column(CANCUN_REPORT_PATH, CANCUN_SNAPSHOT_PATH),
            transient,
        )
    )
    print(f"\nwrote {GUARD_REPORT_PATH.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
