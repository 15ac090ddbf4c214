"""The README's run command (`bin/run` → pawchain.cli.run): chain, contracts, pets, indexer and
web server from nothing; Ctrl-C stops everything; a second run continues the same game."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from eth_account import Account
from web3 import Web3
from web3.contract import Contract

from pawchain import deployment as records
from pawchain.chain.abis import load_abi
from pawchain.cli.run import SEED_AUCTIONS, SEED_PETS
from pawchain.devchain import RELAY_ACCOUNT, REPO_ROOT, development_key
from pawchain.nodes.settings import PLAYER_ACCOUNTS
from tests.backend.commands.processes import eventually, get_json, pet_ids
from tests.support.ports import free_port, free_port_pair, port_is_free

READY = "Pawchain is running"
PHASES = ("chain", "deploy", "seed", "index", "serve")  # install is bin/setup's, before Python


def phase_lines(output: str) -> list[str]:
    """The phases of the console's progress lines (`[ 12.3 s] deploy: ...`), in order."""
    return re.findall(r"^\[ *\d+\.\d s\] (\w+): ", output, re.MULTILINE)


class RunCommand:
    """One `bin/run` in the background, its output collected line by line."""

    def __init__(self, data: Path, chain_port: int, web_port: int) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PAWCHAIN_")}
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pawchain.cli.run",
                "--data",
                str(data),
                "--port",
                str(chain_port),
                "--web-port",
                str(web_port),
                "--no-browser",
            ],
            cwd=REPO_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_ready(self, seconds: float = 300) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.process.poll() is None:
            if any(READY in line for line in self.lines):
                return
            time.sleep(0.2)
        raise AssertionError(f"bin/run did not get ready:\n{self.output}")

    def close(self) -> None:
        self._reader.join(10)
        if self.process.stdout is not None:
            self.process.stdout.close()

    def interrupt(self) -> int:
        """What Ctrl-C in its terminal does; returns the exit code."""
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(90)
        self._reader.join(10)
        return code


@pytest.fixture
def ports() -> tuple[int, int]:
    return free_port(), free_port_pair()  # the chain's; the web server's, the stream's after it


@pytest.fixture
def runs() -> Iterator[list[RunCommand]]:
    started: list[RunCommand] = []
    yield started
    for run in started:  # a failed test must not leave a game running: stop it as Ctrl-C would
        if run.process.poll() is None:
            run.process.send_signal(signal.SIGINT)
            try:
                run.process.wait(60)
            except subprocess.TimeoutExpired:
                run.process.kill()
                run.process.wait(30)
        run.close()


def pets_contract(data: Path, chain_port: int) -> Contract:
    """The deployed pets contract, read through the ABI the server uses."""
    deployment = records.read(data / "deployment.json")
    assert deployment is not None
    chain = Web3(Web3.HTTPProvider(f"http://127.0.0.1:{chain_port}"))
    return chain.eth.contract(
        address=Web3.to_checksum_address(deployment.contracts["PetToken"].address),
        abi=load_abi("PetToken"),
    )


def token_uri(data: Path, chain_port: int, pet_id: int) -> str:
    """The pets contract's tokenURI of `pet_id`, read from the chain."""
    return str(pets_contract(data, chain_port).functions.tokenURI(pet_id).call())


def checkpoint(data: Path) -> int:
    with sqlite3.connect(data / "pawchain.db") as connection:
        return int(connection.execute("SELECT block_number FROM indexer_state").fetchone()[0])


def test_run_serves_the_game_stops_cleanly_and_continues(
    tmp_path: Path, ports: tuple[int, int], runs: list[RunCommand]
) -> None:
    chain_port, web_port = ports
    url = f"http://127.0.0.1:{web_port}"

    first = RunCommand(tmp_path, chain_port, web_port)
    runs.append(first)
    first.wait_ready()
    assert f"open {url}" in first.output
    assert "deployed now" in first.output
    assert phase_lines(first.output) == list(PHASES), first.output
    run_log = (tmp_path / "logs" / "run.log").read_text()
    # brownie's chatter goes to the log, not the console
    assert "Transaction sent" in run_log and "Transaction sent" not in first.output

    def all_seeded() -> set[int] | None:
        ids = pet_ids(url)
        return ids if len(ids) == SEED_PETS + SEED_AUCTIONS else None

    seeded = eventually(all_seeded, 60, "the seeded pets are indexed")
    # the first pets are the players': none is the admin's (account 0) or the relay's
    players = {Account.from_key(development_key(index)).address for index in PLAYER_ACCOUNTS}
    first_ids = sorted(seeded)[:SEED_PETS]
    owners = {get_json(f"{url}/api/v1/pets/{pet}")["owner"] for pet in first_ids}
    assert owners == players, owners
    # the others are for sale in generation-0 auctions, for a player who has no pet yet
    auctions = get_json(f"{url}/api/v1/market/auctions?kind=gen0&limit=100")["items"]
    assert sorted(auction["pet_id"] for auction in auctions) == sorted(seeded)[SEED_PETS:]
    assert all(int(auction["current_price"]) > 0 for auction in auctions), auctions
    pet = get_json(f"{url}/api/v1/pets/{min(seeded)}")
    assert pet["owner"].startswith("0x")
    # a marketplace following tokenURI reaches this run's server
    metadata_url = token_uri(tmp_path, chain_port, min(seeded))
    assert metadata_url == f"{url}/api/v1/metadata/{min(seeded)}"
    assert get_json(metadata_url)["name"]
    # and following contractURI, the collection's page (ERC-7572)
    collection_url = pets_contract(tmp_path, chain_port).functions.contractURI().call()
    assert collection_url == f"{url}/api/v1/metadata/collection"
    collection = get_json(collection_url)
    assert collection["external_link"] == f"{url}/"
    # the page restates the contract's own name and symbol: the two must not drift apart
    pets = pets_contract(tmp_path, chain_port)
    assert (collection["name"], collection["symbol"]) == (
        pets.functions.name().call(),
        pets.functions.symbol().call(),
    )
    # the live event stream, its own process, through the web server's redirect: from the start
    with urllib.request.urlopen(
        f"{url}/api/v1/stream?type=born&last_event_id=0", timeout=30
    ) as live:
        lines = [live.readline() for _ in range(4)]  # retry:, a blank line, id:, event:
    assert lines[2].startswith(b"id: ") and lines[3] == b"event: born\n", lines
    # the relay worker runs beside them, from development account 9, and the API relays
    relay = get_json(f"{url}/api/v1/relay/config")
    assert (
        relay["enabled"]
        and relay["relay_address"] == Account.from_key(development_key(RELAY_ACCOUNT)).address
    )
    eventually(
        lambda: "relay: account" in (tmp_path / "logs" / "relay.log").read_text() or None,
        30,
        "the relay worker starts",
    )
    assert development_key(RELAY_ACCOUNT)[2:] not in first.output  # the key is never printed
    assert first.interrupt() == 0, first.output
    assert (
        "relay: signal" in (tmp_path / "logs" / "relay.log").read_text()
    )  # stopped gently, like the indexer
    assert port_is_free(chain_port) and port_is_free(web_port) and port_is_free(web_port + 1), (
        "Ctrl-C left the chain, the web server or the event stream running"
    )
    indexed_to = checkpoint(tmp_path)
    assert indexed_to > 0

    # the same game served on another port: tokenURI follows it
    web_port = free_port_pair()
    url = f"http://127.0.0.1:{web_port}"
    second = RunCommand(tmp_path, chain_port, web_port)
    runs.append(second)
    second.wait_ready()
    assert "reused" in second.output, second.output
    assert token_uri(tmp_path, chain_port, min(seeded)) == f"{url}/api/v1/metadata/{min(seeded)}"
    assert pet_ids(url) == seeded  # the database survived: served before the indexer has caught up
    again = get_json(f"{url}/api/v1/pets/{min(seeded)}")
    assert (again["owner"], again["genes"]) == (pet["owner"], pet["genes"])
    assert checkpoint(tmp_path) >= indexed_to
    assert second.interrupt() == 0, second.output
    assert port_is_free(chain_port) and port_is_free(web_port)
    assert phase_lines(second.output) == list(PHASES), second.output
    for log in (tmp_path / "logs").glob("*.log"):
        assert "\x1b" not in log.read_text(errors="replace"), f"colour codes in {log.name}"
