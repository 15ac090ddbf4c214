"""The game's contracts on a test chain, driven with plain web3 (no brownie): what the backend tests play.

The contracts are deployed from brownie's build artifacts (build/contracts/<Name>.json, which
bin/test compiles first) by an unlocked Ganache account and wired as scripts/deploy.py's
deploy_game wires them (forwarder, WETH, pets, auction house, order book; the house holds
OPERATOR_ROLE and SIRING_MARKET_ROLE on the pets), exactly as bin/run's deployment would be
seen by the server: addresses, a deploy block and its hash. Market moves: market_moves.py.
"""

from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eth_typing import ChecksumAddress
from hexbytes import HexBytes
from web3 import HTTPProvider, Web3
from web3.contract import Contract
from web3.exceptions import TimeExhausted, Web3RPCError
from web3.types import RPCEndpoint

from pawchain import deployment as records

REPO_ROOT = Path(__file__).resolve().parents[2]
BUILD = REPO_ROOT / "build" / "contracts"
ARTIFACT = BUILD / "PetToken.json"
CUT_BPS = 375  # the markets' cut (scripts/deploy.py's default)
GEN0_FLOOR = 10**16  # wei
MAX_VARIANT = 30  # variant 31 is reserved (docs/genetics.md)


def random_genes(rng: random.Random) -> int:
    """A valid genome: 32 genes of 5 bits, each 0..30; reserved bits zero."""
    return sum(rng.randint(0, MAX_VARIANT) << (5 * position) for position in range(32))


def _deployed(name: str) -> property:
    """A read-only attribute of PetGame: its contract called `name`."""

    def contract(game: PetGame) -> Contract:
        return game.contracts[name]

    return property(contract)


@dataclass
class PetGame:
    """One deployed game and the ten development accounts that play with it."""

    web3: Web3
    contracts: dict[str, Contract]  # by contract name, as the deployment record names them
    deploy_block: int
    deploy_block_hash: str
    rng: random.Random = field(default_factory=lambda: random.Random(7))

    @classmethod
    def deploy(cls, rpc_url: str, seed: int = 7) -> PetGame:
        if not ARTIFACT.exists():
            raise FileNotFoundError(f"{ARTIFACT} is missing: compile first (bin/test does)")
        web3 = Web3(HTTPProvider(rpc_url))
        admin = web3.eth.accounts[0]
        # The record's deploy block is the first contract's: the indexer reads from there on.
        block = web3.eth.block_number + 1
        forwarder = _deploy(web3, "PawForwarder")
        weth = _deploy(web3, "WrappedEther")
        pets = _deploy(
            web3, "PetToken", admin, admin, admin, forwarder.address, "http://pets.test/", 250
        )
        auctions = _deploy(
            web3,
            "ClockAuctionHouse",
            pets.address,
            admin,
            admin,
            forwarder.address,
            CUT_BPS,
            GEN0_FLOOR,
        )
        orders = _deploy(
            web3, "OrderBook", pets.address, weth.address, admin, forwarder.address, CUT_BPS
        )
        for role in (
            pets.functions.OPERATOR_ROLE().call(),
            pets.functions.SIRING_MARKET_ROLE().call(),
        ):
            web3.eth.wait_for_transaction_receipt(
                pets.functions.grantRole(role, auctions.address).transact({"from": admin})
            )
        contracts = {
            "PawForwarder": forwarder,
            "WrappedEther": weth,
            "PetToken": pets,
            "ClockAuctionHouse": auctions,
            "OrderBook": orders,
        }
        return cls(
            web3,
            contracts,
            block,
            web3.eth.get_block(block)["hash"].to_0x_hex(),
            random.Random(seed),
        )

    pets = _deployed("PetToken")
    auctions = _deployed("ClockAuctionHouse")
    orders = _deployed("OrderBook")
    weth = _deployed("WrappedEther")

    # ---- what the server is told

    def deployment(self) -> records.Deployment:
        return records.Deployment(
            chain_id=self.web3.eth.chain_id,
            deploy_block=self.deploy_block,
            deploy_block_hash=self.deploy_block_hash,
            contracts={
                name: records.DeployedContract(contract.address)
                for name, contract in self.contracts.items()
            },
        )

    def addresses(self) -> dict[str, str]:
        """Address by contract name."""
        return {name: contract.address for name, contract in self.contracts.items()}

    @property
    def rpc_url(self) -> str:
        """The node's JSON-RPC URL."""
        provider = self.web3.provider
        assert isinstance(provider, HTTPProvider), provider  # deploy() makes an HTTP one
        return str(provider.endpoint_uri)

    # ---- accounts and transactions

    def account(self, index: int) -> ChecksumAddress:
        return self.web3.eth.accounts[index]

    def send(self, call: Any, sender: str, value: int = 0) -> Any:
        """Send a contract call from an unlocked account; returns the receipt (reverts raise).
        The nonce is named, not left to Ganache: under load it once gave a transaction the
        nonce of the one before (by then counted: "account has nonce of: 4 tx has nonce of:
        3"), refused it, and left its miner stuck for later transactions."""
        nonce = self.web3.eth.get_transaction_count(Web3.to_checksum_address(sender), "pending")
        try:
            sent = call.transact({"from": sender, "value": value, "nonce": nonce})
        except Web3RPCError as refused:
            sent = self._mined_anyway(refused)
        receipt = self.web3.eth.wait_for_transaction_receipt(sent)
        self._wait_nonce_counted(sender, nonce)
        assert receipt["status"] == 1, receipt
        return receipt

    def _mined_anyway(self, refused: Web3RPCError) -> HexBytes:
        """The hash of the transaction Ganache's refusal names when it was mined all the same,
        else the refusal again. An empty block mined by someone else (the relay's midwife asks
        for one for a waiting birth seed) as a transaction arrives takes it, then the
        transaction's own block runs it a second time, and the send is answered "the tx doesn't
        have the correct nonce. account has nonce of: 7 tx has nonce of: 6", the transaction
        (with nonce 6) being in a block by then."""
        answer: dict[str, Any] = dict(refused.rpc_response or {})
        named = (answer.get("error") or {}).get("data") or {}
        if not isinstance(named, dict) or "correct nonce" not in str(named.get("message")):
            raise refused
        sent = HexBytes(named["hash"])
        try:
            self.web3.eth.wait_for_transaction_receipt(sent, timeout=5)
        except TimeExhausted:
            raise refused from None
        return sent

    def _wait_nonce_counted(self, sender: str, nonce: int) -> None:
        """Wait (up to 5 s) until the node counts `sender`'s transaction `nonce` as the web app
        does (frontend/src/transactor.ts): Ganache answers a receipt a moment before the
        account's pending nonce moves, and a next transaction sent in that moment gets the
        same nonce, is refused, and can leave its miner stuck for every later transaction."""
        deadline = time.monotonic() + 5
        while (
            self.web3.eth.get_transaction_count(Web3.to_checksum_address(sender), "pending")
            <= nonce
            and time.monotonic() < deadline
        ):
            time.sleep(0.05)

    def rpc(self, method: str, *params: Any) -> Any:
        return self.web3.provider.make_request(RPCEndpoint(method), list(params))["result"]

    # ---- the game

    def mint(self, owner: str, genes: int | None = None) -> int:
        """A generation-0 pet for `owner`; returns its id."""
        genes = random_genes(self.rng) if genes is None else genes
        self.send(self.pets.functions.mintGen0(genes, owner), self.account(0))
        return self.pets.functions.totalSupply().call()

    def transfer(self, pet: int, to: str) -> None:
        owner = self.pets.functions.ownerOf(pet).call()
        self.send(self.pets.functions.transferFrom(owner, to, pet), owner)

    def approve_siring(self, sire: int, to: str) -> None:
        self.send(
            self.pets.functions.approveSiring(to, sire), self.pets.functions.ownerOf(sire).call()
        )

    def breed(self, matron: int, sire: int, fee: int = 0) -> None:
        owner = self.pets.functions.ownerOf(matron).call()
        self.send(self.pets.functions.breedWith(matron, sire), owner, value=fee)

    def give_birth(self, matron: int, midwife: str | None = None) -> int:
        """Bring a due pregnancy to term (waiting out gestation first); returns the child's id
        (0: the pregnancy was lost)."""
        pet = self.pets.functions.getPet(matron).call()
        due, seed_block = pet[2], pet[6]  # cooldownEnd, commitBlock
        now = self.web3.eth.get_block("latest")["timestamp"]
        if due > now:
            self.advance(due - now + 1)
        # The seed block must be below the block the estimate runs in: Ganache estimates in a
        # block after the head, Anvil (as geth) in the head's own.
        while self.head() <= seed_block:
            self.mine()
        before = self.pets.functions.totalSupply().call()
        self.send(self.pets.functions.giveBirth(matron), midwife or self.account(0))
        after = self.pets.functions.totalSupply().call()
        return after if after > before else 0

    def set_birth_fee(self, fee: int) -> None:
        self.send(self.pets.functions.setBirthFee(fee), self.account(0))

    def advance(self, seconds: int) -> None:
        """Move the chain's clock forward and mine a block."""
        self.rpc("evm_increaseTime", seconds)
        self.mine()

    def mine(self, blocks: int = 1) -> None:
        for _ in range(blocks):
            self.rpc("evm_mine")

    def head(self) -> int:
        return self.web3.eth.block_number


def _deploy(web3: Web3, name: str, *args: Any) -> Contract:
    """Deploy contract `name` from its build artifact, from the first account."""
    build = json.loads((BUILD / f"{name}.json").read_text())
    factory = web3.eth.contract(abi=build["abi"], bytecode=build["bytecode"])
    tx = factory.constructor(*args).transact({"from": web3.eth.accounts[0]})
    address = web3.eth.wait_for_transaction_receipt(tx)["contractAddress"]
    assert address is not None  # a contract creation's receipt names the contract
    return web3.eth.contract(address=address, abi=build["abi"])


def play_season(game: PetGame, owners: tuple[int, int, int] = (1, 2, 3)) -> list[int]:
    """A mixed stretch of play touching every pet event: mints, transfers, own-pet and
    approved breedings, a prepaid birth fee, births, a second generation, a pregnant pet
    changing hands. Returns the pets created. Deterministic for a given game seed."""
    accounts = [game.account(i) for i in owners]
    pets = [game.mint(accounts[i % len(accounts)]) for i in range(2 * len(accounts))]
    a, b, c, d = pets[:4]  # a, d: the first owner's; b: the second's; c (and pets[5]): the third's
    game.transfer(pets[4], accounts[0])  # a, d and pets[4] now with the first owner
    game.breed(a, d)  # own pets
    game.approve_siring(b, accounts[0])
    game.set_birth_fee(10**15)
    game.breed(pets[4], b, fee=10**15)  # an approved sire, with the midwife's fee prepaid
    children = [game.give_birth(a), game.give_birth(pets[4], midwife=game.account(9))]
    game.transfer(children[0], accounts[2])
    game.breed(c, pets[5])  # both the third owner's; this pregnancy stays open
    game.approve_siring(children[1], accounts[2])
    game.breed(children[0], children[1])  # generation 1 parents: ladder step 0 + breedings
    game.transfer(children[0], accounts[1])  # a pregnant matron changes hands
    children.append(game.give_birth(children[0]))
    return pets + children


def played_game(chain_url: str) -> PetGame:
    """The game deployed on the test chain with two seasons of play behind it, and a stretch
    of market play (market_moves.play_market)."""
    from tests.support.market_moves import play_market  # it builds on this module

    game = PetGame.deploy(chain_url)
    play_season(game)
    play_season(game, owners=(4, 5, 6))
    play_market(game)
    return game
