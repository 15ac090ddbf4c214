"""Helpers of the command tests: free ports, and polling the JSON API of a running server."""

from __future__ import annotations

import json
import random
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def free_port() -> int:
    """A TCP port nothing listens on now (the OS picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# Below Linux's ephemeral range (32768-60999), from which every client socket of the run
# (the browser's, the databases', the JSON-RPC calls') takes its local port: a port chosen
# there can be taken by one of them before the server that was given it binds it.
SERVER_PORTS = range(20_000, 32_000)


def _bindable(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def free_server_port() -> int:
    """A port free now, outside the ephemeral range (SERVER_PORTS): for a server that must
    come back on the same port after a restart."""
    for _ in range(500):
        port = random.randrange(SERVER_PORTS.start, SERVER_PORTS.stop)
        if _bindable(port):
            return port
    raise RuntimeError(f"no free port in {SERVER_PORTS}")


def free_port_pair() -> int:
    """A port P such that P and P + 1 are free now, outside the ephemeral range: a game
    server's web port (its event stream listens on P + 1, as bin/run's does)."""
    for _ in range(500):
        port = random.randrange(SERVER_PORTS.start, SERVER_PORTS.stop - 1)
        if _bindable(port) and _bindable(port + 1):
            return port
    raise RuntimeError(f"no two free ports in a row in {SERVER_PORTS}")


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def get_json(url: str) -> Any:
    """The JSON body of a 200 answer; an error answer raises HTTPError, closed already."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return json.load(response)
    except urllib.error.HTTPError as exc:
        exc.close()  # it holds the connection open otherwise (a ResourceWarning, an error here)
        raise


def eventually(probe: Callable[[], T | None], seconds: float, what: str) -> T:
    """Call `probe` until it returns something other than None (errors count as None)."""
    deadline = time.monotonic() + seconds
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            value = probe()
        except (urllib.error.URLError, OSError, ValueError) as exc:
            last_error, value = exc, None
        if value is not None:
            return value
        time.sleep(0.25)
    raise AssertionError(f"{what}: not within {seconds} s (last error: {last_error!r})")


def pet_ids(base_url: str) -> set[int]:
    """Every pet id the API lists (following the cursor)."""
    ids: set[int] = set()
    url: str | None = f"{base_url}/api/v1/pets?limit=100&sort=id"
    while url:
        page = get_json(url)
        ids.update(int(item["id"]) for item in page["items"])
        url = (
            f"{base_url}/api/v1/pets?limit=100&sort=id&cursor={page['next_cursor']}"
            if page["next_cursor"]
            else None
        )
    return ids
