"""`bin/run`: the whole game on this machine, kept between runs.

1. Starts the game's Ganache on port 8545 with its state in `.data/chain`.
2. Deploys the contracts the first time, records them in `.data/deployment.json`, and mints
   a few dozen generation-0 pets for the player accounts 1-8. Later runs find the record,
   check that the same deployment is still on the chain, and reuse it; if the chain was
   wiped, they deploy and seed again.
3. Prepares the database (`.data/pawchain.db`, or PAWCHAIN_DATABASE_URL), then starts the
   indexer, the relay worker (tracker and midwife, account 9) and the web server (gunicorn,
   port 5000) as child processes with their logs in
   `.data/logs/` (pawchain.cli.local_server).
4. Prints where everything is and the URL (and opens it when there is a desktop), then
   watches the three until Ctrl-C, and stops them gently: the web server, the indexer (it
   finishes its batch; the next run resumes from its checkpoint), then the chain (Ganache
   flushes its database).

If something already answers on a port, the command stops with an error rather than
attach: it may be another `bin/run` holding the same data folder (two Ganaches must not
share one database) or a chain that is not the game's.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import webbrowser
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from pawchain import deployment as records
from pawchain.cli.brownie_session import attached
from pawchain.cli.game_record import bytecode_sha1, record_of
from pawchain.cli.local_server import LocalServer
from pawchain.cli.progress import PhaseFailed, Progress
from pawchain.cli.services import Service, wait_until_answers
from pawchain.cli.token_uris import metadata_base, point_token_uris
from pawchain.devchain import (
    GAME_PORT,
    MNEMONIC,
    RELAY_ACCOUNT,
    REPO_ROOT,
    ChainSettings,
    DevchainError,
    is_listening,
    rpc_call,
    start,
    stop,
)
from pawchain.nodes import chosen_name
from pawchain.nodes.settings import PLAYER_ACCOUNTS

if TYPE_CHECKING:  # importing brownie takes a second and creates ~/.brownie
    from brownie.project.main import Project

SEED_PETS = 36  # four or five for each of the eight player accounts (scripts/seed.py)
# Generation-0 auctions on a fresh chain: a player with a wallet of their own (no pet yet)
# buys a first pet there. Their genes follow the players' pets' in the seeded draw.
SEED_AUCTIONS = 6
SEED_RNG = 1337  # the same pets on every fresh chain
WEB_PORT = 5000  # the web server's default port (tokenURI names the run's: cli/token_uris.py)
LOG_KEEP_BYTES = 10_000_000  # a log above this is moved aside to <name>.old at start


@dataclass(frozen=True)
class GamePaths:
    """Where the local game keeps its state (all under one git-ignored folder)."""

    data: Path

    @property
    def chain(self) -> Path:
        return self.data / "chain"

    @property
    def deployment(self) -> Path:
        return self.data / "deployment.json"

    @property
    def chain_log(self) -> Path:
        return self.data / "logs" / f"{chosen_name()}.log"  # ganache.log or anvil.log

    @property
    def database(self) -> Path:
        return self.data / "pawchain.db"

    def reset(self) -> None:
        """Forget the chain, its deployment and the default database; the next start deploys,
        seeds and indexes afresh. (A PostgreSQL given by URL is emptied when it is found to
        index another deployment: LocalServer.prepare_database.)"""
        shutil.rmtree(self.chain, ignore_errors=True)
        self.deployment.unlink(missing_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.database}{suffix}").unlink(missing_ok=True)

    def rotate_logs(self) -> None:
        """Make the logs' folder; keep the logs from growing forever: one older generation is
        kept beside each."""
        logs = self.data / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        for log in logs.glob("*.log"):
            if log.stat().st_size > LOG_KEEP_BYTES:
                log.replace(log.with_suffix(".log.old"))


def deploy_and_seed(
    rpc_url: str,
    pet_count: int = SEED_PETS,
    rng_seed: int = SEED_RNG,
    progress: Progress | None = None,
    auction_count: int = SEED_AUCTIONS,
    base_uri: str = metadata_base(f"http://127.0.0.1:{WEB_PORT}"),
) -> records.Deployment:
    """Deploy the contracts (tokenURI starting with `base_uri`), mint the starting pets, put
    `auction_count` more up in generation-0 auctions, and describe the deployment.

    Runs inside a brownie session attached to `rpc_url` (pawchain.cli.brownie_session).
    """
    from brownie import accounts

    from scripts.deploy import GameTerms, deploy_game
    from scripts.seed import seed_gen0, seed_gen0_auctions

    game = deploy_game(accounts[0], terms=GameTerms(base_uri=base_uri))
    if progress:
        progress.line("deploy", f"compiled and deployed (PetToken at {game.pets.address})")
    players = [accounts[index] for index in PLAYER_ACCOUNTS]
    rng = random.Random(rng_seed)
    seed_gen0(game.pets, accounts[0], players, pet_count, rng)
    seed_gen0_auctions(game.auctions, accounts[0], auction_count, rng)
    if progress:
        progress.line(
            "seed",
            f"{pet_count} generation-0 pets minted for the player accounts, "
            f"{auction_count} more in generation-0 auctions",
        )
    return record_of(
        game,
        rpc_url,
        {"seeded_pets": pet_count, "gen0_auctions": auction_count, "seed": rng_seed},
    )


def describe(project: Project, rpc_url: str, outcome: records.Outcome, paths: GamePaths) -> str:
    """What is where, for the terminal. Runs inside a brownie session on `project`."""
    from brownie import accounts
    from brownie.typing import ContractName
    from eth_typing import HexAddress, HexStr

    deployment = outcome.deployment
    pet_token = deployment.contracts["PetToken"]
    pets = project[ContractName("PetToken")].at(HexAddress(HexStr(pet_token.address)))
    how = "reused" if outcome.reused else f"deployed now: {outcome.reason}"
    lines = [
        "",
        f"  RPC        {rpc_url}  (chain id {deployment.chain_id})",
        f"  Contracts  deployed at block {deployment.deploy_block} ({how})",
        *(f"    {name:<18} {contract.address}" for name, contract in deployment.contracts.items()),
        f"  Pets       {pets.totalSupply()} in all",
        f'  Accounts   Ganache\'s development mnemonic: "{MNEMONIC}"',
    ]
    for index, account in enumerate(accounts):
        role = {
            0: "  (admin, operator, treasury)",
            RELAY_ACCOUNT: "  (the relay: pays players' gas, the midwife)",
        }.get(index, "")
        lines.append(f"    {index}  {account.address}  {pets.balanceOf(account):>3} pets{role}")
    changed = records.changed_contracts(
        deployment, {name: bytecode_sha1(container) for name, container in project.dict().items()}
    )
    if changed:
        lines.append(
            f"  NOTE       {', '.join(changed)} changed since it was deployed; `bin/run --reset` deploys the new code"
        )
    return "\n".join(lines)


def serving(server: LocalServer, paths: GamePaths, seconds: float) -> str:
    """The game server's part of the summary: where to look, and how to stop."""
    return "\n".join(
        [
            f"  Database   {server.database_url}",
            f"  API        {server.url}/api/v1  (docs: {server.url}/api/v1/docs)",
            f"  Live       {server.url}/api/v1/stream  (server-sent events, served on port "
            f"{server.stream_port})",
            f"  Data       {_relative(paths.chain)} (chain), {_relative(paths.deployment)} (addresses), "
            f"{_relative(server.logs)}/ (chain, indexer, relay, stream and web logs)",
            "  Reset      bin/run --reset   (deletes the chain, the deployment record and the database, "
            "then starts fresh)",
            "  Stop       Ctrl-C            (everything is saved; the next bin/run continues it)",
            "",
            f"Pawchain is running (ready in {seconds:.1f} s): open {server.url}",
            "",
        ]
    )


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def _exit_on_signal(signum: int, frame: FrameType | None) -> None:
    # SIGTERM and SIGHUP would end Python without running `finally`, leaving Ganache running
    # detached (it has its own session so that Ctrl-C reaches only us).
    raise SystemExit(128 + signum)


def _parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bin/run", description="Run the game: chain, contracts, pets, indexer and web server."
    )
    parser.add_argument(
        "--reset", action="store_true", help="delete the saved chain, deployment and database first"
    )
    parser.add_argument(
        "--port", type=int, default=GAME_PORT, help=f"the chain's port (default {GAME_PORT})"
    )
    parser.add_argument(
        "--web-port",
        type=int,
        default=WEB_PORT,
        help=f"the web server's port (default {WEB_PORT}; the event stream takes the next one)",
    )
    parser.add_argument(
        "--data", type=Path, default=REPO_ROOT / ".data", help="state folder (default .data)"
    )
    parser.add_argument(
        "--no-browser", action="store_true", help="do not open the game's page in a browser"
    )
    return parser.parse_args(argv)


def _port_in_use(url: str, what: str) -> str | None:
    """Why we cannot start on `url`'s port, if something answers there."""
    settings_like = ChainSettings(port=int(url.rsplit(":", 1)[1]))
    if not is_listening(settings_like):
        return None
    if what == "chain":
        client = rpc_call(url, "web3_clientVersion")
        chain_id = int(str(rpc_call(url, "eth_chainId")), 16)
        found = f"{client}, chain id {chain_id}"
    else:
        found = "a program that is not this run's"
    return (
        f"bin/run: something already answers on {url} ({found}).\n"
        "If it is another bin/run, use that one or stop it with Ctrl-C in its terminal; "
        f"otherwise free the port, or choose another with {'--port' if what == 'chain' else '--web-port'}."
    )


def _has_desktop() -> bool:
    # Without a display, webbrowser falls back to text browsers that would take over the terminal.
    return sys.platform in ("darwin", "win32") or bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )


def _supervise(chain: subprocess.Popen[bytes], services: list[Service], paths: GamePaths) -> int:
    """Wait until something ends by itself (returns 1, saying what) or Ctrl-C (raises)."""
    while True:
        if chain.poll() is not None:
            print(
                f"bin/run: the chain stopped by itself (exit code {chain.returncode}); "
                f"see {_relative(paths.chain_log)}",
                file=sys.stderr,
            )
            return 1
        for service in services:
            code = service.exit_code()
            if code is not None:
                print(
                    f"bin/run: the {service.name} stopped by itself (exit code {code}); the end of "
                    f"{_relative(service.log_path)}:\n{service.log_tail()}",
                    file=sys.stderr,
                )
                return 1
        time.sleep(0.5)


def main(argv: list[str] | None = None) -> int:
    """Entry point of bin/run."""
    args = _parse_args(sys.argv[1:] if argv is None else argv)
    paths = GamePaths(args.data.resolve())
    progress = Progress(paths.data / "logs" / "run.log")  # the time counts from bin/run's start
    settings = ChainSettings(port=args.port, db_path=paths.chain)
    server = LocalServer(paths.data, settings.rpc_url, paths.deployment, args.web_port)
    stream_url = f"http://127.0.0.1:{server.stream_port}"  # the event stream: --web-port + 1
    for url, what in ((settings.rpc_url, "chain"), (server.url, "web"), (stream_url, "stream")):
        problem = _port_in_use(url, what)
        if problem:
            print(problem, file=sys.stderr)
            return 1
    if args.reset:
        paths.reset()
        print(
            f"bin/run: reset: deleted {_relative(paths.chain)}, {_relative(paths.deployment)} "
            f"and {_relative(paths.database)}"
        )

    # Ctrl-C raises KeyboardInterrupt even when a parent started us with SIGINT ignored
    # (as shells do for background jobs); SIGTERM and SIGHUP stop everything too.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _exit_on_signal)
    signal.signal(signal.SIGHUP, _exit_on_signal)
    paths.data.mkdir(parents=True, exist_ok=True)
    paths.rotate_logs()
    try:
        process = start(settings, log_path=paths.chain_log)
    except DevchainError as exc:
        progress.failed("chain", str(exc), paths.chain_log)
        return 1
    progress.line("chain", f"{settings.rpc_url} (state in {_relative(paths.chain)})")
    services = server.services()
    base_uri = metadata_base(server.url)
    try:
        # Compiling, deploying and seeding print brownie's file lists and receipts: the log's.
        with progress.quiet("deploy"), attached(settings.rpc_url) as project:
            outcome = records.ensure_deployed(
                paths.deployment,
                settings.rpc_url,
                lambda: deploy_and_seed(settings.rpc_url, progress=progress, base_uri=base_uri),
            )
            chain_summary = describe(project, settings.rpc_url, outcome, paths)
            pets = outcome.deployment.contracts["PetToken"].address
            repointed = outcome.reused and point_token_uris(project, pets, base_uri)
        if outcome.reused:
            block = outcome.deployment.deploy_block
            moved = f"; tokenURI now starts with {base_uri}" if repointed else ""
            progress.line("deploy", f"the contracts deployed at block {block} (reused{moved})")
            progress.line("seed", "the saved game's pets (reused)")
        with progress.quiet("index"):
            emptied = server.prepare_database(outcome.deployment)
        *workers, web = services
        for service in workers:
            service.start()
        database = emptied or "database ready"
        progress.line(
            "index", f"{database}; indexer, relay worker, picture drawer and event stream started"
        )
        web.start()
        if not wait_until_answers(f"{server.url}/api/v1/health", web):
            progress.failed("serve", f"the web server did not answer at {server.url}", web.log_path)
            return 1
        progress.line("serve", f"{server.url} ready")
        print(chain_summary)
        print(serving(server, paths, progress.elapsed()), flush=True)
        if not args.no_browser and _has_desktop():
            webbrowser.open(server.url)
        return _supervise(process, services, paths)
    except PhaseFailed:
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        running = [
            service
            for service in services
            if service.exit_code() is None and service.process is not None
        ]
        if running or process.poll() is None:
            print(
                "\nbin/run: stopping the web server, the relay worker, the indexer and the chain (everything is saved)",
                flush=True,
            )
        for service in reversed(services):
            service.stop()
        stop(process)


if __name__ == "__main__":
    sys.exit(main())
