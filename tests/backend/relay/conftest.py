"""Relay fixtures: the forwarder and pets on the test chain, a fresh funded relay account per
test, relays (sender + tracker) on a migrated database of each backend, and the web API on
the same database and relay account (`make_web`)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from apiflask import APIFlask
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from pawchain import deployment as records
from pawchain.config import Settings
from pawchain.relay import Node, RelaySender, RelaySettings, Tracker
from pawchain.store import RelayTransaction, make_engine, migrate, session_factory
from pawchain.web import create_app
from pawchain.web.core import services
from pawchain.web.core.database import engine_of
from tests.backend.relay.relay_game import RelayGame


@dataclass
class FakeClock:
    """Wall-clock time the test moves forward (resend timeouts, budget days)."""

    now: float = field(default_factory=time.time)

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def game(chain_url: str) -> RelayGame:
    return RelayGame.deploy_with_forwarder(chain_url)


@dataclass
class Relay:
    """A sender and a tracker on one database, as one server process would have them."""

    sender: RelaySender
    tracker: Tracker
    sessions: sessionmaker[Session]
    clock: FakeClock

    def nonce_used_elsewhere(self, game: RelayGame) -> None:
        """The relay's key used outside its records: its next nonce taken by another transaction."""
        key = self.sender.settings.key
        assert key is not None  # the tests' relay signs with its own key
        game.use_next_nonce(key)

    def another_web_process(self) -> RelaySender:
        """A second web process's sender on the same database and account: it records requests
        and broadcasts nothing (the worker sends)."""
        return RelaySender(
            Node(self.sender.node.rpc_url),
            self.sessions,
            self.sender.settings,
            self.clock,
            broadcasts=False,
        )

    def settle(self, rounds: int = 20) -> None:
        """Tick until nothing is in flight (the chain mines on arrival)."""
        for _ in range(rounds):
            self.tracker.tick()
            if not self.tracker.in_flight():
                return
            time.sleep(0.05)
        with self.sessions() as session:
            stuck = session.scalars(
                select(RelayTransaction).where(RelayTransaction.state.in_(("queued", "sent")))
            ).all()
            raise AssertionError(
                f"still in flight: {[(row.id, row.nonce, row.state, row.error) for row in stuck]}"
            )


RelayMaker = Callable[..., Relay]


@pytest.fixture
def make_relay(chain_url: str) -> Iterator[RelayMaker]:
    """make_relay(database_url, key, rpc_url=chain_url, **settings): a new relay process's objects."""
    engines: list[Engine] = []

    def make(
        database_url: str,
        key: str,
        rpc_url: str | None = None,
        clock: FakeClock | None = None,
        **settings: Any,
    ) -> Relay:
        engine = make_engine(database_url)
        engines.append(engine)
        migrate.upgrade(engine)
        sessions = session_factory(engine)
        clock = clock or FakeClock()
        sender = RelaySender(
            Node(rpc_url or chain_url), sessions, RelaySettings(key=key, **settings), clock=clock
        )
        return Relay(sender, Tracker(sender), sessions, clock)

    yield make
    for engine in engines:
        engine.dispose()


@pytest.fixture
def relay(make_relay: RelayMaker, database_url: str, game: RelayGame) -> Relay:
    """A relay with its own freshly funded account, on SQLite then PostgreSQL."""
    return make_relay(database_url, game.new_funded_key())


WebMaker = Callable[..., APIFlask]


@pytest.fixture
def make_web(
    chain_url: str, game: RelayGame, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[WebMaker]:
    """make_web(relay, key=relay's, of=game, **relay settings): the web app of one server
    process on `relay`'s database and node, relaying from the same account (key None: no
    relay key) for the game `of` (default: the module's)."""
    apps: list[APIFlask] = []

    def make(
        relay: Relay, key: str | None = "", of: RelayGame | None = None, **settings: Any
    ) -> APIFlask:
        url = relay.sessions.kw["bind"].url.render_as_string(hide_password=False)
        deployment_path = tmp_path_factory.mktemp("deployment") / "deployment.json"
        records.write(deployment_path, (of or game).deployment())
        relay_settings = RelaySettings(
            key=relay.sender.settings.key if key == "" else key, **settings
        )
        app = create_app(
            Settings(
                database_url=url,
                rpc_url=relay.sender.node.rpc_url,
                deployment_path=deployment_path,
                relay=relay_settings,
            )
        )
        app.config.update(TESTING=True, RELAY_EVENTS_POLL=0.05)
        apps.append(app)
        return app

    yield make
    for app in apps:
        wakeups = app.extensions[services.relay_wakeups.name].value
        if wakeups is not None:
            wakeups.close()  # its LISTEN connection, before the test's database is dropped
        engine_of(app).dispose()
