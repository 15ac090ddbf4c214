"""Free TCP ports for the servers and chains a test starts (a port is only "free now": the
server that is given one binds it moments later)."""

from __future__ import annotations

import random
import socket


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
