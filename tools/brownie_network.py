#!/usr/bin/env python3
"""Name the brownie network that attaches to bin/test's chain, adding it if it is missing.

Brownie finds a development chain by network id: the id's host and `cmd_settings.port`
(from ~/.brownie/network-config.yaml, overridden by this project's brownie-config.yaml).
The project configures `ganache-cli` on the test port 8546. A run on another port
(PAWCHAIN_TEST_PORT, so that parallel runs do not collide) needs a network of its own:
this adds `pawchain-test-<port>` with `brownie networks add`, once. ~/.brownie is shared
by everyone on the machine, so existing networks are only read, never changed or removed.

Usage: python tools/brownie_network.py [--port PORT] [--network ID]
Prints "<network id> <port>". Give a port, a network, or both (then they must agree).
"""

from __future__ import annotations

import argparse
import fcntl
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_NETWORK = "ganache-cli"
HOST = "http://127.0.0.1"


class NetworkError(RuntimeError):
    """The requested network cannot reach the test chain."""


def data_folder() -> Path:
    """brownie's data folder; importing brownie creates it with the default networks."""
    from brownie._config import _get_data_folder  # slow import, only when needed

    return _get_data_folder()


def development_networks(
    network_config: dict[str, Any], project_config: dict[str, Any]
) -> dict[str, tuple[str, int | None]]:
    """Each development network's (host, port), with the project's port overrides applied."""
    overrides = project_config.get("networks") or {}
    networks: dict[str, tuple[str, int | None]] = {}
    for network in network_config.get("development") or []:
        port = (network.get("cmd_settings") or {}).get("port")
        override = ((overrides.get(network["id"]) or {}).get("cmd_settings") or {}).get("port")
        chosen = override or port
        networks[network["id"]] = (network.get("host", ""), int(chosen) if chosen else None)
    return networks


def choose(
    requested: str | None, port: int | None, networks: dict[str, tuple[str, int | None]]
) -> tuple[str, int, bool]:
    """The network id and port of the test chain, and whether the network must be added.

    An explicitly requested network must exist and point at the port (if one is given);
    otherwise the project's `ganache-cli` serves its own port and `pawchain-test-<port>`
    any other.
    """
    if requested:
        if requested not in networks:
            raise NetworkError(f"brownie has no development network '{requested}'")
        network_port = networks[requested][1]
        if network_port is None or (port is not None and network_port != port):
            raise NetworkError(f"network '{requested}' uses port {network_port}, not {port}")
        return requested, network_port, False
    if port is None:
        raise NetworkError("give a port or a network")
    if networks.get(DEFAULT_NETWORK, ("", None))[1] == port:
        return DEFAULT_NETWORK, port, False
    own = f"pawchain-test-{port}"
    if own in networks:
        host, own_port = networks[own]
        if own_port != port or not host.startswith(HOST):
            raise NetworkError(
                f"network '{own}' exists but points at {host}:{own_port}; "
                f"remove it with `brownie networks delete {own}`"
            )
        return own, port, False
    return own, port, True


def add_network(network_id: str, port: int) -> None:
    """`brownie networks add` for a Ganache our devchain starts (brownie only attaches)."""
    subprocess.run(
        [
            str(Path(sys.executable).parent / "brownie"),
            "networks",
            "add",
            "development",
            network_id,
            "cmd=ganache-cli",
            f"host={HOST}",
            f"port={port}",
        ],
        cwd=data_folder(),  # not the project: this command must not load or compile it
        check=True,
        stdout=subprocess.DEVNULL,
    )


def resolve(requested: str | None, port: int | None, project: Path = REPO_ROOT) -> tuple[str, int]:
    """The brownie network id and port of the test chain, the network added if needed."""
    folder = data_folder()
    project_config = yaml.safe_load((project / "brownie-config.yaml").read_text()) or {}
    # Serialise our own additions: brownie rewrites the whole file when it adds one.
    with open(folder / ".pawchain-networks.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        network_config = yaml.safe_load((folder / "network-config.yaml").read_text()) or {}
        network_id, port, missing = choose(
            requested, port, development_networks(network_config, project_config)
        )
        if missing:
            add_network(network_id, port)
    return network_id, port


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=None)
    parser.add_argument("--network", default=None, help="use this existing network id")
    args = parser.parse_args(argv)
    try:
        network_id, port = resolve(args.network, args.port)
        print(network_id, port)
    except (NetworkError, subprocess.CalledProcessError) as exc:
        print(f"brownie network: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
