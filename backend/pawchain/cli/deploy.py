"""`bin/deploy`: the game's contracts on any EVM network, configured by the environment.

    PAWCHAIN_RPC_URL=https://node.example PAWCHAIN_DEPLOYER_KEY=0x... bin/deploy

- PAWCHAIN_RPC_URL: the network's JSON-RPC endpoint (required: no default, so nothing is
  deployed by accident).
- PAWCHAIN_DEPLOYER_KEY: the deploying account's private key, 0x + 64 hex digits (required);
  it becomes admin, operator and treasury (hand the admin role on in two steps, 2 days apart:
  docs/contracts.md, Administration).
- PAWCHAIN_DEPLOYMENT: where the deployment record is written (default
  `.data/deployment.json`); the indexer and the web server read it.
- PAWCHAIN_PUBLIC_URL: the web server's public address: tokenURI is
  `<it>/api/v1/metadata/<id>` (default http://127.0.0.1:5000).

The key is read from the environment only (never a flag: flags end up in shell history and
`ps`), signs locally, and is never printed or written. An existing record whose deployment
is still on that chain is not overwritten: deploying twice would leave players' pets on
the old contracts; `--force` deploys anew anyway. docs/scaling.md tells the whole story.
"""

from __future__ import annotations

import argparse
import os
import re
import sys

from pawchain import deployment as records
from pawchain.cli.brownie_session import attached
from pawchain.cli.game_record import record_of
from pawchain.config import Settings
from pawchain.devchain import DevchainError

DEFAULT_PUBLIC_URL = "http://127.0.0.1:5000"
PRIVATE_KEY = re.compile(r"^0x[0-9a-fA-F]{64}$")


class DeployError(ValueError):
    """The deployment cannot start: a setting is missing or wrong."""


def _required(name: str, explain: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise DeployError(f"{name} is not set: {explain}")
    return value


def deploy(force: bool = False) -> records.Deployment:
    """Deploy the game where the environment says; returns the record written."""
    rpc_url = _required("PAWCHAIN_RPC_URL", "the JSON-RPC URL of the network to deploy to")
    key = _required(
        "PAWCHAIN_DEPLOYER_KEY", "the private key (0x + 64 hex digits) of the deploying account"
    )
    if not PRIVATE_KEY.match(key):
        raise DeployError(
            "PAWCHAIN_DEPLOYER_KEY is not a private key: expected 0x followed by 64 hex digits"
        )
    record_path = Settings.from_env().deployment_path
    base_uri = (os.environ.get("PAWCHAIN_PUBLIC_URL") or DEFAULT_PUBLIC_URL).rstrip(
        "/"
    ) + "/api/v1/metadata/"

    existing = records.read(record_path)
    if existing is not None and not force and records.stale_reason(existing, rpc_url) is None:
        raise DeployError(
            f"{record_path} records a deployment that is still on this chain (block {existing.deploy_block}); "
            "deploying again would leave its pets behind. Use --force to deploy anew, or another PAWCHAIN_DEPLOYMENT."
        )
    with attached(rpc_url, live=True):
        from brownie import accounts

        from scripts.deploy import GameTerms, deploy_game

        deployer = accounts.add(key)
        print(f"deploy: deploying from {deployer.address} to {rpc_url} (tokenURI base {base_uri})")
        game = deploy_game(deployer, terms=GameTerms(base_uri=base_uri))
        deployment = record_of(game, rpc_url, {"deployer": deployer.address, "base_uri": base_uri})
    records.write(record_path, deployment)
    return deployment


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bin/deploy", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--force",
        action="store_true",
        help="deploy even if the record's deployment is still on the chain",
    )
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        deployment = deploy(args.force)
    except (DeployError, DevchainError) as exc:
        print(f"deploy: {exc}", file=sys.stderr)
        return 2
    print(f"deploy: chain {deployment.chain_id}, block {deployment.deploy_block}")
    for name, contract in deployment.contracts.items():
        print(f"  {name:<18} {contract.address}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
