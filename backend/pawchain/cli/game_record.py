"""The deployment record of a game that brownie just deployed (bin/run, bin/deploy)."""

from __future__ import annotations

from typing import Any

from pawchain import deployment as records


def record_of(game: Any, rpc_url: str, extra: dict[str, Any]) -> records.Deployment:
    """Describe `game` (scripts.deploy.Game) for the record file. Runs inside a brownie
    session (pawchain.cli.brownie_session.attached)."""
    from brownie import project, web3

    block = game.forwarder.tx.block_number  # the first of the game's deployments
    loaded = project.get_loaded_projects()[0]
    return records.Deployment(
        chain_id=web3.eth.chain_id,
        deploy_block=block,
        deploy_block_hash=records.block_identity(rpc_url, block),
        contracts={
            contract._name: records.DeployedContract(
                contract.address, bytecode_sha1(loaded[contract._name])
            )
            for contract in game.contracts()
        },
        extra=extra,
    )


def bytecode_sha1(container: Any) -> str:
    """The hash brownie keeps of a contract's current build (no public accessor exists)."""
    return str(container._build["bytecodeSha1"])
