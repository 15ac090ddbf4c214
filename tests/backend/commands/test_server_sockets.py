"""gunicorn with the game's settings (pawchain.web.server_limits) listens on one socket per
worker, so the kernel spreads kept-alive connections over the workers instead of leaving
them on whichever worker accepted first (docs/benchmarks.md, HTTP)."""

from __future__ import annotations

from pathlib import Path

from pawchain.cli.services import Service, wait_until_answers
from tests.backend.commands.processes import eventually, gunicorn_argv
from tests.support.ports import free_server_port

WORKERS = 2
LISTENING = "0A"  # the TCP state LISTEN in /proc/net/tcp


def listening_sockets(port: int) -> int:
    """How many IPv4 sockets listen on `port` (the machine's /proc/net/tcp)."""
    rows = Path("/proc/net/tcp").read_text().splitlines()[1:]
    local_port = f":{port:04X}"
    return sum(
        1 for row in rows if row.split()[1].endswith(local_port) and row.split()[3] == LISTENING
    )


def test_every_worker_listens_on_a_socket_of_its_own(tmp_path: Path) -> None:
    port = free_server_port()
    argv = gunicorn_argv(
        port,
        WORKERS,
        "--worker-class",
        "gthread",
        "--config",
        "python:pawchain.web.server_limits",
    )
    # The health check reads no database: an SQLite file that is never made will do.
    env = {"PAWCHAIN_DATABASE_URL": f"sqlite:///{tmp_path / 'unused.db'}"}
    web = Service("web", argv, tmp_path / "web.log", env)
    web.start()
    try:
        assert wait_until_answers(f"http://127.0.0.1:{port}/api/v1/health", web, 60), web.log_tail()
        # Workers bind as they boot: the first may answer before the second has bound.
        eventually(lambda: listening_sockets(port) == WORKERS or None, 30, "a socket per worker")
    finally:
        web.stop()
