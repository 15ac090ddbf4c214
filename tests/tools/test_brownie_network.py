"""bin/test picks (or adds) the brownie network that reaches its test chain's port.

Only the pure choice is tested: adding a network writes to ~/.brownie, which everyone on
the machine shares, so the tests never do it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
import brownie_network  # from tools/ (on sys.path above): it holds runnable scripts, not a package


def _network(network_id: str, cmd: str, port: int) -> dict[str, object]:
    """A development network as ~/.brownie/network-config.yaml writes it."""
    return {
        "id": network_id,
        "host": "http://127.0.0.1",
        "cmd": cmd,
        "cmd_settings": {"port": port},
    }


NETWORK_CONFIG = {
    "development": [
        _network("development", "anvil", 8545),
        _network("ganache-cli", "ganache-cli", 8545),
        _network("pawchain-test-8629", "ganache-cli", 8629),
        _network("pawchain-test-8700", "ganache-cli", 9999),
    ]
}
PROJECT_CONFIG = {
    "networks": {
        "ganache-cli": {"cmd_settings": {"port": 8546}},
        "development": {"gas_price": "2 gwei"},
    }
}
NETWORKS = brownie_network.development_networks(NETWORK_CONFIG, PROJECT_CONFIG)


def test_project_config_overrides_the_port() -> None:
    assert NETWORKS["ganache-cli"] == ("http://127.0.0.1", 8546)


def test_default_port_uses_the_projects_ganache_network() -> None:
    assert brownie_network.choose(None, 8546, NETWORKS) == ("ganache-cli", 8546, False)


def test_other_port_reuses_its_own_network() -> None:
    assert brownie_network.choose(None, 8629, NETWORKS) == ("pawchain-test-8629", 8629, False)


def test_other_port_without_a_network_asks_for_one() -> None:
    assert brownie_network.choose(None, 8628, NETWORKS) == ("pawchain-test-8628", 8628, True)


def test_own_network_pointing_elsewhere_is_an_error_not_a_rewrite() -> None:
    with pytest.raises(brownie_network.NetworkError, match="9999"):
        brownie_network.choose(None, 8700, NETWORKS)


def test_requested_network_gives_its_port() -> None:
    assert brownie_network.choose("pawchain-test-8629", None, NETWORKS) == (
        "pawchain-test-8629",
        8629,
        False,
    )


@pytest.mark.parametrize(("requested", "port"), [("nope", None), ("ganache-cli", 8629)])
def test_requested_network_must_exist_and_match_the_port(requested: str, port: int | None) -> None:
    with pytest.raises(brownie_network.NetworkError):
        brownie_network.choose(requested, port, NETWORKS)
