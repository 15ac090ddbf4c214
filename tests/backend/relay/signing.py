"""Forward requests the way a player's wallet makes them, and as the HTTP route takes them."""

from __future__ import annotations

from typing import Any

from eth_account import Account

from pawchain.relay import ForwardRequest, sign_forward_request
from tests.backend.relay.relay_game import RelayGame


def signed_request(
    game: RelayGame, call: Any, key: str, nonce: int | None = None, gas: int = 300_000
) -> ForwardRequest:
    """`call` (a web3 contract function call; its contract is the target) signed with `key`."""
    signer = Account.from_key(key).address
    data = call._encode_transaction_data()
    return sign_forward_request(
        key,
        to=call.address,
        data=bytes.fromhex(data[2:]),
        nonce=game.forwarder.functions.nonces(signer).call() if nonce is None else nonce,
        deadline=game.web3.eth.get_block("latest")["timestamp"] + 3_600,
        chain_id=game.web3.eth.chain_id,
        forwarder=game.forwarder.address,
        gas=gas,
    )


def forward_body(request: ForwardRequest) -> dict[str, Any]:
    """POST /api/v1/relay/forward's body (integers as a wallet's JSON would carry them)."""
    return {
        "request": {
            "from": request.sender,
            "to": request.to,
            "value": str(request.value),
            "gas": request.gas,
            "nonce": request.nonce,
            "deadline": request.deadline,
            "data": "0x" + request.data.hex(),
        },
        "signature": "0x" + request.signature.hex(),
    }
