"""Many blocks in one request. Brownie's `chain.mine(n)` asks the node once a block, which for
the 257 blocks that age a seed block past the EVM's window took 20-50 s a test on a loaded
machine; Ganache (`evm_mine` with `blocks`) and Anvil (`anvil_mine`) mine them in one call."""

from __future__ import annotations

from brownie import chain, web3


def mine_blocks(count: int) -> None:
    """Mine `count` empty blocks (none when `count` <= 0)."""
    if count <= 0:
        return
    if web3.client_version.lower().startswith("anvil"):
        reply = web3.provider.make_request("anvil_mine", [hex(count)])  # type: ignore[arg-type]
    else:
        reply = web3.provider.make_request("evm_mine", [{"blocks": count}])  # type: ignore[arg-type]
    assert "error" not in reply, reply
    chain._set_time_offset_from_block()  # as chain.mine does: brownie's clock follows the blocks
