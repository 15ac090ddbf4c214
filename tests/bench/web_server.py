"""A real HTTP server and a real load tool for bin/bench-http: gunicorn and autocannon.

`serving(app, database_url, workers, threads, log)` runs gunicorn on a free loopback port for
the duration of a `with`. Its workers are gthread ones: they keep connections alive, as
clients and proxies expect. gunicorn's default sync workers close every connection after
one answer, and autocannon's reconnecting then dominates what it measures (seen here: a
1.5 ms health check at 440 ms p50 under one connection); `load(url, paths, connections,
seconds)` runs autocannon (node_modules) through autocannon_run.js, which draws each
request's path from the run's list, and returns each run's figures.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pawchain.devchain import REPO_ROOT

HERE = Path(__file__).resolve().parent
DRIVER = HERE / "autocannon_run.js"
HEALTH = "/api/v1/health"
# How long a server may take to stop after SIGINT before it is killed.
STOP_SECONDS = 15.0


class ServerError(RuntimeError):
    """gunicorn did not come up, or the load tool failed."""


@dataclass(frozen=True)
class LoadResult:
    """autocannon's figures for one run (latencies in milliseconds)."""

    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # connection errors, timeouts and non-2xx answers


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + HEALTH, timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def serving(
    app: str,
    database_url: str,
    workers: int,
    threads: int,
    log: Path,
    settings: Mapping[str, str] | None = None,
    pidfile: Path | None = None,
) -> Iterator[str]:
    """gunicorn serving `app` (a gunicorn app spec) on `database_url`, with more PAWCHAIN_*
    `settings` if given; yields its base URL. `pidfile` receives the master's process id."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        # one client IP measures throughput: the per-IP limits would answer it 429
        "PAWCHAIN_RATE_LIMITS": "off",
        **(settings or {}),
        "PAWCHAIN_DATABASE_URL": database_url,
        "PYTHONPATH": os.pathsep.join(
            [str(HERE), str(REPO_ROOT / "backend"), os.environ.get("PYTHONPATH", "")]
        ),
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        # gunicorn's control socket defaults to one path in $HOME: a benchmark's server
        # must not take it over from another gunicorn (bin/run's) on the machine.
        "--no-control-socket",
        "--config",
        "python:pawchain.web.server_limits",
        *(["--pid", str(pidfile)] if pidfile else []),
        app,
    ]
    with open(log, "ab") as output:
        process = subprocess.Popen(
            command, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        deadline = time.monotonic() + 30
        while not _answers(url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise ServerError(
                    f"gunicorn did not answer {HEALTH}; its log:\n{log.read_text()[-2000:]}"
                )
            time.sleep(0.1)
        yield url
    finally:
        if process.poll() is None:
            # Quick shutdown: the measurements are over, and a graceful stop waits out
            # the keep-alive connections (seconds per run).
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        _kill_session(process.pid)


def _kill_session(leader: int) -> None:
    """Kill whatever is left of the server's session: a worker busy when its master was
    killed outlives it (orphaned to init, holding its memory and database connections)."""
    with contextlib.suppress(ProcessLookupError):  # the whole group is gone: the usual case
        os.killpg(leader, signal.SIGKILL)


def node() -> str:
    found = shutil.which("node")
    if found is None:
        raise ServerError("node is not on PATH (autocannon runs on it)")
    return found


@dataclass(frozen=True)
class Run:
    """One autocannon run: how long, and the paths its requests draw from."""

    paths: Sequence[str]
    seconds: int


def load(url: str, runs: Sequence[Run], connections: int, pause: float = 1.0) -> list[LoadResult]:
    """autocannon against `url`, the runs one after another with `pause` seconds between
    them, `connections` at once in each (one node process for all: its start-up is paid once)."""
    config_runs = [{"paths": list(run.paths), "duration": run.seconds} for run in runs]
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as config:
        json.dump(
            {"url": url, "connections": connections, "pause": pause, "runs": config_runs}, config
        )
    try:
        done = subprocess.run(
            [node(), str(DRIVER), config.name],
            capture_output=True,
            text=True,
            cwd=HERE,
            timeout=sum(run.seconds + pause for run in runs) + 60 * len(runs),
        )
    finally:
        os.unlink(config.name)
    if done.returncode != 0:
        raise ServerError(f"autocannon failed: {done.stderr[-2000:]}")
    return [
        LoadResult(
            requests_per_second=float(result["requests"]["average"]),
            p50_ms=float(result["latency"]["p50"]),
            p99_ms=float(result["latency"]["p99"]),
            requests=int(result["requests"]["total"]),
            errors=int(result["errors"]) + int(result["timeouts"]) + int(result["non2xx"]),
        )
        for result in json.loads(done.stdout)
    ]
