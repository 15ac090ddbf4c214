"""PetGame.send (tests/support/pet_game.py), which every browser test's chain moves go through,
against a stand-in node: Ganache refused a send as "the tx doesn't have the correct nonce"
although the transaction was mined (an empty block someone else asked for took it first), and
test_live_notifications failed on it. A refusal of a transaction that is in a block is its
receipt; any other refusal still raises. No chain: milliseconds."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from hexbytes import HexBytes
from web3.exceptions import TimeExhausted, Web3RPCError

from tests.support.pet_game import PetGame

HASH = "0x2e67010f297f0d303d2e5acd5ac68ed688ef9f8949aa1bf6d75e04bc13a58c48"
WRONG_NONCE = "the tx doesn't have the correct nonce. account has nonce of: 7 tx has nonce of: 6"


class Node:
    """The few eth_* answers send() asks for; `mined` the hashes with a receipt."""

    def __init__(self, mined: set[str]) -> None:
        self.mined = mined
        self.count = 6

    def get_transaction_count(self, _sender: str, _block: str) -> int:
        return self.count

    def wait_for_transaction_receipt(self, sent: HexBytes, timeout: float = 120) -> dict[str, Any]:
        if sent.to_0x_hex() not in self.mined:
            raise TimeExhausted(f"not mined in {timeout} s")
        self.count = 7
        return {"status": 1, "transactionHash": sent}


def refusing(message: str) -> Any:
    """A contract call whose transact() is refused by the node with `message`."""
    answer: Any = {
        "error": {"code": -32000, "message": message, "data": {"hash": HASH, "message": message}}
    }

    def transact(_transaction: dict[str, Any]) -> HexBytes:
        raise Web3RPCError(repr(answer["error"]), rpc_response=answer)

    return SimpleNamespace(transact=transact)


def game(node: Node) -> PetGame:
    web3: Any = SimpleNamespace(eth=node)  # only web3.eth is asked
    return PetGame(web3=web3, contracts={}, deploy_block=0, deploy_block_hash="")


def test_a_refused_send_whose_transaction_was_mined_gives_its_receipt() -> None:
    receipt = game(Node(mined={HASH})).send(
        refusing(WRONG_NONCE), "0xd03ea8624C8C5987235048901fB614fDcA89b117"
    )
    assert receipt["transactionHash"] == HexBytes(HASH)


def test_a_refused_send_whose_transaction_was_not_mined_raises() -> None:
    with pytest.raises(Web3RPCError, match="correct nonce"):
        game(Node(mined=set())).send(
            refusing(WRONG_NONCE), "0xd03ea8624C8C5987235048901fB614fDcA89b117"
        )


def test_another_refusal_raises() -> None:
    with pytest.raises(Web3RPCError, match="insufficient funds"):
        game(Node(mined={HASH})).send(
            refusing("insufficient funds"), "0xd03ea8624C8C5987235048901fB614fDcA89b117"
        )
