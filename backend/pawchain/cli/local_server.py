"""The game server as `bin/run` starts it beside the chain: database, indexer, relay worker,
event stream, web server.

The database is prepared here, in bin/run's own process, before either service starts:
migrated to the newest schema (so the web server never meets a missing table) and emptied
when it holds the index of another deployment (after `--reset`, or a chain wiped by hand),
because the indexer rightly refuses to continue an index of a different chain.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from pawchain import deployment as records
from pawchain.cli.services import Service, python_module
from pawchain.devchain import RELAY_ACCOUNT, development_key
from pawchain.store import (
    IndexerState,
    clear_all,
    make_engine,
    migrate,
    session_factory,
    transaction,
)

WEB_WORKERS = 2  # one per core of the reference machine; docs/scaling.md for more
WEB_THREADS = 8


@dataclass(frozen=True)
class LocalServer:
    """Where the local game's server keeps its state and listens."""

    data: Path
    rpc_url: str
    deployment_path: Path
    web_port: int

    @property
    def database_url(self) -> str:
        return os.environ.get("PAWCHAIN_DATABASE_URL") or f"sqlite:///{self.data / 'pawchain.db'}"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    @property
    def stream_port(self) -> int:
        return self.web_port + 1

    @property
    def logs(self) -> Path:
        return self.data / "logs"

    def secret_key(self) -> str:
        """PAWCHAIN_SECRET_KEY if set, else this installation's own random key, made once and
        kept in the data folder (readable by its owner only) so sessions survive restarts."""
        given = os.environ.get("PAWCHAIN_SECRET_KEY")
        if given:
            return given
        path = self.data / "secret_key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w") as handle:
                handle.write(secrets.token_hex(32))
        return path.read_text().strip()

    def environment(self) -> dict[str, str]:
        """The settings (pawchain.config) the services read. The relay account is development
        account 9 unless PAWCHAIN_RELAY_KEY names another (its key is never printed)."""
        return {
            "PAWCHAIN_RELAY_KEY": os.environ.get("PAWCHAIN_RELAY_KEY")
            or development_key(RELAY_ACCOUNT),
            "PAWCHAIN_DATABASE_URL": self.database_url,
            "PAWCHAIN_RPC_URL": self.rpc_url,
            "PAWCHAIN_DEPLOYMENT": str(self.deployment_path),
            "PAWCHAIN_SECRET_KEY": self.secret_key(),
            "PAWCHAIN_PUBLIC_URL": self.url,
            "PAWCHAIN_STREAM_URL": f"http://127.0.0.1:{self.stream_port}",
        }

    def prepare_database(self, deployment: records.Deployment) -> str | None:
        """Migrate the database to head; empty it if it indexes another deployment.
        Returns what was done when it was emptied, for the terminal."""
        engine = make_engine(self.database_url)
        try:
            migrate.upgrade(engine)
            sessions = session_factory(engine)
            with transaction(sessions) as session:
                states = session.scalars(select(IndexerState)).all()
                stale = [
                    s for s in states if (s.chain_id, s.deploy_block_hash) != _identity(deployment)
                ]
                if not stale:
                    return None
                # Another chain: the relay's nonces and requests belong to the old one too.
                clear_all(session, keep=frozenset())
            return "the database indexed another deployment: emptied, indexing this one from its first block"
        finally:
            engine.dispose()

    def services(self) -> list[Service]:
        """The indexer, the relay worker, the picture drawer, the event stream and the web server,
        in start order (stopped in reverse)."""
        env = self.environment()
        indexer = Service(
            "indexer", python_module("pawchain", "index"), self.logs / "indexer.log", env
        )
        # The tracker and the midwife; the local chain mines only on demand, so the midwife asks
        # it for the block a birth's seed waits for.
        relay = Service(
            "relay worker",
            python_module("pawchain", "relay", "--mine-when-waiting"),
            self.logs / "relay.log",
            env,
        )
        # Each pet's PNG drawn once into the database, as the indexer adds pets (docs/api.md).
        drawer = Service(
            "pictures", python_module("pawchain", "pictures"), self.logs / "pictures.log", env
        )
        # Live events (SSE) for the web app and integrators: one async process holds every open
        # stream; GET /api/v1/stream on the web server redirects to it.
        stream = Service(
            "event stream",
            python_module("pawchain", "stream", "--port", str(self.stream_port)),
            self.logs / "stream.log",
            env,
        )
        web = Service(
            "web",
            python_module(
                "gunicorn",
                "--bind",
                f"127.0.0.1:{self.web_port}",
                "--workers",
                str(WEB_WORKERS),
                # threads: an open relay request's event stream (SSE) holds one, not a whole worker
                "--threads",
                str(WEB_THREADS),
                "--access-logfile",
                "-",
                "--graceful-timeout",
                "10",
                # gunicorn 27 opens a control socket at one fixed path in $HOME: a second game
                # (another checkout, the tests) would take it over. Nothing here uses it.
                "--no-control-socket",
                "--config",
                "python:pawchain.web.server_limits",  # the app answers oversized requests in JSON
                "pawchain.web:create_app()",
            ),
            self.logs / "web.log",
            env,
        )
        return [indexer, relay, drawer, stream, web]


def _identity(deployment: records.Deployment) -> tuple[int, str]:
    return deployment.chain_id, deployment.deploy_block_hash.lower()
