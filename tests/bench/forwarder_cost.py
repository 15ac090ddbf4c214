"""What a call costs the node: its own CPU time per call sent directly, relayed with
PawForwarder's `execute`, relayed k at a time with `executeBatch`, and the relay's check.

Run it with `bin/bench-forwarder-cost` (a fresh Ganache on PAWCHAIN_BENCH_PORT, whose process
id it is given: the CPU time is read from /proc/<pid>/stat). Every call is PetToken's
setApprovalForAll to a new operator (what bin/bench-relay sends), each relayed one from a new
player, signed before the clock starts. The transactions go one after the other (Ganache mines
each in its own block before it answers), so the node's CPU time over a run is what mining
those calls cost it; `check` is the JSON-RPC batch ForwardRelay.check sends per request
(pawchain.relay.forward.check_calls: the latest block, the relay's balance, the player's
forwarder nonce, the inner call simulated), and its two calls alone.

When the node is the saturated part of bin/bench-relay (both runs go through it), relayed/direct
cannot exceed (direct's CPU per call) / (the check's + the relayed transaction's CPU per
request): the table prints that ceiling for `execute` and each batch size, from the medians of
the rounds. Writes reports/bench-forwarder-cost.json.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from eth_account import Account
from eth_account.signers.local import LocalAccount
from web3 import HTTPProvider, Web3
from web3.types import Wei

from pawchain.chain.json_rpc import RpcCall
from pawchain.relay import sign_forward_request
from pawchain.relay.forward import ForwardRequest, check_calls
from tests.bench import bench_report
from tests.bench.bench_report import REPORTS, SCHEMA, format_table, machine
from tests.bench.json_rpc import JsonRpc
from tests.support.pet_game import PetGame

REPORT_PATH = REPORTS / "bench-forwarder-cost.json"
ETHER = 10**18
DEADLINE = 2**40
INNER_GAS = 100_000  # the gas each player signs: setApprovalForAll to a new operator uses ~25,000
# The relay's gas limit per forwarded request besides INNER_GAS × 64/63 (the forwarder's hash,
# signature recovery, nonce, event; pawchain.relay.forward.FORWARDER_OVERHEAD_GAS) and per
# transaction; generous: the receipt's gasUsed is what the table shows.
PER_REQUEST_GAS, PER_TRANSACTION_GAS = 60_000, 30_000
BATCH_SIZES = (4, 8, 16)
CHECK = "check (one batch)"
CHECK_PARTS = ("check: inner call", "check: forwarder nonce")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process `pid` (all its threads) so far."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()  # after the command's name
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class NodeCost:
    """The game deployed on the node at `rpc_url` (process `pid`), and the calls to measure."""

    def __init__(self, rpc_url: str, pid: int) -> None:
        self.rpc_url, self.pid = rpc_url, pid
        self.game = PetGame.deploy(rpc_url)
        self.web3 = Web3(HTTPProvider(rpc_url))
        self.chain_id = self.web3.eth.chain_id
        self.forwarder = self.game.contracts["PawForwarder"]
        self.base_fee = int(self.web3.eth.get_block("latest")["baseFeePerGas"])

    # ---- what is sent (prepared before the clock starts)

    def funded(self) -> LocalAccount:
        account: LocalAccount = Account.create()
        self.web3.eth.wait_for_transaction_receipt(
            self.web3.eth.send_transaction(
                {"from": self.game.account(0), "to": account.address, "value": Wei(100 * ETHER)}
            )
        )
        return account

    def approval(self) -> bytes:
        data = self.game.pets.functions.setApprovalForAll(
            Account.create().address, True
        )._encode_transaction_data()
        return bytes.fromhex(data[2:])

    def signed_request(self) -> ForwardRequest:
        return sign_forward_request(
            Account.create().key.to_0x_hex(),
            self.game.pets.address,
            self.approval(),
            0,
            DEADLINE,
            self.chain_id,
            self.forwarder.address,
            gas=INNER_GAS,
        )

    def signed(self, account: LocalAccount, nonce: int, to: str, data: bytes, gas: int) -> bytes:
        transaction: dict[str, Any] = {
            "type": 2,
            "chainId": self.chain_id,
            "nonce": nonce,
            "to": to,
            "data": data,
            "value": 0,
            "gas": gas,
            "maxFeePerGas": 2 * self.base_fee + 10**9,
            "maxPriorityFeePerGas": 10**9,
        }
        return bytes(account.sign_transaction(transaction).raw_transaction)

    def direct(self, calls: int) -> list[bytes]:
        """`calls` transactions of one funded account."""
        sender = self.funded()
        return [
            self.signed(sender, nonce, self.game.pets.address, self.approval(), 100_000)
            for nonce in range(calls)
        ]

    def relayed(self, calls: int, k: int) -> list[bytes]:
        """`calls` forward requests, k per relay transaction: `execute` (k = 1) or
        `executeBatch` with the relay as refund receiver (invalid requests skipped, as a
        relay would send it)."""
        relay = self.funded()
        transactions = []
        for nonce in range(calls // k):
            requests = [self.signed_request().as_struct() for _ in range(k)]
            call = (
                self.forwarder.functions.execute(requests[0])
                if k == 1
                else self.forwarder.functions.executeBatch(requests, relay.address)
            )
            transactions.append(
                self.signed(
                    relay,
                    nonce,
                    self.forwarder.address,
                    bytes.fromhex(call._encode_transaction_data()[2:]),
                    PER_TRANSACTION_GAS + k * (INNER_GAS * 64 // 63 + PER_REQUEST_GAS),
                )
            )
        return transactions

    def check_batches(self, calls: int, part: str = CHECK) -> list[list[RpcCall]]:
        """For `calls` new players' requests, the JSON-RPC batch ForwardRelay.check sends
        (pawchain.relay.forward.check_calls; a target's trust is asked once per relay process,
        so not here), or one of its calls, `part`."""
        relay = self.funded().address
        batches = []
        for _ in range(calls):
            check = check_calls(self.forwarder.address, relay, self.signed_request())
            batch = {
                CHECK: list(check.batch()),
                CHECK_PARTS[0]: [check.inner],
                CHECK_PARTS[1]: [check.nonce],
            }
            batches.append(batch[part])
        return batches

    # ---- measuring

    def send_all(self, transactions: list[bytes]) -> tuple[float, float, int]:
        """Send each transaction after the previous one is mined; (node CPU seconds, wall
        seconds, total gas used). A transaction that reverted fails the run."""
        cpu, wall = cpu_seconds(self.pid), time.monotonic()
        hashes = [self.web3.eth.send_raw_transaction(raw) for raw in transactions]
        cpu, wall = cpu_seconds(self.pid) - cpu, time.monotonic() - wall
        gas = 0
        for tx_hash in hashes:
            receipt = self.web3.eth.get_transaction_receipt(tx_hash)
            if receipt["status"] != 1:
                raise RuntimeError(f"transaction {tx_hash.to_0x_hex()} reverted")
            gas += receipt["gasUsed"]
        return cpu, wall, gas

    def post_all(self, batches: list[list[RpcCall]]) -> tuple[float, float, int]:
        """Send each JSON-RPC batch; (node CPU seconds, wall seconds, 0 gas). An error answer
        fails the run (JsonRpcReplyError)."""
        rpc = JsonRpc(self.rpc_url)
        try:
            cpu, wall = cpu_seconds(self.pid), time.monotonic()
            for calls in batches:
                rpc.batch(calls)
            return cpu_seconds(self.pid) - cpu, time.monotonic() - wall, 0
        finally:
            rpc.close()


def kinds(bench: NodeCost, calls: int, sizes: Sequence[int]) -> list[tuple[str, Callable[[], Any]]]:
    """Each measured kind and what measures it (its preparation is outside the clock)."""

    def sent(prepare: Callable[[], list[bytes]]) -> Callable[[], tuple[float, float, int]]:
        return lambda: bench.send_all(prepare())

    def posted(part: str) -> Callable[[], tuple[float, float, int]]:
        return lambda: bench.post_all(bench.check_batches(calls, part))

    return [
        ("direct", sent(lambda: bench.direct(calls))),
        ("execute", sent(lambda: bench.relayed(calls, 1))),
        *(
            (f"executeBatch k={k}", sent(lambda k=k: bench.relayed(calls, k)))  # type: ignore[misc]
            for k in sizes
        ),
        (CHECK, posted(CHECK)),
        *((part, posted(part)) for part in CHECK_PARTS),
    ]


def run(
    rpc_url: str,
    pid: int,
    calls: int,
    rounds: int,
    sizes: Sequence[int],
    say: Callable[[str], None],
) -> dict[str, Any]:
    if any(calls % k for k in sizes):
        raise ValueError(f"--calls {calls} must be a multiple of every batch size {list(sizes)}")
    bench = NodeCost(rpc_url, pid)
    measured: dict[str, list[dict[str, float]]] = {}
    load_before = machine()["load_average"]
    for round_ in range(rounds):
        say(f"bench-forwarder-cost: round {round_ + 1} of {rounds}, {calls} calls of each kind")
        for name, measure in kinds(bench, calls, sizes):
            cpu, wall, gas = measure()
            measured.setdefault(name, []).append(
                {
                    "node_cpu_ms": round(cpu * 1000 / calls, 2),
                    "wall_ms": round(wall * 1000 / calls, 2),
                    "gas": gas // calls,
                }
            )
    return {
        "schema": SCHEMA,
        "machine": {**machine(), "load_average_at_start": load_before},
        "calls": calls,
        "rounds": rounds,
        "kinds": [summary(name, rounds_) for name, rounds_ in measured.items()],
    }


def summary(name: str, rounds: list[dict[str, float]]) -> dict[str, Any]:
    cpu = [one["node_cpu_ms"] for one in rounds]
    return {
        "name": name,
        "node_cpu_ms_median": round(statistics.median(cpu), 2),
        "node_cpu_ms_min": min(cpu),
        "node_cpu_ms_max": max(cpu),
        "wall_ms_median": round(statistics.median(one["wall_ms"] for one in rounds), 2),
        "gas_per_call": rounds[0]["gas"],
        "rounds": rounds,
    }


def ceilings(report: dict[str, Any]) -> dict[str, float]:
    """Per relayed kind, the most relayed/direct can reach while the node is saturated: direct's
    CPU per call over the check's plus the relayed transaction's per request (medians)."""
    by_name = {kind["name"]: kind["node_cpu_ms_median"] for kind in report["kinds"]}
    direct, check = by_name["direct"], by_name[CHECK]
    return {
        name: round(direct / (check + cpu), 2) if check + cpu > 0 else 0.0
        for name, cpu in by_name.items()
        if name == "execute" or name.startswith("executeBatch")
    }


def format_report(report: dict[str, Any]) -> str:
    header = ("kind", "node CPU ms/call", "min", "max", "wall ms/call", "gas/call", "ceiling")
    ceiling = ceilings(report)
    rows = [
        (
            kind["name"],
            f"{kind['node_cpu_ms_median']:.2f}",
            f"{kind['node_cpu_ms_min']:.2f}",
            f"{kind['node_cpu_ms_max']:.2f}",
            f"{kind['wall_ms_median']:.1f}",
            str(kind["gas_per_call"]) if kind["gas_per_call"] else "",
            f"{ceiling[kind['name']]:.2f}" if kind["name"] in ceiling else "",
        )
        for kind in report["kinds"]
    ]
    load = report["machine"]
    return (
        f"{report['calls']} calls of each kind, {report['rounds']} rounds (medians, min, max); "
        f"load average {load['load_average_at_start']} at start, {load['load_average']} at end\n"
        "ceiling: direct's node CPU per call / (the check's + this kind's), the most relayed/direct "
        "can reach while the node is saturated\n" + format_table(header, rows)
    )


def main(argv: list[str] | None = None) -> int:
    parser = bench_report.chain_benchmark_parser(
        __doc__.splitlines()[0], "bin/bench-forwarder-cost", REPORT_PATH
    )
    parser.add_argument("--node-pid", type=int, required=True, help="the node's process id")
    parser.add_argument("--calls", type=int, default=128, help="per kind and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--batch-sizes", default=",".join(map(str, BATCH_SIZES)), help="comma-separated k"
    )
    return bench_report.run_benchmark(
        parser,
        argv,
        lambda args, _postgres, say: run(
            args.rpc_url,
            args.node_pid,
            args.calls,
            args.rounds,
            [int(k) for k in args.batch_sizes.split(",")],
            say,
        ),
        format_report,
    )


if __name__ == "__main__":
    sys.exit(main())
