"""The forwarder and the pets (trusting it) on the test chain, for the relay's tests.

Deployed with web3 from brownie's build artifacts like tests/support/pet_game.py, whose
PetGame (mint, breed, advance, ...) it extends; the lead merges this with the market
helper's whole-game version of pet_game.py.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from eth_account import Account
from web3 import HTTPProvider, Web3
from web3.contract import Contract

from pawchain import devchain
from tests.support.pet_game import REPO_ROOT, PetGame

BUILD = REPO_ROOT / "build" / "contracts"
ETHER = 10**18

Account.enable_unaudited_hdwallet_features()


def dev_key(index: int) -> str:
    """The private key of development account `index` (public by design: Ganache's mnemonic)."""
    account = Account.from_mnemonic(devchain.MNEMONIC, account_path=f"m/44'/60'/0'/0/{index}")
    return account.key.to_0x_hex()


def _artifact(name: str) -> dict:
    path = BUILD / f"{name}.json"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: compile first (bin/test does)")
    return json.loads(path.read_text())


def _deploy(web3: Web3, name: str, *args: object) -> Contract:
    build = _artifact(name)
    factory = web3.eth.contract(abi=build["abi"], bytecode=build["bytecode"])
    receipt = web3.eth.wait_for_transaction_receipt(factory.constructor(*args).transact({"from": web3.eth.accounts[0]}))
    return web3.eth.contract(address=receipt["contractAddress"], abi=build["abi"])


@dataclass
class RelayGame(PetGame):
    """A PetGame whose pets trust a PawForwarder."""

    forwarder: Contract | None = None

    @classmethod
    def deploy_with_forwarder(cls, rpc_url: str, seed: int = 11) -> RelayGame:
        web3 = Web3(HTTPProvider(rpc_url))
        admin = web3.eth.accounts[0]
        forwarder = _deploy(web3, "PawForwarder")
        pets = _deploy(web3, "PetToken", admin, admin, admin, forwarder.address, "http://pets.test/", 250)
        block = web3.eth.get_block("latest")
        return cls(web3, pets, block["number"], block["hash"].to_0x_hex(), random.Random(seed), forwarder)

    def fund(self, address: str, wei: int) -> None:
        self.web3.eth.wait_for_transaction_receipt(
            self.web3.eth.send_transaction({"from": self.account(0), "to": address, "value": wei})
        )

    @contextmanager
    def miner_stopped(self) -> Iterator[None]:
        """Transactions wait in the pool until the block ends (then Ganache mines them all)."""
        self.rpc("miner_stop")
        try:
            yield
        finally:
            self.rpc("miner_start")

    def new_funded_key(self, wei: int = 10 * ETHER) -> str:
        """A fresh account's key, funded with `wei` (each test's relay account: no shared nonces)."""
        account = Account.create()
        if wei:
            self.fund(account.address, wei)
        return account.key.to_0x_hex()
