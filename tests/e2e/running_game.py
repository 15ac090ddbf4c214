"""A whole game for the browser tests: its own chain, the contracts, pets, and the game server.

`running_game(folder)` starts, for the duration of a `with`:
1. a fresh in-memory Ganache with the project's settings (pawchain.devchain) on a free port:
   the browser tests move the chain's clock, which must not disturb the suites sharing
   bin/test's chain;
2. the game's contracts, deployed and wired as scripts/deploy.py's deploy_game does
   (tests/support/pet_game.py, plain web3: much faster than a brownie session), and
   generation-0 pets from the rarity ladder dealt in turn to the player accounts, as bin/run
   seeds them;
3. the server exactly as bin/run starts it (pawchain.cli.local_server): the database migrated,
   then each of its services (the indexer, the web server serving the API and the built
   web app, and whatever else bin/run runs beside them) as a child process logging into
   `folder/logs/`.
It returns once the web server answers and the indexer has every seeded pet, and stops the
services (in reverse) and the chain afterwards, whatever happened. The web app is built
first (`node frontend/build.mjs`, as bin/setup does), so a test run by hand after editing
frontend/ drives the current code, not an older bundle; except under bin/test
(PAWCHAIN_FRONTEND_BUILT=1), whose bin/setup has just built it and whose two browser runs
(English, Chinese) run side by side: a build empties frontend/dist first, under the other
run's server.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select

from pawchain import deployment as records
from pawchain import devchain
from pawchain.cli.local_server import LocalServer
from pawchain.cli.run import SEED_PETS, SEED_RNG
from pawchain.cli.services import Service, wait_until_answers
from pawchain.devchain import REPO_ROOT
from pawchain.nodes.settings import seed_pet_owner
from pawchain.rules.genetics.gen0 import gen0_genes
from pawchain.store import IndexerState
from pawchain.store.event_feed import COUNTER_ROW
from tests.support.pet_game import PetGame
from tests.support.ports import free_port, free_port_pair

HEALTH = "/api/v1/health"
FRONTEND_BUILD = REPO_ROOT / "frontend" / "build.mjs"
BUILT_ALREADY = "PAWCHAIN_FRONTEND_BUILT"  # "1": frontend/dist is current (bin/test sets it)


@dataclass(frozen=True)
class GameServer(LocalServer):
    """bin/run's server on a database of the test's choosing (LocalServer's own default
    follows PAWCHAIN_DATABASE_URL, which belongs to whoever runs the tests)."""

    database: str = ""

    @property
    def database_url(self) -> str:
        return self.database


@dataclass
class RunningGame:
    """The game under test: its chain (driven from Python too) and where its server listens."""

    game: PetGame
    server: GameServer
    services: list[Service]
    seeded: list[int]  # the generation-0 pets' ids, in minting order

    @property
    def url(self) -> str:
        return self.server.url

    def api(self, path: str) -> Any:
        """The JSON of GET /api/v1<path> (raises on an error answer)."""
        with urllib.request.urlopen(f"{self.url}/api/v1{path}", timeout=10) as response:
            return json.load(response)

    def post(self, path: str, body: dict[str, Any]) -> Any:
        """The JSON of POST /api/v1<path> with the JSON `body` (raises on an error answer)."""
        request = urllib.request.Request(
            f"{self.url}/api/v1{path}",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)

    def pets_of(self, account: int) -> list[int]:
        """Ids of the seeded pets dealt to development account `account`."""
        return [pet for index, pet in enumerate(self.seeded) if seed_pet_owner(index) == account]

    def advance(self, seconds: int) -> None:
        """Move the chain's clock (evm_increaseTime) and mine a block (evm_mine)."""
        self.game.advance(seconds)

    def let_time_pass(self, seconds: int) -> None:
        """Move the chain's clock without mining, as a quiet local chain sees time pass: the
        next block will carry the new time, the latest keeps its old one."""
        self.game.rpc("evm_increaseTime", seconds)

    def stream_caught_up(self, seconds: float = 30.0) -> None:
        """Wait until the event stream's server has read every event committed so far (its
        health's `last_event_id`): a stream opened from now on starts after them."""
        engine = create_engine(self.server.database_url)
        try:
            with engine.connect() as connection:
                committed = connection.scalar(
                    select(IndexerState.last_event_id).where(IndexerState.name == COUNTER_ROW)
                )
        finally:
            engine.dispose()
        health = self.api("/game")["stream_url"] + "/health"
        deadline = time.monotonic() + seconds
        while True:
            with urllib.request.urlopen(health, timeout=10) as response:
                if json.load(response)["last_event_id"] >= (committed or 0):
                    return
            assert time.monotonic() < deadline, f"the stream did not read event {committed}"
            time.sleep(0.2)

    def indexed(self, pet: int) -> dict[str, Any] | None:
        """The pet as the API serves it, or None before the indexer has it."""
        try:
            return self.api(f"/pets/{pet}")
        except urllib.error.HTTPError as exc:
            exc.close()
            return None


def _seed(game: PetGame, count: int = SEED_PETS) -> list[int]:
    """The pets bin/run seeds (scripts/seed.py): the same genes, dealt to the same players."""
    rng = random.Random(SEED_RNG)
    return [
        game.mint(game.account(seed_pet_owner(index)), gen0_genes(rng)) for index in range(count)
    ]


def _wait_indexed(running: RunningGame, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    last = running.seeded[-1]
    while running.indexed(last) is None:
        for service in running.services:
            if service.exit_code() is not None:
                raise AssertionError(
                    f"the {service.name} stopped (exit {service.exit_code()}):\n{service.log_tail()}"
                )
        if time.monotonic() > deadline:
            raise AssertionError(f"the indexer did not index pet {last} within {seconds:.0f} s")
        time.sleep(0.2)


def build_frontend() -> None:
    """The web app's bundle from the current sources (a no-op before frontend/ exists, or when
    PAWCHAIN_FRONTEND_BUILT=1 says it is built already: see the module's doc)."""
    if not FRONTEND_BUILD.exists() or os.environ.get(BUILT_ALREADY) == "1":
        return
    node = shutil.which("node")
    if node is None:
        raise AssertionError("node is not on PATH: the web app cannot be built")
    done = subprocess.run(
        [node, str(FRONTEND_BUILD)], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300
    )
    if done.returncode != 0:
        raise AssertionError(f"building the web app failed:\n{done.stdout}{done.stderr}")


@contextmanager
def running_game(folder: Path) -> Iterator[RunningGame]:
    """The whole game, fresh, with its state and logs in `folder` (see the module's doc)."""
    folder.mkdir(parents=True, exist_ok=True)
    build_frontend()
    settings = devchain.ChainSettings(port=free_port())
    with ExitStack() as stack:
        chain = devchain.start(settings, log_path=folder / "ganache.log")
        stack.callback(devchain.stop, chain)
        game = PetGame.deploy(settings.rpc_url, seed=SEED_RNG)
        seeded = _seed(game)
        deployment_path = folder / "deployment.json"
        records.write(deployment_path, game.deployment())
        server = GameServer(
            folder,
            settings.rpc_url,
            deployment_path,
            free_port_pair(),  # the web server's, and the event stream's after it
            f"sqlite:///{folder / 'pawchain.db'}",
        )
        server.prepare_database(game.deployment())
        services = server.services()
        for service in services:
            stack.callback(service.stop)  # the stack unwinds in reverse: the web server first
            service.start()
        web = next(service for service in services if service.name == "web")
        if not wait_until_answers(f"{server.url}{HEALTH}", web):
            raise AssertionError(
                f"the web server did not answer at {server.url}:\n{web.log_tail()}"
            )
        running = RunningGame(game, server, services, seeded)
        _wait_indexed(running)
        yield running


@contextmanager
def web_only(running: RunningGame, folder: Path, database_url: str) -> Iterator[str]:
    """bin/run's web server alone, on another database (one filled otherwise, not indexed),
    for the running game's chain and contracts; yields its URL."""
    folder.mkdir(parents=True, exist_ok=True)
    server = GameServer(
        folder,
        running.server.rpc_url,
        running.server.deployment_path,
        free_port_pair(),
        database_url,
    )
    web = next(service for service in server.services() if service.name == "web")
    try:
        web.start()
        if not wait_until_answers(f"{server.url}{HEALTH}", web):
            raise AssertionError(
                f"the web server did not answer at {server.url}:\n{web.log_tail()}"
            )
        yield server.url
    finally:
        web.stop()
