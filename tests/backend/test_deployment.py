"""The contracts are deployed once: a recorded deployment is reused while it is on the chain,
and deployed again when the chain no longer holds it. Runs against a real Ganache.

Plain pytest (no brownie): `pytest -p no:pytest-brownie tests/backend`. The chain listens
on PAWCHAIN_SCRATCH_PORT if set, else on a port the system picks.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from pawchain import deployment as records
from pawchain.devchain import ChainSettings, mined_receipt, rpc_call, start, stop
from tests.support.ports import free_port

# Creation code of the smallest contract: it returns the one-byte runtime code 0x00 (STOP).
# Real code at a real address is all the reuse check looks at.
TINY_CONTRACT = "0x600060005360016000f3"


@pytest.fixture(scope="module")
def chain() -> Iterator[str]:
    """A fresh in-memory Ganache for this module, with the project's settings: its RPC URL."""
    settings = ChainSettings(port=int(os.environ.get("PAWCHAIN_SCRATCH_PORT") or free_port()))
    process = start(settings)
    try:
        yield settings.rpc_url
    finally:
        stop(process)


@pytest.fixture(autouse=True)
def isolated(chain: str) -> Iterator[None]:
    """Each test finds the chain as the previous one found it."""
    snapshot = rpc_call(chain, "evm_snapshot")
    yield
    rpc_call(chain, "evm_revert", [snapshot])


def _code_at(chain: str, address: str) -> str:
    return str(rpc_call(chain, "eth_getCode", [address, "latest"]))


class Deployer:
    """A `deploy` callable for ensure_deployed that deploys a real contract and counts calls."""

    def __init__(self, chain: str) -> None:
        self.chain = chain
        self.calls = 0

    def __call__(self) -> records.Deployment:
        self.calls += 1
        deployer = rpc_call(self.chain, "eth_accounts")[0]
        tx = rpc_call(
            self.chain, "eth_sendTransaction", [{"from": deployer, "data": TINY_CONTRACT}]
        )
        receipt = mined_receipt(self.chain, str(tx))
        block = int(receipt["blockNumber"], 16)
        return records.Deployment(
            chain_id=int(rpc_call(self.chain, "eth_chainId"), 16),
            deploy_block=block,
            deploy_block_hash=records.block_identity(self.chain, block),
            contracts={
                "Tiny": records.DeployedContract(receipt["contractAddress"], "sha1-of-build")
            },
        )


@pytest.fixture
def record_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "deployment.json"


def test_first_start_deploys_and_records(chain: str, record_path: Path):
    deploy = Deployer(chain)
    outcome = records.ensure_deployed(record_path, chain, deploy)
    assert not outcome.reused and deploy.calls == 1
    assert outcome.reason == "no deployment recorded yet"
    assert records.read(record_path) == outcome.deployment
    assert _code_at(chain, outcome.deployment.contracts["Tiny"].address) == "0x00"


def test_second_start_reuses_the_recorded_deployment(chain: str, record_path: Path):
    first = records.ensure_deployed(record_path, chain, Deployer(chain))
    deploy = Deployer(chain)
    again = records.ensure_deployed(record_path, chain, deploy)
    assert again.reused and deploy.calls == 0
    assert again.deployment == first.deployment


def test_wiped_chain_is_deployed_to_again(chain: str, record_path: Path):
    before = rpc_call(chain, "evm_snapshot")
    records.ensure_deployed(record_path, chain, Deployer(chain))
    rpc_call(chain, "evm_revert", [before])  # the chain as it was before the deployment
    deploy = Deployer(chain)
    outcome = records.ensure_deployed(record_path, chain, deploy)
    assert not outcome.reused and deploy.calls == 1
    assert "reset" in outcome.reason
    assert records.read(record_path) == outcome.deployment


def test_another_chain_at_the_same_height_is_deployed_to_again(chain: str, record_path: Path):
    before = rpc_call(chain, "evm_snapshot")
    recorded = records.ensure_deployed(record_path, chain, Deployer(chain)).deployment
    rpc_call(chain, "evm_revert", [before])
    rpc_call(chain, "evm_mine")  # a different block where the deployment was
    assert int(rpc_call(chain, "eth_blockNumber"), 16) == recorded.deploy_block
    outcome = records.ensure_deployed(record_path, chain, Deployer(chain))
    assert not outcome.reused
    assert f"block {recorded.deploy_block} is not the recorded one" in outcome.reason


def test_record_without_code_at_its_address_is_deployed_to_again(chain: str, record_path: Path):
    recorded = records.ensure_deployed(record_path, chain, Deployer(chain)).deployment
    account = rpc_call(chain, "eth_accounts")[1]  # an account, not a contract: no code there
    records.write(
        record_path,
        records.Deployment(
            recorded.chain_id,
            recorded.deploy_block,
            recorded.deploy_block_hash,
            {"Tiny": records.DeployedContract(account)},
        ),
    )
    outcome = records.ensure_deployed(record_path, chain, Deployer(chain))
    assert not outcome.reused
    assert outcome.reason == f"there is no code at Tiny's address {account}"


def test_record_of_another_chain_id_is_deployed_to_again(chain: str, record_path: Path):
    recorded = records.ensure_deployed(record_path, chain, Deployer(chain)).deployment
    records.write(
        record_path,
        records.Deployment(
            1, recorded.deploy_block, recorded.deploy_block_hash, recorded.contracts
        ),
    )
    outcome = records.ensure_deployed(record_path, chain, Deployer(chain))
    assert not outcome.reused
    assert "the record's 1" in outcome.reason


@pytest.mark.parametrize(
    "content", ["not json", '{"schema": 0}', '{"schema": 1, "chain_id": 1337}', "[]"]
)
def test_unusable_record_is_replaced(chain: str, record_path: Path, content: str):
    record_path.parent.mkdir(parents=True)
    record_path.write_text(content)
    outcome = records.ensure_deployed(record_path, chain, Deployer(chain))
    assert not outcome.reused
    assert outcome.reason.startswith("the record is unusable")
    assert records.read(record_path) == outcome.deployment


def test_interrupted_deployment_leaves_no_record(chain: str, record_path: Path):
    def interrupted() -> records.Deployment:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        records.ensure_deployed(record_path, chain, interrupted)
    assert not record_path.exists()


def test_changed_contracts_are_those_whose_build_differs():
    deployment = records.Deployment(
        1337,
        1,
        "0x00",
        {
            "Same": records.DeployedContract("0x1", "aaa"),
            "Changed": records.DeployedContract("0x2", "bbb"),
            "Unknown": records.DeployedContract("0x3", ""),  # no hash recorded: cannot tell
            "Gone": records.DeployedContract("0x4", "ddd"),  # no longer built: nothing to compare
        },
    )
    assert records.changed_contracts(
        deployment, {"Same": "aaa", "Changed": "BBB", "Unknown": "ccc"}
    ) == ["Changed"]
