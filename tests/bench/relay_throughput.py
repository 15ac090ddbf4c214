"""Relay benchmark: relayed requests per second with no nonce gap, and the time from request
to indexed (p50, p99), beside the same calls sent directly from funded accounts with web3.

Run it with `bin/bench-relay` (it starts a fresh chain of the node PAWCHAIN_CHAIN names,
Ganache by default or Anvil, and stops it after; the report names the node). For each
database (a fresh SQLite file; a fresh PostgreSQL database, a throwaway cluster unless
PAWCHAIN_BENCH_POSTGRES_URL names a server):
1. relayed: the real server (gunicorn, 2 workers × 8 threads, `pawchain relay` worker,
   `pawchain index`), `--requests` players who never held ether each POST one signed
   forward request (setApprovalForAll to a new operator) from `--clients` concurrent
   clients. Accepted/s is the requests over the time until the last 202; relayed/s over the
   time until the tracker saw the last one mined. Afterwards the relay's nonces must be
   0..N-1 and the chain's count N (else the run fails). Latency: from the POST to the
   moment GET /relay/requests/<id> would say `indexed` (the tracker recorded it mined and
   the indexer's checkpoint reached its block). Web CPU: the gunicorn workers' CPU time
   (user + system, /proc) from the first POST to the last 202, over the requests.
2. direct (baseline): the same calls from `--clients` funded accounts, signed locally with
   eth_account and sent with web3's send_raw_transaction, the same indexer following;
   latency from the send to the indexer's checkpoint reaching the transaction's block.
The tracker and the indexer poll every 0.1 s here (their defaults: 1 s). Writes
reports/bench-relay.json. tests/bench/test_relay_throughput.py checks its shape.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eth_account import Account
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from web3 import HTTPProvider, Web3
from web3.types import Wei

from pawchain import devchain, nodes
from pawchain.indexer.core import INDEXER_NAME
from pawchain.relay import sign_forward_request
from pawchain.store import IndexerState, RelayTransaction, make_engine, migrate, session_factory
from tests.bench import bench_report
from tests.bench.bench_report import REPORTS, SCHEMA, machine
from tests.bench.forwarder_cost import cpu_seconds
from tests.bench.process_memory import children_of
from tests.bench.relay_report import format_report
from tests.bench.throwaway_postgres import fresh_database, postgres_server
from tests.support.pet_game import PetGame
from tests.support.relay_server import http_json, relay_settings, relay_worker, web_server

REPORT_PATH = REPORTS / "bench-relay.json"
ETHER = 10**18
POLL = "0.1"
WAIT_SECONDS = 600.0


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


@dataclass(frozen=True)
class Load:
    """One measured run: `requests` calls from `clients` clients to `game` on the chain at
    `rpc_url`, the server's database (fresh) at `database_url`, logs in `folder`; `name` (the
    database's) labels the run and its log; `say` reports progress."""

    game: PetGame
    rpc_url: str
    database_url: str
    requests: int
    clients: int
    folder: Path
    name: str
    say: Callable[[str], None]

    @property
    def log(self) -> Path:
        return self.folder / f"{self.name}.log"

    def settings(self, relay_key: str) -> dict[str, str]:
        """The server's settings (no relay account with relay_key ""), the indexer polling
        every POLL seconds."""
        return relay_settings(
            self.database_url,
            self.rpc_url,
            self.game.deployment(),
            relay_key,
            self.folder,
            PAWCHAIN_INDEX_POLL_SECONDS=POLL,
        )


def figures(
    name: str,
    count: int,
    start: float,
    accepted: float,
    done: float,
    sent_at: dict[Any, float],
    mined_at: dict[Any, float],
    indexed_at: dict[Any, float],
    nonces_ok: bool | None,
) -> dict[str, Any]:
    """A run's figures from when each call was sent, seen mined and seen indexed."""
    latencies = [indexed_at[key] - sent_at[key] for key in sent_at]
    mined = [mined_at[key] - sent_at[key] for key in sent_at]
    return {
        "name": name,
        "requests": count,
        "accepted_per_second": round(count / (accepted - start), 2),
        "relayed_per_second": round(count / (done - start), 2),
        "indexed_p50_ms": round(percentile(latencies, 0.5) * 1000, 1),
        "indexed_p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "indexed_mean_ms": round(statistics.fmean(latencies) * 1000, 1),
        # the part of it until the tracker (relayed) or a new block (direct) showed it mined
        "mined_p50_ms": round(percentile(mined, 0.5) * 1000, 1),
        "mined_p99_ms": round(percentile(mined, 0.99) * 1000, 1),
        "no_nonce_gap": nonces_ok,
    }


def workers_cpu_seconds(pidfile: Path) -> float:
    """The CPU time so far of the workers of the gunicorn whose master's id is in `pidfile`."""
    return sum(cpu_seconds(worker) for worker in children_of(int(pidfile.read_text())))


def checkpoint(session: Session) -> int:
    state = session.get(IndexerState, INDEXER_NAME)
    return -1 if state is None else state.block_number


def fund(game: PetGame, address: str, wei: int) -> None:
    game.web3.eth.wait_for_transaction_receipt(
        game.web3.eth.send_transaction({"from": game.account(0), "to": address, "value": Wei(wei)})
    )


def wait_for_index(sessions: sessionmaker[Session], game: PetGame) -> None:
    """The indexer is up and caught up with the head (the game's deployment is behind us)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        with sessions() as session:
            if checkpoint(session) >= game.web3.eth.block_number:
                return
        if time.monotonic() > deadline:
            raise RuntimeError("the indexer did not catch up")
        time.sleep(0.1)


def watch_until_indexed(
    look: Callable[[], float],
    indexed_at: dict[Any, float],
    requests: int,
    problems: list[str],
    what: str,
) -> None:
    """`look()` (it records what it sees, and returns when it looked) every 20 ms until all
    `requests` are indexed or a problem is found; after WAIT_SECONDS, that is a problem."""
    limit = time.monotonic() + WAIT_SECONDS
    while len(indexed_at) < requests and not problems:
        if look() > limit:
            problems.append(
                f"{requests - len(indexed_at)} {what} not indexed after {WAIT_SECONDS} s"
            )
        time.sleep(0.02)


def measure_relayed(load: Load) -> dict[str, Any]:
    game, requests, clients, name = load.game, load.requests, load.clients, load.name
    engine = make_engine(load.database_url)
    migrate.upgrade(engine)
    sessions = session_factory(engine)
    relay_key = Account.create().key.to_0x_hex()
    fund(game, Account.from_key(relay_key).address, 100 * ETHER)
    settings = load.settings(relay_key)
    chain_id, forwarder, deadline = (
        game.web3.eth.chain_id,
        game.contracts["PawForwarder"].address,
        2**40,
    )
    bodies = []
    for _ in range(requests):  # wallets sign, not the server: outside the timing
        player, operator = Account.create(), Account.create().address
        data = game.pets.functions.setApprovalForAll(operator, True)._encode_transaction_data()
        signed = sign_forward_request(
            player.key.to_0x_hex(),
            game.pets.address,
            bytes.fromhex(data[2:]),
            0,
            deadline,
            chain_id,
            forwarder,
        )
        bodies.append(
            {
                "request": {
                    "from": signed.sender,
                    "to": signed.to,
                    "value": "0",
                    "gas": signed.gas,
                    "nonce": 0,
                    "deadline": deadline,
                    "data": "0x" + signed.data.hex(),
                },
                "signature": "0x" + signed.signature.hex(),
            }
        )
    log = load.log
    pidfile = load.folder / f"{name}-web.pid"
    load.say(
        f"bench-relay: {name}: {requests} relayed requests from {clients} clients (logs: {log})"
    )
    with (
        web_server(settings, log, pidfile=pidfile) as url,
        relay_worker(settings, log, "--poll", POLL),
        relay_worker(settings, log, command="index"),
    ):
        wait_for_index(sessions, game)
        sent_at: dict[int, float] = {}
        cpu_before = workers_cpu_seconds(pidfile)
        start = time.monotonic()

        retries: list[int] = []

        def post(body: dict[str, Any]) -> None:
            before = time.monotonic()
            status, answer = http_json("POST", f"{url}/api/v1/relay/forward", body)
            while (
                status == 503
                and answer["error"]["code"] == "relay_busy"
                and len(retries) < requests
            ):
                retries.append(1)  # what a client does: the same signed request again
                status, answer = http_json("POST", f"{url}/api/v1/relay/forward", body)
            if status != 202:
                raise RuntimeError(
                    f"the relay answered {status}: {answer}; its log ends:\n{log.read_text()[-3000:]}"
                )
            sent_at[answer["id"]] = before

        mined_at: dict[int, float] = {}
        indexed_at: dict[int, float] = {}
        problems: list[str] = []

        def look() -> float:  # what GET /relay/requests/<id> reads, while requests come
            with sessions() as session:  # a fresh database: every row is this run's
                head = checkpoint(session)
                rows = session.execute(
                    select(
                        RelayTransaction.id,
                        RelayTransaction.state,
                        RelayTransaction.block_number,
                        RelayTransaction.error,
                    )
                ).all()
            now = time.monotonic()
            for request_id, state, block, error in rows:
                if state == "failed":
                    problems.append(f"relayed request {request_id} failed: {error}")
                if state == "mined":
                    mined_at.setdefault(request_id, now)
                    if block is not None and head >= block:
                        indexed_at.setdefault(request_id, now)
            return now

        watcher = threading.Thread(
            target=watch_until_indexed, args=(look, indexed_at, requests, problems, "requests")
        )
        watcher.start()
        try:
            with ThreadPoolExecutor(clients) as pool:
                list(pool.map(post, bodies))
        except BaseException:
            problems.append("stopped")
            raise
        finally:
            accepted = time.monotonic()
            web_cpu = workers_cpu_seconds(pidfile) - cpu_before
            watcher.join()
        if problems:
            raise RuntimeError(problems[0])
    with sessions() as session:
        nonces = sorted(
            nonce
            for nonce in session.scalars(
                select(RelayTransaction.nonce).where(RelayTransaction.id.in_(list(sent_at)))
            )
            if nonce is not None
        )
    chain_count = game.web3.eth.get_transaction_count(Account.from_key(relay_key).address)
    engine.dispose()
    if nonces != list(range(requests)) or chain_count != requests:
        raise RuntimeError(
            f"nonce gap or duplicate: nonces {nonces[:5]}..., chain count {chain_count}"
        )
    done = max(mined_at.values())
    report = figures(
        f"relayed, {name}", requests, start, accepted, done, sent_at, mined_at, indexed_at, True
    )
    return {
        **report,
        "busy_retries": len(retries),
        "web_cpu_ms_per_request": round(web_cpu * 1000 / requests, 1),
    }


def measure_direct(load: Load) -> dict[str, Any]:
    game, requests, clients, name = load.game, load.requests, load.clients, load.name
    engine = make_engine(load.database_url)
    migrate.upgrade(engine)
    sessions = session_factory(engine)
    settings = load.settings("")
    senders = [Account.create() for _ in range(clients)]
    for sender in senders:
        fund(game, sender.address, 10 * ETHER)
    base_fee = int(game.web3.eth.get_block("latest")["baseFeePerGas"])
    data = [
        game.pets.functions.setApprovalForAll(
            Account.create().address, True
        )._encode_transaction_data()
        for _ in range(requests)
    ]
    load.say(
        f"bench-relay: {name}: the same {requests} calls sent directly from {clients} funded accounts"
    )
    log = load.log
    web3s = [Web3(HTTPProvider(load.rpc_url)) for _ in range(clients)]
    sent_at: dict[str, float] = {}
    with relay_worker(settings, log, command="index"):
        wait_for_index(sessions, game)
        seen = game.web3.eth.block_number  # blocks after this one hold the calls
        start = time.monotonic()

        def send_share(index: int) -> None:  # one thread per account: its nonces in order
            web3, sender = web3s[index], senders[index]
            for nonce, n in enumerate(range(index, requests, clients)):
                before = time.monotonic()
                tx = sender.sign_transaction(
                    {
                        "type": 2,
                        "chainId": game.web3.eth.chain_id,
                        "nonce": nonce,
                        "to": game.pets.address,
                        "data": data[n],
                        "value": 0,
                        "gas": 100_000,
                        "maxFeePerGas": 2 * base_fee + 10**9,
                        "maxPriorityFeePerGas": 10**9,
                    }
                )
                sent_at[web3.eth.send_raw_transaction(tx.raw_transaction).to_0x_hex()] = before

        mined_block: dict[str, int] = {}
        mined_at: dict[str, float] = {}
        indexed_at: dict[str, float] = {}
        problems: list[str] = []

        def look() -> float:  # new blocks and the indexer's checkpoint, while calls go out
            nonlocal seen
            head_block = game.web3.eth.block_number
            now = time.monotonic()
            for number in range(seen + 1, head_block + 1):
                for tx_hash in game.web3.eth.get_block(number)["transactions"]:
                    assert isinstance(tx_hash, bytes)  # hashes: the block without full transactions
                    mined_block[tx_hash.to_0x_hex()], mined_at[tx_hash.to_0x_hex()] = (
                        number,
                        now,
                    )
            seen = head_block
            with sessions() as session:
                head = checkpoint(session)
            for key, block in mined_block.items():
                if head >= block:
                    indexed_at.setdefault(key, now)
            return now

        watcher = threading.Thread(
            target=watch_until_indexed, args=(look, indexed_at, requests, problems, "direct calls")
        )
        watcher.start()
        threads = [threading.Thread(target=send_share, args=(i,)) for i in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        accepted = time.monotonic()
        watcher.join()
        if problems:
            raise RuntimeError(problems[0])
    engine.dispose()
    done = max(mined_at[key] for key in sent_at)
    report = figures(
        f"direct, {name}", requests, start, accepted, done, sent_at, mined_at, indexed_at, None
    )
    return {**report, "busy_retries": 0, "web_cpu_ms_per_request": None}


def run(
    rpc_url: str,
    requests: int,
    clients: int,
    postgres_url: str | None,
    databases: list[str],
    say: Callable[[str], None],
) -> dict[str, Any]:
    game = PetGame.deploy(rpc_url)
    runs = []
    measures = ((measure_relayed, "relay"), (measure_direct, "direct"))
    with tempfile.TemporaryDirectory(prefix="pawchain-bench-relay-") as folder:
        if "sqlite" in databases:
            for measure, kind in measures:
                url = f"sqlite:///{Path(folder) / f'{kind}.db'}"
                runs.append(
                    measure(
                        Load(game, rpc_url, url, requests, clients, Path(folder), "SQLite", say)
                    )
                )
        if "postgresql" in databases:
            with postgres_server(postgres_url) as server:
                for measure, kind in measures:
                    url = fresh_database(server, f"pawchain_bench_relay_{kind}")
                    runs.append(
                        measure(
                            Load(
                                game,
                                rpc_url,
                                url,
                                requests,
                                clients,
                                Path(folder),
                                "PostgreSQL",
                                say,
                            )
                        )
                    )
    return {
        "schema": SCHEMA,
        "machine": machine(),
        "node": nodes.node(devchain.node_at(rpc_url)).LABEL,  # "Ganache" or "Anvil"
        "requests": requests,
        "clients": clients,
        "runs": runs,
    }


def main(argv: list[str] | None = None) -> int:
    parser = bench_report.chain_benchmark_parser(
        __doc__.splitlines()[0], "bin/bench-relay", REPORT_PATH
    )
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument(
        "--clients", type=int, default=16, help="concurrent HTTP clients (direct: funded accounts)"
    )
    parser.add_argument(
        "--databases", default="sqlite,postgresql", help="comma-separated: sqlite, postgresql"
    )
    return bench_report.run_benchmark(
        parser,
        argv,
        lambda args, postgres_url, say: run(
            args.rpc_url, args.requests, args.clients, postgres_url, args.databases.split(","), say
        ),
        format_report,
    )


if __name__ == "__main__":
    sys.exit(main())
