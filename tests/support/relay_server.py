"""The relay as it runs for real, for the tests and bin/bench-relay: gunicorn serving the web
app (submit runs in its workers) and the `pawchain relay` worker process (tracker, midwife),
on one database, deployment record and relay key."""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pawchain import deployment as records
from pawchain.devchain import REPO_ROOT, development_key
from tests.bench.web_server import serving


def relay_settings(
    database_url: str,
    rpc_url: str,
    deployment: records.Deployment,
    key: str,
    folder: Path,
    **more: str,
) -> dict[str, str]:
    """The PAWCHAIN_* environment of a relaying server (the deployment record written to `folder`).
    Rate limits are off: the tests and the benchmark send many players' requests from one IP."""
    path = folder / "deployment.json"
    records.write(path, deployment)
    return {
        "PAWCHAIN_DATABASE_URL": database_url,
        "PAWCHAIN_RPC_URL": rpc_url,
        "PAWCHAIN_DEPLOYMENT": str(path),
        "PAWCHAIN_RELAY_KEY": key,
        "PAWCHAIN_RATE_LIMITS": "off",
        **more,
    }


@contextmanager
def web_server(
    settings: Mapping[str, str],
    log: Path,
    workers: int = 2,
    threads: int = 8,
    pidfile: Path | None = None,
) -> Iterator[str]:
    """gunicorn (gthread workers) with `settings`; yields its base URL. `pidfile` receives
    the master's process id."""
    with serving(
        "pawchain.web:create_app()",
        settings["PAWCHAIN_DATABASE_URL"],
        workers,
        threads,
        log,
        settings,
        pidfile,
    ) as url:
        yield url


@contextmanager
def game_web_server(
    database_url: str, rpc_url: str, deployment: records.Deployment, folder: Path, **more: str
) -> Iterator[str]:
    """gunicorn serving every route of a game: sessions (a secret key) and the relay (the
    development account 9), rate limits off; yields its base URL."""
    settings = relay_settings(
        database_url,
        rpc_url,
        deployment,
        development_key(9),
        folder,
        PAWCHAIN_SECRET_KEY=secrets.token_hex(32),
        **more,
    )
    with web_server(settings, folder / "web.log") as base:
        yield base


class Worker:
    """A `pawchain` command as a child process: `relay` (the worker) or `index`."""

    def __init__(self, settings: Mapping[str, str], log: Path, *args: str) -> None:
        self.log = log
        env = {
            **os.environ,
            **settings,
            "PYTHONPATH": os.pathsep.join(
                [str(REPO_ROOT / "backend"), os.environ.get("PYTHONPATH", "")]
            ),
        }
        with open(log, "ab") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "pawchain", *args],
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def stop(self, signum: int = signal.SIGTERM, seconds: float = 20.0) -> int:
        """Send `signum` (SIGKILL: a crash) and wait; the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signum)
        try:
            return self.process.wait(seconds)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()


@contextmanager
def relay_worker(
    settings: Mapping[str, str], log: Path, *args: str, command: str = "relay"
) -> Iterator[Worker]:
    """`pawchain relay *args` (or another `command`) for the duration of a `with`."""
    worker = Worker(settings, log, command, *args)
    try:
        yield worker
    finally:
        worker.stop()


def http_json(method: str, url: str, body: Any = None, timeout: float = 60.0) -> tuple[int, Any]:
    """(status, JSON body) of one request; error statuses are returned, not raised."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        url, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, json.loads(exc.read())


def wait_for_states(
    url: str, request_ids: list[int], states: set[str], seconds: float = 60.0
) -> dict[int, dict[str, Any]]:
    """Poll GET /relay/requests/<id> until each is in one of `states`; their last statuses."""
    deadline = time.monotonic() + seconds
    statuses: dict[int, dict[str, Any]] = {}
    while True:
        for request_id in request_ids:
            if statuses.get(request_id, {}).get("state") not in states:
                statuses[request_id] = http_json(
                    "GET", f"{url}/api/v1/relay/requests/{request_id}"
                )[1]
        if all(status.get("state") in states for status in statuses.values()):
            return statuses
        if time.monotonic() > deadline:
            raise AssertionError(f"not {states} after {seconds} s: {statuses}")
        time.sleep(0.2)
