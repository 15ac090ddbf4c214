#!/usr/bin/env python3
"""A throwaway Redis server for the tests of the rate limiter's Redis store.

    python tools/test_redis.py start DIR   prints the URL once it answers PING
    python tools/test_redis.py stop DIR    stops the server of DIR and deletes DIR

`start` uses Debian's redis-server, installing the `redis-server` package with apt-get if
it is missing (root only; a policy-rc.d keeps the package from starting its own server
while it installs). The server keeps nothing on disk (no snapshots, no append-only file),
listens on 127.0.0.1 only, on the first free port from 6380 (6379 is left to a system
server), and writes its pid and log into DIR. Tests import `start` and `stop` too.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from debian_packages import apt_get_install, free_port

FIRST_PORT = 6380


class RedisError(RuntimeError):
    """The test server could not be set up."""


def install() -> str:
    """Install Debian's redis-server quietly and return its path."""
    apt_get_install("redis-server", "redis-server is not installed", "test_redis", RedisError)
    found = shutil.which("redis-server")
    if found is None:
        raise RedisError("redis-server installed, but not on PATH")
    return found


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def start(folder: Path) -> str:
    """Start a server whose files are in `folder`; its URL once it answers."""
    server = shutil.which("redis-server") or install()
    port = free_port(FIRST_PORT, RedisError)
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(folder),
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "yes",
            "--pidfile",
            str(folder / "redis.pid"),
            "--logfile",
            str(folder / "redis.log"),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while not _answers(port):
        if time.monotonic() > deadline:
            log = (folder / "redis.log").read_text() if (folder / "redis.log").exists() else ""
            raise RedisError(f"redis-server on port {port} did not answer in 20 s:\n{log[-2000:]}")
        time.sleep(0.05)
    return f"redis://127.0.0.1:{port}/0"


def stop(folder: Path) -> None:
    """Stop the server of `folder` (if it runs) and delete the folder."""
    pid_file = folder / "redis.pid"
    if pid_file.exists():
        pid = int(pid_file.read_text().strip())
        try:
            os.kill(pid, signal.SIGTERM)
            for _ in range(100):
                os.kill(pid, 0)
                time.sleep(0.05)
        except ProcessLookupError:
            pass
    shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    if len(sys.argv) != 3 or sys.argv[1] not in ("start", "stop"):
        sys.exit(__doc__)
    folder = Path(sys.argv[2])
    try:
        if sys.argv[1] == "start":
            print(start(folder))
        else:
            stop(folder)
    except RedisError as exc:
        sys.exit(f"test_redis: {exc}")


if __name__ == "__main__":
    main()
