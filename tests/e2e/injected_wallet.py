"""The injected test wallet (injected_wallet.js) as an init script for a page."""

from __future__ import annotations

import json
from pathlib import Path

from pawchain import devchain

SCRIPT = Path(__file__).with_name("injected_wallet.js")
NAME = "Test Wallet"
MAINNET = 1  # a chain that is not the game's: the wrong network


def injected_wallet(
    account: str, rpc_url: str, chain_id: int = devchain.CHAIN_ID, reject_signatures: bool = False
) -> str:
    """The wallet's init script: it offers `account` (an unlocked Ganache account) on
    `chain_id`, forwarding to `rpc_url`; with `reject_signatures` it refuses every signature
    and transaction."""
    config = {
        "chainId": chain_id,
        "gameChainId": devchain.CHAIN_ID,
        "account": account,
        "rpcUrl": rpc_url,
        "rejectSignatures": reject_signatures,
    }
    return SCRIPT.read_text().replace("/*CONFIG*/ null", json.dumps(config), 1)
