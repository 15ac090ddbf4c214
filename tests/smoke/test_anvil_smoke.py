"""The game's whole path once on a fresh Anvil (bin/test's smoke suite, after the Ganache
suites): deploy, mint, breed, birth, list and fill, offer and accept, a gasless move through
the relay, index it all into SQLite and verify the database against the chain.

It starts its own in-memory Anvil whatever PAWCHAIN_CHAIN says, so a default (Ganache) run
still proves the game on the second node; the full suites run on Anvil with
PAWCHAIN_CHAIN=anvil bin/test.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from pawchain import devchain
from pawchain.chain import CONTRACTS, ChainReader
from pawchain.indexer.verify import verify
from pawchain.relay import ForwardRelay, Node, RelaySender, RelaySettings, Tracker
from pawchain.store import make_engine, migrate, session_factory
from tests.backend.relay.relay_game import RelayGame, dev_key
from tests.backend.relay.signing import signed_request
from tests.support.indexing import indexer_for
from tests.support.market_moves import accept_offer, fill_listing
from tests.support.pet_game import play_season

PLAYER, FRIEND, BUYER, RELAY = 3, 4, 7, 9  # development accounts


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def anvil(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh in-memory Anvil with the project's settings: its RPC URL."""
    settings = devchain.ChainSettings(port=_free_port(), node="anvil")
    log = tmp_path_factory.mktemp("anvil") / "anvil.log"
    process = devchain.start(settings, log_path=log)
    try:
        assert devchain.node_at(settings.rpc_url) == "anvil"
        yield settings.rpc_url
    finally:
        devchain.stop(process)


def _relay_a_transfer(game: RelayGame, rpc_url: str, database_url: str, pet: int) -> None:
    """The player moves `pet` to a friend with a signed request; the relay pays the gas."""
    engine = make_engine(database_url)
    try:
        migrate.upgrade(engine)
        sender = RelaySender(
            Node(rpc_url),
            session_factory(engine),
            RelaySettings(key=dev_key(RELAY)),
        )
        player, friend = game.account(PLAYER), game.account(FRIEND)
        call = game.pets.functions.transferFrom(player, friend, pet)
        status = ForwardRelay(sender, game.forwarder.address).submit(
            signed_request(game, call, dev_key(PLAYER))
        )
        tracker = Tracker(sender)
        deadline = time.monotonic() + 30
        while tracker.in_flight() and time.monotonic() < deadline:
            tracker.tick()
            time.sleep(0.05)
        assert sender.status(status.id).state == "mined"
    finally:
        engine.dispose()
    assert game.pets.functions.ownerOf(pet).call() == friend


def test_the_game_plays_indexes_and_verifies_on_anvil(anvil: str, tmp_path: Path) -> None:
    game = RelayGame.deploy_with_forwarder(anvil)  # deploy
    pets = play_season(game)  # mint, transfer, breed, prepaid midwife, birth, second generation
    assert len(pets) > 6 and all(pets)
    player = game.account(PLAYER)
    listed, offered, relayed = (game.mint(player) for _ in range(3))
    fill_listing(game, listed, 10**17, game.account(BUYER))  # list, fill
    accept_offer(game, offered, 2 * 10**17, game.account(BUYER))  # offer (WETH), accept
    assert (
        game.pets.functions.ownerOf(listed).call()
        == game.pets.functions.ownerOf(offered).call()
        == game.account(BUYER)
    )
    _relay_a_transfer(game, anvil, f"sqlite:///{tmp_path / 'relay.db'}", relayed)

    engines: list[Engine] = []
    try:
        indexer = indexer_for(f"sqlite:///{tmp_path / 'index.db'}", game, engines)
        indexer.sync()  # index to the head
        addresses = game.addresses()
        reader = ChainReader(anvil, {name: addresses[name] for name in CONTRACTS})
        report = verify(reader, indexer.sessions)
    finally:
        for engine in engines:
            engine.dispose()
    assert report.ok, report.to_json()
    assert len(report.checked) == game.pets.functions.totalSupply().call()
