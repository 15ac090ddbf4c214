"""`pawchain`: the game server's commands (settings from the environment, pawchain.config).

    pawchain db upgrade [REV] | downgrade [REV] | current | revision -m MESSAGE
    pawchain index [--once] [--until BLOCK]     follow the chain (or catch up once and exit)
    pawchain reindex                             rebuild the database from the chain
    pawchain verify [--pet N ...] [--all] [--json]
                                                 compare pets and their auctions in the database with the chain
                                                 (--all: also closed orders, order counters, trait offers)
    pawchain relay [--mine-when-waiting] [--poll S]  the relay's tracker and the midwife (needs PAWCHAIN_RELAY_KEY)
    pawchain tiers [--mints N] [--births N] [--seed S]
                                                 how often each rarity tier occurs (needs no server)
    pawchain pictures [--once] [--poll S]        draw each indexed pet's PNG once, then new pets' as they come
    pawchain stream [--host H] [--port P]        the live event stream (server-sent events; docs/api.md)

`index` and `reindex` migrate the database to the newest schema first: it is a cache the
indexer owns. Progress and reports go to stderr, results to stdout. Exit codes: 0 success,
1 `verify` found mismatches, 2 usage or configuration errors.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from sqlalchemy import Engine

from pawchain import deployment as records
from pawchain.chain import CONTRACTS, ChainReader
from pawchain.config import ConfigError, Settings
from pawchain.indexer import Indexer, IndexerError, Target, freeze_startup_heap, verify
from pawchain.relay import Midwife, Node, RelaySender, Tracker
from pawchain.relay.node import NodeError
from pawchain.relay.worker import run_worker
from pawchain.relay.worker_lease import LeaseTaken, worker_lease
from pawchain.rules.genetics.ladder import DEFAULT_RNG_SEED, DEFAULT_SAMPLE, measure_ladder
from pawchain.store import clear_all, make_engine, migrate, session_factory, transaction
from pawchain.store.wakeups import MOVED_CHANNEL, Wakeups
from pawchain.stream.server import serve
from pawchain.web.pets import pictures


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _deployment(settings: Settings) -> records.Deployment:
    """The deployment record bin/run writes, with every contract the server reads."""
    try:
        deployment = records.read(settings.deployment_path)
    except records.DeploymentRecordError as exc:
        raise ConfigError(f"{settings.deployment_path}: {exc}") from exc
    if deployment is None:
        raise ConfigError(
            f"no deployment record at {settings.deployment_path} (bin/run writes it; or set PAWCHAIN_DEPLOYMENT)"
        )
    missing = [name for name in CONTRACTS if name not in deployment.contracts]
    if missing:
        raise ConfigError(f"the deployment record has no {', '.join(missing)}")
    return deployment


def _reader_and_target(settings: Settings) -> tuple[ChainReader, Target]:
    """The chain reader and indexing target from the deployment record."""
    deployment = _deployment(settings)
    addresses = {name: deployment.contracts[name].address for name in CONTRACTS}
    target = Target(deployment.chain_id, deployment.deploy_block, deployment.deploy_block_hash)
    return ChainReader(settings.rpc_url, addresses), target


def _indexer(settings: Settings, engine: Engine) -> Indexer:
    reader, target = _reader_and_target(settings)
    return Indexer(reader, session_factory(engine), target, settings.indexer, report=_say)


def _stop_on_signals(who: str = "indexer", step: str = "batch") -> threading.Event:
    """An event set by SIGINT or SIGTERM: the command finishes its step, then exits."""
    stop = threading.Event()

    def handler(signum: int, _frame: FrameType | None) -> None:
        _say(f"{who}: signal {signum}: stopping after this {step}")
        stop.set()

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)
    return stop


def cmd_db(args: argparse.Namespace, settings: Settings, engine: Engine) -> int:
    if args.action == "upgrade":
        migrate.upgrade(engine, args.revision or "head")
    elif args.action == "downgrade":
        migrate.downgrade(engine, args.revision or "base")
    elif args.action == "revision":
        migrate.revision(engine, args.message)
    print(
        f"database at revision {migrate.current_revision(engine) or 'none'} (newest {migrate.head_revision()})"
    )
    return 0


def cmd_index(args: argparse.Namespace, settings: Settings, engine: Engine) -> int:
    migrate.upgrade(engine)
    indexer = _indexer(settings, engine)
    stop = _stop_on_signals()
    freeze_startup_heap()
    if args.once or args.until is not None:
        indexer.sync(until=args.until, stop=stop)
    else:
        indexer.follow(stop, Wakeups(engine, (MOVED_CHANNEL,), stop))
    return 0


def cmd_reindex(args: argparse.Namespace, settings: Settings, engine: Engine) -> int:
    migrate.upgrade(engine)
    indexer = _indexer(settings, engine)
    with transaction(session_factory(engine)) as session:
        clear_all(session)
    _say("reindex: database emptied; indexing from the deployment block")
    freeze_startup_heap()
    indexer.sync(stop=_stop_on_signals())
    return 0


def cmd_verify(args: argparse.Namespace, settings: Settings, engine: Engine) -> int:
    if not migrate.is_up_to_date(engine):
        raise ConfigError("the database is not at the newest schema: run `pawchain db upgrade`")
    indexer = _indexer(settings, engine)
    report = verify(indexer.reader, indexer.sessions, None if args.all else args.pet)
    if args.json:
        print(json.dumps(report.to_json(), indent=2))
    else:
        for m in report.mismatches:
            print(f"pet {m.pet_id}: {m.field}: database {m.database!r}, chain {m.chain!r}")
        for row in report.market_mismatches:
            print(
                f"{row.table} {row.key}: {row.field}: database {row.database!r}, chain {row.chain!r}"
            )
        market = (
            ""
            if report.market_checked is None
            else ", "
            + ", ".join(
                f"{count} {table}" for table, count in sorted(report.market_checked.items())
            )
        )
        differences = len(report.mismatches) + len(report.market_mismatches)
        print(
            f"verify: {len(report.checked)} pets and their auctions{market} at block {report.block}: "
            f"{'no mismatch' if report.ok else f'{differences} mismatches'}"
        )
    return 0 if report.ok else 1


def cmd_relay(args: argparse.Namespace, settings: Settings, engine: Engine) -> int:
    settings.relay.signing_key  # noqa: B018  # ConfigError (exit 2) without a key, before anything else
    if not migrate.is_up_to_date(engine):
        raise ConfigError(
            "the database is not at the newest schema: run `pawchain db upgrade` (bin/run does)"
        )
    pets = _deployment(settings).contracts["PetToken"].address
    sessions = session_factory(engine)
    stop = _stop_on_signals("relay", "step")
    sender = None
    while sender is None and not stop.is_set():  # the node may still be starting
        try:
            sender = RelaySender(Node(settings.rpc_url), sessions, settings.relay)
        except NodeError as exc:
            _say(f"relay: waiting for the node: {exc}")
            stop.wait(1.0)
    if sender is None:
        return 0
    midwife = Midwife(sender, pets, sessions, mine_when_waiting=args.mine_when_waiting)
    _say(
        f"relay: account {sender.address} on chain {sender.chain_id}; midwife for {midwife.pets_address}"
        f"{' (mines a block for a waiting seed)' if args.mine_when_waiting else ''}"
    )
    try:
        with worker_lease(engine, sender.chain_id, sender.address):
            run_worker(Tracker(sender), midwife, stop, _say, tick_seconds=args.poll)
    except LeaseTaken as exc:
        raise ConfigError(str(exc)) from exc
    return 0


def cmd_tiers(args: argparse.Namespace) -> int:
    """The rarity ladder measured with the genetics twin: exit 1 if a tier is not rarer than
    the one below it."""
    if args.mints < 2 or args.births < 0:
        raise ConfigError("--mints needs at least 2 (a pair to breed); --births at least 0")
    ladder = measure_ladder(args.mints, args.births, args.seed)
    print(ladder.table())
    holds = ladder.gen0.is_ladder() and ladder.births.is_ladder()
    _say(f"tiers: {'each tier is rarer than the one below' if holds else 'NOT a ladder'}")
    return 0 if holds else 1


def cmd_pictures(args: argparse.Namespace, settings: Settings, engine: Engine) -> int:
    if not migrate.is_up_to_date(engine):
        raise ConfigError("the database is not at the newest schema: run `pawchain db upgrade`")
    stop = _stop_on_signals("pictures", "picture")
    last, total = 0, 0
    while not stop.is_set():
        looked, drawn = pictures.draw_pets_after(engine, last)
        if looked == last:  # no pet after the last one looked at: caught up
            if args.once:
                break
            stop.wait(args.poll)
            continue
        last, total = looked, total + drawn
        if drawn:
            _say(f"pictures: {total:,} drawn, up to pet {last:,}")
    return 0


def cmd_stream(args: argparse.Namespace, settings: Settings, engine: Engine) -> int:
    if not migrate.is_up_to_date(engine):
        raise ConfigError(
            "the database is not at the newest schema: run `pawchain db upgrade` (bin/run does)"
        )
    serve(settings, args.host, args.port)
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="pawchain", description="Pawchain's game server commands.")
    commands = top.add_subparsers(dest="command", required=True)

    db = commands.add_parser("db", help="database schema (Alembic migrations)")
    db.add_argument("action", choices=("upgrade", "downgrade", "current", "revision"))
    db.add_argument("revision", nargs="?", help="target revision (upgrade: head; downgrade: base)")
    db.add_argument("-m", "--message", default="", help="revision: what the migration does")
    db.set_defaults(run=cmd_db)

    index = commands.add_parser("index", help="index the chain's events (follows the head)")
    index.add_argument("--once", action="store_true", help="catch up to the head, then exit")
    index.add_argument("--until", type=int, help="index up to this block, then exit")
    index.set_defaults(run=cmd_index)

    reindex = commands.add_parser("reindex", help="empty the database and index everything again")
    reindex.set_defaults(run=cmd_reindex)

    check = commands.add_parser(
        "verify", help="compare pets, auctions and the order book's chain state with the chain"
    )
    which = check.add_mutually_exclusive_group(required=True)
    which.add_argument("--pet", type=int, action="append", help="a pet id (repeatable)")
    which.add_argument(
        "--all", action="store_true", help="every pet, closed order, order counter and trait offer"
    )
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    check.set_defaults(run=cmd_verify)

    relay = commands.add_parser(
        "relay", help="track relayed transactions and deliver prepaid births (runs until stopped)"
    )
    relay.add_argument(
        "--mine-when-waiting",
        action="store_true",
        help="local chain only: mine an empty block when a birth waits for its seed block",
    )
    relay.add_argument(
        "--poll", type=float, default=1.0, help="seconds between the tracker's rounds (default 1)"
    )
    relay.set_defaults(run=cmd_relay)

    tiers = commands.add_parser(
        "tiers", help="print how often each rarity tier occurs in generation-0 mints and births"
    )
    tiers.add_argument("--mints", type=int, default=DEFAULT_SAMPLE, help="generation-0 genomes")
    tiers.add_argument(
        "--births", type=int, default=DEFAULT_SAMPLE, help="children of random pairs"
    )
    tiers.add_argument("--seed", type=int, default=DEFAULT_RNG_SEED, help="the random seed")
    tiers.set_defaults(run=cmd_tiers, offline=True)
    drawing = commands.add_parser(
        "pictures", help="draw every indexed pet's PNG once, then new pets' (runs until stopped)"
    )
    drawing.add_argument("--once", action="store_true", help="draw what is missing, then exit")
    drawing.add_argument(
        "--poll", type=float, default=1.0, help="seconds between looks for new pets (default 1)"
    )
    drawing.set_defaults(run=cmd_pictures)
    live = commands.add_parser(
        "stream", help="serve the live event stream (server-sent events; runs until stopped)"
    )
    live.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    live.add_argument("--port", type=int, default=5001, help="port to listen on (default 5001)")
    live.set_defaults(run=cmd_stream)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `pawchain` command."""
    args = parser().parse_args(argv)
    try:
        if getattr(args, "offline", False):  # a command that needs no settings or database
            return int(args.run(args))
        settings = Settings.from_env()
        engine = make_engine(settings.database_url)
        try:
            return args.run(args, settings, engine)
        finally:
            engine.dispose()
    except (ConfigError, IndexerError) as exc:
        _say(f"pawchain: {exc}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
