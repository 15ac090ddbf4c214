"""Where the game's contracts live on a chain, recorded so they are deployed once.

The run command keeps its chain on disk, so the contracts it deployed yesterday are still
there today; deploying again would strand every pet on the old contract. It records each
deployment in a JSON file and, on the next start, reuses it if that exact deployment is
still on the chain. The backend reads the same file to find the contracts.

A record is stale, and the contracts must be deployed again, when the chain is not the one
it was made on: another chain id, a deploy block that is missing or has another hash (the
chain was wiped: a fresh Ganache with the same mnemonic may even reuse the addresses), or
no code at a recorded address.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pawchain.devchain import rpc_call

SCHEMA = 1  # bump when the file's layout changes; older files are then treated as absent


class DeploymentRecordError(ValueError):
    """The deployment file exists but cannot be read as a deployment record."""


@dataclass(frozen=True)
class DeployedContract:
    """One deployed contract."""

    address: str
    # brownie's sha1 of the creation bytecode it was deployed from: tells whether the
    # contract's sources changed since (see changed_contracts).
    bytecode_sha1: str = ""


@dataclass(frozen=True)
class Deployment:
    """The game's contracts on one chain, and how that chain was found when they were deployed."""

    chain_id: int
    deploy_block: int
    deploy_block_hash: str  # 0x-prefixed; identifies the chain beyond its id
    contracts: dict[str, DeployedContract]
    # What the deploying command did besides deploying (e.g. how many pets it seeded).
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The record as written to disk."""
        return {"schema": SCHEMA, **asdict(self)}

    @classmethod
    def from_json(cls, data: Any) -> Deployment:
        """Parse a record; raises DeploymentRecordError if it is not one of this schema."""
        schema = data.get("schema") if isinstance(data, dict) else None
        if schema != SCHEMA:
            raise DeploymentRecordError(f"schema {schema!r}, expected {SCHEMA}")
        try:
            return cls(
                chain_id=int(data["chain_id"]),
                deploy_block=int(data["deploy_block"]),
                deploy_block_hash=str(data["deploy_block_hash"]),
                contracts={
                    name: DeployedContract(**entry) for name, entry in data["contracts"].items()
                },
                extra=dict(data.get("extra") or {}),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DeploymentRecordError(f"not a deployment record: {exc!r}") from exc


@dataclass(frozen=True)
class Outcome:
    """What ensure_deployed did: the deployment in use, and why it deployed (if it did)."""

    deployment: Deployment
    reused: bool
    reason: str  # why the contracts were deployed, or "" when reused


def read(path: Path) -> Deployment | None:
    """The record at `path`, or None if there is none. Raises DeploymentRecordError if unreadable."""
    try:
        text = path.read_text()
    except FileNotFoundError:
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DeploymentRecordError(f"{path} is not JSON: {exc}") from exc
    return Deployment.from_json(data)


def write(path: Path, deployment: Deployment) -> None:
    """Write the record atomically, so an interrupted run never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(deployment.to_json(), indent=2) + "\n")
    os.replace(temporary, path)


def stale_reason(deployment: Deployment, rpc_url: str) -> str | None:
    """Why `deployment` is not usable on the chain at `rpc_url`, or None if it is."""
    chain_id = _quantity(rpc_call(rpc_url, "eth_chainId"))
    if chain_id != deployment.chain_id:
        return f"the chain's id is {chain_id}, the record's {deployment.chain_id}"
    if _quantity(rpc_call(rpc_url, "eth_blockNumber")) < deployment.deploy_block:
        return f"the chain has no block {deployment.deploy_block} (it was reset)"
    if (
        block_identity(rpc_url, deployment.deploy_block).lower()
        != deployment.deploy_block_hash.lower()
    ):
        return f"block {deployment.deploy_block} is not the recorded one (the chain was reset)"
    for name, contract in deployment.contracts.items():
        if rpc_call(rpc_url, "eth_getCode", [contract.address, "latest"]) in ("0x", "0x0", None):
            return f"there is no code at {name}'s address {contract.address}"
    return None


def ensure_deployed(path: Path, rpc_url: str, deploy: Callable[[], Deployment]) -> Outcome:
    """Reuse the deployment recorded at `path` if it is live on the chain at `rpc_url`, else deploy.

    `deploy` deploys (and sets up) the contracts and returns their record; it is written to
    `path` only after `deploy` returns, so an interrupted deployment is redone next time.
    """
    reason: str | None
    try:
        recorded = read(path)
    except DeploymentRecordError as exc:
        recorded, reason = None, f"the record is unusable ({exc})"
    else:
        reason = (
            "no deployment recorded yet" if recorded is None else stale_reason(recorded, rpc_url)
        )
    if recorded is not None and reason is None:
        return Outcome(recorded, reused=True, reason="")
    deployment = deploy()
    write(path, deployment)
    return Outcome(deployment, reused=False, reason=reason or "the recorded deployment is not live")


def changed_contracts(deployment: Deployment, current_sha1: dict[str, str]) -> list[str]:
    """Names of recorded contracts whose current build differs from the deployed one."""
    return sorted(
        name
        for name, contract in deployment.contracts.items()
        if contract.bytecode_sha1 and current_sha1.get(name) not in (None, contract.bytecode_sha1)
    )


def block_identity(rpc_url: str, block_number: int) -> str:
    """The 0x-prefixed hash of block `block_number`, for a record's deploy_block_hash."""
    block = rpc_call(rpc_url, "eth_getBlockByNumber", [hex(block_number), False])
    if not isinstance(block, dict):
        raise ValueError(f"the chain has no block {block_number}")
    return str(block["hash"])


def _quantity(value: object) -> int:
    """A JSON-RPC quantity ("0x2a") as an int."""
    return int(str(value), 16)
