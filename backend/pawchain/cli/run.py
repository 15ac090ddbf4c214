"""`bin/run`: the whole game on this machine, kept between runs.

1. Starts the game's Ganache on port 8545 with its state in `.data/chain`.
2. Deploys the contracts the first time, records them in `.data/deployment.json`, and mints
   a few dozen generation-0 pets for the development accounts. Later runs find the record,
   check that the same deployment is still on the chain, and reuse it; if the chain was
   wiped, they deploy and seed again.
3. Prints where everything is, then keeps the chain in the foreground until Ctrl-C, and
   stops it gently so Ganache flushes its database.

If something already answers on the port, the command stops with an error rather than
attach: it may be another `bin/run` holding the same data folder (two Ganaches must not
share one database) or a chain that is not the game's. Later issues add the web server here.
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from pawchain import deployment as records
from pawchain.cli.brownie_session import attached
from pawchain.devchain import (
    GAME_PORT,
    MNEMONIC,
    REPO_ROOT,
    ChainSettings,
    DevchainError,
    is_listening,
    rpc_call,
    start,
    stop,
)

SEED_PETS = 36  # a few for each of the ten development accounts (scripts/seed.py)
SEED_RNG = 1337  # the same pets on every fresh chain


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
        return self.data / "ganache.log"

    def reset(self) -> None:
        """Forget the chain and its deployment; the next start deploys and seeds afresh."""
        shutil.rmtree(self.chain, ignore_errors=True)
        self.deployment.unlink(missing_ok=True)


def deploy_and_seed(rpc_url: str, pet_count: int = SEED_PETS, rng_seed: int = SEED_RNG) -> records.Deployment:
    """Deploy the contracts, mint the starting pets, and describe the deployment.

    Runs inside a brownie session attached to `rpc_url` (pawchain.cli.brownie_session).
    """
    from brownie import accounts, project, web3

    from scripts.deploy import deploy_game
    from scripts.seed import seed_gen0

    game = deploy_game(accounts[0])
    seed_gen0(game.pets, accounts[0], list(accounts), pet_count, random.Random(rng_seed))
    block = game.forwarder.tx.block_number  # the first of the game's deployments
    loaded = project.get_loaded_projects()[0]
    return records.Deployment(
        chain_id=web3.eth.chain_id,
        deploy_block=block,
        deploy_block_hash=records.block_identity(rpc_url, block),
        contracts={
            contract._name: records.DeployedContract(contract.address, _bytecode_sha1(loaded[contract._name]))
            for contract in game.contracts()
        },
        extra={"seeded_pets": pet_count, "seed": rng_seed},
    )


def describe(project, rpc_url: str, outcome: records.Outcome, paths: GamePaths, seconds: float) -> str:
    """What is where, for the terminal. Runs inside a brownie session on `project`."""
    from brownie import accounts

    deployment = outcome.deployment
    pet_token = deployment.contracts["PetToken"]
    pets = project.PetToken.at(pet_token.address)
    how = "reused" if outcome.reused else f"deployed now: {outcome.reason}"
    lines = [
        "",
        f"Pawchain is running (ready in {seconds:.1f} s).",
        f"  RPC        {rpc_url}  (chain id {deployment.chain_id})",
        f"  Contracts  deployed at block {deployment.deploy_block} ({how})",
        *(f"    {name:<18} {contract.address}" for name, contract in deployment.contracts.items()),
        f"  Pets       {pets.totalSupply()} in all",
        f"  Accounts   Ganache's development mnemonic: \"{MNEMONIC}\"",
    ]
    for index, account in enumerate(accounts):
        role = "  (admin, operator, treasury)" if index == 0 else ""
        lines.append(f"    {index}  {account.address}  {pets.balanceOf(account):>3} pets{role}")
    changed = records.changed_contracts(deployment, {name: _bytecode_sha1(project[name]) for name in project.keys()})
    if changed:
        lines.append(f"  NOTE       {', '.join(changed)} changed since it was deployed; `bin/run --reset` deploys the new code")
    lines += [
        f"  Data       {_relative(paths.chain)} (chain), {_relative(paths.deployment)} (addresses), {_relative(paths.chain_log)}",
        "  Reset      bin/run --reset   (deletes the chain and the deployment record, then starts fresh)",
        "  Stop       Ctrl-C            (the chain is saved; the next bin/run continues it)",
        "",
    ]
    return "\n".join(lines)


def _bytecode_sha1(container) -> str:
    """The hash brownie keeps of a contract's current build (no public accessor exists)."""
    return container._build["bytecodeSha1"]


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
    parser = argparse.ArgumentParser(prog="bin/run", description="Run the game's chain with its contracts and pets.")
    parser.add_argument("--reset", action="store_true", help="delete the saved chain and deployment first")
    parser.add_argument("--port", type=int, default=GAME_PORT, help=f"the chain's port (default {GAME_PORT})")
    parser.add_argument("--data", type=Path, default=REPO_ROOT / ".data", help="state folder (default .data)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Entry point of bin/run."""
    started = time.monotonic()
    args = _parse_args(sys.argv[1:] if argv is None else argv)
    paths = GamePaths(args.data.resolve())
    settings = ChainSettings(port=args.port, db_path=paths.chain)
    if is_listening(settings):
        client = rpc_call(settings.rpc_url, "web3_clientVersion")
        chain_id = int(str(rpc_call(settings.rpc_url, "eth_chainId")), 16)
        print(
            f"bin/run: something already answers on {settings.rpc_url} ({client}, chain id {chain_id}).\n"
            "If it is another bin/run, use that one or stop it with Ctrl-C in its terminal; "
            "otherwise free the port, or choose another with --port.",
            file=sys.stderr,
        )
        return 1
    if args.reset:
        paths.reset()
        print(f"bin/run: reset: deleted {_relative(paths.chain)} and {_relative(paths.deployment)}")

    # Ctrl-C raises KeyboardInterrupt even when a parent started us with SIGINT ignored
    # (as shells do for background jobs); SIGTERM and SIGHUP stop the chain too.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _exit_on_signal)
    signal.signal(signal.SIGHUP, _exit_on_signal)
    paths.data.mkdir(parents=True, exist_ok=True)
    print(f"bin/run: starting the chain on {settings.rpc_url} (state in {_relative(paths.chain)})")
    try:
        process = start(settings, log_path=paths.chain_log)
    except DevchainError as exc:
        print(f"bin/run: {exc}", file=sys.stderr)
        return 1
    try:
        with attached(settings.rpc_url) as project:
            outcome = records.ensure_deployed(paths.deployment, settings.rpc_url, lambda: deploy_and_seed(settings.rpc_url))
            ready = time.monotonic() - started
            print(describe(project, settings.rpc_url, outcome, paths, ready), flush=True)
        code = process.wait()
        print(f"bin/run: the chain stopped by itself (exit code {code}); see {_relative(paths.chain_log)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        if process.poll() is None:
            print("\nbin/run: stopping the chain (its state is saved)", flush=True)
        stop(process)


if __name__ == "__main__":
    sys.exit(main())
