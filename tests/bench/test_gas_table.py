"""The gas benchmark measures every operation and reports it in its stable JSON shape.

Runs with brownie's pytest plugin on the contract tests' chain, e.g.
`brownie test tests/bench --network ganache-cli`. It checks behaviour (every key present,
every figure a positive gas amount, the report's derived fields), never timing or limits:
the figures themselves are bin/bench-gas's job.
"""

from __future__ import annotations

import json
import random

import pytest

from tests.bench.gas_table import (
    CRYPTOKITTIES,
    EXTRA_OPERATIONS,
    OPERATIONS,
    SNAPSHOT_PATH,
    TARGETS,
    build_report,
    format_table,
    measure_everything,
    read_report,
    write_report,
)

ENTRY_KEYS = {"gas", "cryptokitties", "ratio", "target", "met"}


@pytest.fixture(scope="module")
def report(accounts, chain):
    """One measurement for the whole module: it sends a few dozen transactions."""
    gas = measure_everything(accounts, chain, random.Random(1))
    return build_report(gas, {"chain": "test"})


def test_every_operation_has_a_positive_gas_figure(report):
    operations = report["operations"]
    assert list(operations) == [*OPERATIONS, *EXTRA_OPERATIONS]
    for name, entry in operations.items():
        assert isinstance(entry["gas"], int) and entry["gas"] > 21_000, (
            name
        )  # more than a bare transfer of ether


def test_report_has_the_stable_json_structure(report, tmp_path):
    assert report["schema"] == 1
    for name, entry in report["operations"].items():
        assert set(entry) == ENTRY_KEYS, name
    path = tmp_path / "gas.json"
    write_report(path, report)
    assert read_report(path) == report
    assert (
        json.loads(path.read_text())["operations"]["transfer"]["gas"]
        == report["operations"]["transfer"]["gas"]
    )


def test_ratio_and_target_follow_from_the_figures(report):
    for name, entry in report["operations"].items():
        kitties, target = CRYPTOKITTIES.get(name), TARGETS.get(name)
        assert entry["cryptokitties"] == kitties
        assert entry["ratio"] == (round(entry["gas"] / kitties, 3) if kitties else None)
        assert entry["target"] == target
        assert entry["met"] == (entry["gas"] <= target if target else None)


def test_table_shows_each_change_against_the_snapshot(report):
    snapshot = json.loads(json.dumps(report))
    snapshot["operations"]["transfer"]["gas"] -= 100
    del snapshot["operations"]["breed_gen1"]
    rows = {line.split()[0]: line for line in format_table(report, snapshot).splitlines()[2:]}
    assert rows["transfer"].endswith(
        f"+100 ({100 / snapshot['operations']['transfer']['gas']:+.1%})"
    )
    assert rows["breed_gen1"].endswith("new")
    assert rows["give_birth"].endswith("=")


def test_committed_snapshot_has_the_report_structure(report):
    snapshot = read_report(SNAPSHOT_PATH)
    assert snapshot is not None, (
        "run bin/bench-gas --snapshot and commit tests/bench/gas-snapshot.json"
    )
    assert snapshot["schema"] == report["schema"]
    assert list(snapshot["operations"]) == list(report["operations"])
    assert all(set(entry) == ENTRY_KEYS for entry in snapshot["operations"].values())
