"""The whole game on the test chain (tests/support/pet_game.py), plus what the relay's tests
need: the forwarder the pets trust, funded fresh accounts, and a paused miner."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from eth_account import Account
from web3.contract import Contract
from web3.types import Wei

from pawchain import devchain
from tests.support.pet_game import PetGame

ETHER = 10**18


def dev_key(index: int) -> str:
    """The private key of development account `index` (public by design: devchain.MNEMONIC)."""
    return devchain.development_key(index)


@dataclass
class RelayGame(PetGame):
    """A PetGame seen from the relay: its pets trust `forwarder`."""

    @classmethod
    def deploy_with_forwarder(cls, rpc_url: str, seed: int = 11) -> RelayGame:
        game = PetGame.deploy(rpc_url, seed)
        return cls(game.web3, game.contracts, game.deploy_block, game.deploy_block_hash, game.rng)

    @property
    def forwarder(self) -> Contract:
        return self.contracts["PawForwarder"]

    def fund(self, address: str, wei: int) -> None:
        self.web3.eth.wait_for_transaction_receipt(
            self.web3.eth.send_transaction(
                {"from": self.account(0), "to": address, "value": Wei(wei)}
            )
        )

    @contextmanager
    def miner_stopped(self) -> Iterator[None]:
        """Transactions wait in the pool until the block ends (then the node mines them all)."""
        devchain.pause_mining(self.rpc_url)
        try:
            yield
        finally:
            devchain.resume_mining(self.rpc_url)

    def use_next_nonce(self, key: str) -> None:
        """`key`'s next nonce used outside the relay's records: a transfer to itself, mined."""
        account = Account.from_key(key)
        signed = account.sign_transaction(
            {
                "chainId": self.web3.eth.chain_id,
                "nonce": self.web3.eth.get_transaction_count(account.address),
                "to": account.address,
                "value": 0,
                "gas": 21_000,
                "maxFeePerGas": 2 * self.web3.eth.get_block("latest")["baseFeePerGas"] + 10**9,
                "maxPriorityFeePerGas": 10**9,
            }
        )
        self.web3.eth.wait_for_transaction_receipt(
            self.web3.eth.send_raw_transaction(signed.raw_transaction)
        )

    def new_funded_key(self, wei: int = 10 * ETHER) -> str:
        """A fresh account's key, funded with `wei` (each test's relay account: no shared nonces)."""
        account = Account.create()
        if wei:
            self.fund(account.address, wei)
        return account.key.to_0x_hex()
