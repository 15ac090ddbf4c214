"""A real HTTP server and a real load tool for bin/bench-http: gunicorn and autocannon.

`serving(app, database_url, workers, threads, log)` runs gunicorn on a free loopback port for
the duration of a `with`. Its workers are gthread ones: they keep connections alive, as
clients and proxies expect. gunicorn's default sync workers close every connection after
one answer, and autocannon's reconnecting then dominates what it measures (seen here: a
1.5 ms health check at 440 ms p50 under one connection); `load(url, paths, connections, seconds)` runs autocannon (node_modules) through
autocannon_run.js, which draws each request's path from `paths`, and returns its figures.
"""

from __future__ import annotations

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
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pawchain.devchain import REPO_ROOT

HERE = Path(__file__).resolve().parent
DRIVER = HERE / "autocannon_run.js"
HEALTH = "/api/v1/health"


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
def serving(app: str, database_url: str, workers: int, threads: int, log: Path) -> Iterator[str]:
    """gunicorn serving `app` (a gunicorn app spec) on `database_url`; yields its base URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "PAWCHAIN_DATABASE_URL": database_url,
        "PYTHONPATH": os.pathsep.join([str(HERE), str(REPO_ROOT / "backend"), os.environ.get("PYTHONPATH", "")]),
    }
    command = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--worker-class", "gthread",
               "--threads", str(threads), "--bind", f"127.0.0.1:{port}", "--log-level", "warning", app]
    with open(log, "ab") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while not _answers(url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise ServerError(f"gunicorn did not answer {HEALTH}; its log:\n{log.read_text()[-2000:]}")
            time.sleep(0.1)
        yield url
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # gunicorn's graceful stop
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def node() -> str:
    found = shutil.which("node")
    if found is None:
        raise ServerError("node is not on PATH (autocannon runs on it)")
    return found


def load(url: str, paths: Sequence[str], connections: int, seconds: float) -> LoadResult:
    """autocannon against `url` for `seconds`, `connections` at once, paths drawn from `paths`."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as config:
        json.dump({"url": url, "paths": list(paths), "connections": connections, "duration": seconds}, config)
    try:
        done = subprocess.run([node(), str(DRIVER), config.name], capture_output=True, text=True, cwd=HERE,
                              timeout=seconds + 60)
    finally:
        os.unlink(config.name)
    if done.returncode != 0:
        raise ServerError(f"autocannon failed: {done.stderr[-2000:]}")
    result = json.loads(done.stdout)
    return LoadResult(
        requests_per_second=float(result["requests"]["average"]),
        p50_ms=float(result["latency"]["p50"]),
        p99_ms=float(result["latency"]["p99"]),
        requests=int(result["requests"]["total"]),
        errors=int(result["errors"]) + int(result["timeouts"]) + int(result["non2xx"]),
    )
