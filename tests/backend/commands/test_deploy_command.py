"""`bin/deploy` (pawchain.cli.deploy): the game on "any EVM network" configured by the
environment, tried on the test chain as that network, with a key that signs locally."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from eth_account import Account
from web3 import Web3

from pawchain.devchain import MNEMONIC, REPO_ROOT

Account.enable_unaudited_hdwallet_features()
DEPLOYER = Account.from_mnemonic(MNEMONIC, account_path="m/44'/60'/0'/0/7")
DEPLOYER_KEY = "0x" + bytes(DEPLOYER.key).hex()


def run_deploy(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PAWCHAIN_") or k == "PAWCHAIN_TEST_RPC_URL"
    }
    return subprocess.run(
        [sys.executable, "-m", "pawchain.cli.deploy", *args],
        env={**clean, **env},
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def deployed(
    chain_url: str, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, str], Path]:
    record = tmp_path_factory.mktemp("deploy") / "deployment.json"
    env = {
        "PAWCHAIN_RPC_URL": chain_url,
        "PAWCHAIN_DEPLOYER_KEY": DEPLOYER_KEY,
        "PAWCHAIN_DEPLOYMENT": str(record),
        "PAWCHAIN_PUBLIC_URL": "https://pets.example/",
    }
    result = run_deploy(env)
    assert result.returncode == 0, result.stdout + result.stderr
    return env, record


def test_deploys_every_contract_and_records_them(
    deployed: tuple[dict[str, str], Path], chain_url: str
) -> None:
    _env, record = deployed
    data = json.loads(record.read_text())
    assert set(data["contracts"]) == {
        "PawForwarder",
        "WrappedEther",
        "PetToken",
        "ClockAuctionHouse",
        "OrderBook",
    }
    web3 = Web3(Web3.HTTPProvider(chain_url))
    for contract in data["contracts"].values():
        assert len(web3.eth.get_code(contract["address"])) > 0
    assert data["extra"]["deployer"] == DEPLOYER.address
    assert data["extra"]["base_uri"] == "https://pets.example/api/v1/metadata/"


def test_the_key_signed_every_deployment(
    deployed: tuple[dict[str, str], Path], chain_url: str
) -> None:
    """The deployer is the key's account, not one of the node's unlocked accounts."""
    _env, record = deployed
    data = json.loads(record.read_text())
    web3 = Web3(Web3.HTTPProvider(chain_url))
    block = web3.eth.get_block(data["deploy_block"], full_transactions=True)
    assert {tx["from"] for tx in block["transactions"] if not isinstance(tx, bytes)} == {
        DEPLOYER.address
    }  # full: not hashes


def test_a_second_deploy_refuses_to_strand_the_first(deployed: tuple[dict[str, str], Path]) -> None:
    env, _record = deployed
    result = run_deploy(env)
    assert result.returncode == 2
    assert "still on this chain" in result.stderr and "--force" in result.stderr


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"PAWCHAIN_DEPLOYER_KEY": ""}, "PAWCHAIN_DEPLOYER_KEY is not set"),
        ({"PAWCHAIN_DEPLOYER_KEY": "0x1234"}, "is not a private key"),
        ({"PAWCHAIN_RPC_URL": ""}, "PAWCHAIN_RPC_URL is not set"),
    ],
)
def test_missing_or_bad_settings_are_named(
    deployed: tuple[dict[str, str], Path], override: dict[str, str], message: str
) -> None:
    env, _record = deployed
    result = run_deploy({**env, **override})
    assert result.returncode == 2
    assert message in result.stderr
    assert DEPLOYER_KEY[2:] not in result.stdout + result.stderr  # the key is never echoed


def test_the_indexer_follows_the_deployment(
    deployed: tuple[dict[str, str], Path], tmp_path: Path
) -> None:
    """The server side of "any network": the indexer needs only the record and the RPC URL."""
    env, _record = deployed
    result = subprocess.run(
        [sys.executable, "-m", "pawchain", "index", "--once"],
        env={**os.environ, **env, "PAWCHAIN_DATABASE_URL": f"sqlite:///{tmp_path / 'index.db'}"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
