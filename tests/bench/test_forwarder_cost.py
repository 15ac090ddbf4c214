"""bin/bench-forwarder-cost's code at a tiny size: 4 calls of each kind, one round, batches of
2 and 4, on a Ganache of its own (the benchmark reads the node's CPU time from /proc, so it
needs the node's process id).

Checks what the command prints and writes, and what the chain decides (gas per request falls
as requests share a transaction), never how fast anything is.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from typing import Any

import pytest

from pawchain import devchain
from tests.bench.forwarder_cost import CHECK, CHECK_PARTS, ceilings, cpu_seconds, format_report, run
from tests.support.ports import free_server_port

CALLS, SIZES = 4, (2, 4)


@pytest.fixture(scope="module")
def report() -> Iterator[dict[str, Any]]:
    settings = devchain.ChainSettings(port=free_server_port())
    process = devchain.start(settings)
    try:
        yield run(settings.rpc_url, process.pid, CALLS, 1, SIZES, lambda line: None)
    finally:
        devchain.stop(process)


def test_every_kind_is_measured_once_per_round(report):
    names = [kind["name"] for kind in report["kinds"]]
    assert names == [
        "direct",
        "execute",
        "executeBatch k=2",
        "executeBatch k=4",
        CHECK,
        *CHECK_PARTS,
    ]
    for kind in report["kinds"]:
        assert len(kind["rounds"]) == 1
        assert 0 <= kind["node_cpu_ms_min"] <= kind["node_cpu_ms_median"] <= kind["node_cpu_ms_max"]
        assert kind["wall_ms_median"] > 0
    json.dumps(report)  # what reports/bench-forwarder-cost.json holds


def test_a_batch_costs_less_gas_per_request_than_execute_and_more_than_direct(report):
    gas = {kind["name"]: kind["gas_per_call"] for kind in report["kinds"]}
    # one transaction's 21,000 shared by k requests; each request still recovers its signature
    assert gas["direct"] < gas["executeBatch k=4"] < gas["executeBatch k=2"] < gas["execute"]
    assert gas[CHECK] == 0  # reads: no transaction


def test_the_table_prints_a_ceiling_per_relayed_kind(report):
    lines = format_report(report).splitlines()
    assert lines[2].split()[:2] == ["kind", "node"]
    rows = {line.split("  ")[0].strip(): line for line in lines[4:]}
    assert set(rows) == {kind["name"] for kind in report["kinds"]}
    assert set(ceilings(report)) == {"execute", "executeBatch k=2", "executeBatch k=4"}


def test_cpu_time_read_from_proc_is_the_process_s_and_grows_with_work():
    pid = os.getpid()
    start = cpu_seconds(pid)
    assert 0 < start <= sum(os.times()[:2]) + 0.02  # this process's user + system time so far
    deadline = time.monotonic() + 30
    while cpu_seconds(pid) == start and time.monotonic() < deadline:  # one clock tick of work
        sum(range(10_000))
    assert cpu_seconds(pid) > start
