"""Brownie attached to a chain that pawchain.devchain started.

Brownie finds a development chain through a network id in ~/.brownie/network-config.yaml.
That file is shared by every checkout on the machine, and a fresh machine has no entry for
our ports, so instead of `brownie networks add` this registers the network in memory, for
this process only: nothing outside the checkout changes, and any port works.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from pawchain.devchain import REPO_ROOT, ChainSettings, DevchainError, is_listening

if TYPE_CHECKING:  # importing brownie takes a second and creates ~/.brownie
    from brownie.project.main import Project


@contextmanager
def attached(rpc_url: str, live: bool = False, root: Path = REPO_ROOT) -> Iterator[Project]:
    """Load the brownie project (compiling what changed) and connect it to `rpc_url`.

    Yields the loaded brownie Project; its contracts are also importable from `brownie`, as
    in a `brownie run` script (scripts/deploy.py relies on that). The chain must already be
    running: brownie would otherwise launch a Ganache of its own with the wrong settings.
    On exit brownie is disconnected and the chain left running.

    `live=True` (any other EVM network, `bin/deploy`): `rpc_url` may be any URL (https, a
    path, no port), transactions are signed here by keys added with `accounts.add`, and fees
    follow the node (EIP-1559 tip from eth_maxPriorityFeePerGas). Brownie is still told it is
    a development network: in its "live" mode it keeps deployment artifacts of its own in
    build/deployments, which duplicate our deployment record and break brownie's start-up once
    that chain is wiped.

    `root`: the brownie project to load (default this checkout; the gas benchmark's Cancun
    build is another, tests/bench/cancun_build.py).
    """
    # Imported here: importing brownie takes a second and creates ~/.brownie.
    from brownie import network, project
    from brownie._config import CONFIG

    url = urlparse(rpc_url)
    if url.hostname is None or (url.port is None and not live):
        raise ValueError(f"an RPC URL with host and port is required, not {rpc_url!r}")
    if not live and not is_listening(ChainSettings(port=url.port or 0, host=url.hostname)):
        raise DevchainError(f"no chain answers at {rpc_url}")

    # Brownie only recognises a project whose configured folders exist; git keeps no empty
    # folder, and tests/contracts may have no test yet on a branch.
    (root / "tests" / "contracts").mkdir(parents=True, exist_ok=True)
    loaded = project.load(root, raise_if_loaded=False)
    loaded.load_config()  # brownie-config.yaml: compiler settings and the development gas price

    network_id = f"pawchain-{url.port}"
    CONFIG.networks[network_id] = {
        "id": network_id,
        "name": f"Pawchain chain at {url.hostname}:{url.port}",
        "host": f"{url.scheme}://{url.hostname}",
        "cmd": "ganache-cli",  # marks it as a development network: unlocked accounts, chain.sleep
        "cmd_settings": {"port": url.port},
    }
    if live:
        CONFIG.networks[network_id].update(
            host=rpc_url, cmd_settings={}, name=f"EVM network at {url.hostname}"
        )
    # launch_rpc=False: talk to the chain without adopting its process. Adopted, brownie
    # would SIGKILL it at exit if it is our child (losing what Ganache had not flushed), and
    # snapshot the chain after every transaction (its undo buffer, kept in Ganache's memory
    # forever on a long-lived chain). chain.sleep and chain.mine work either way.
    network.connect(network_id, launch_rpc=False)
    if live:
        # Brownie's development defaults (a fixed price, the block's whole gas limit) would
        # not fit a real network: estimate the gas, take the tip the node suggests.
        network.gas_limit("auto")
        network.gas_price(None)
        network.priority_fee("auto")
    # What `brownie run` does for its scripts: `from brownie import PetToken` works.
    loaded._add_to_main_namespace()
    try:
        with warnings.catch_warnings():
            # chain.sleep/mine call brownie's own deprecated rpc methods: its noise, not ours.
            warnings.filterwarnings(
                "ignore", r"rpc\.\w+ should not be called directly", FutureWarning
            )
            yield loaded
    finally:
        loaded._remove_from_main_namespace()
        network.disconnect(kill_rpc=False)
