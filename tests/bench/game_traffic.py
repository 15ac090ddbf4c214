"""Real game traffic for the indexer benchmark: thousands of transactions, sent fast.

`play(game, rpc, count)` sends exactly `count` transactions to a deployed PetToken (from
tests/support/pet_game.py): generation-0 mints, transfers, siring approvals, breedings
(own pairs and approved sires) and births, in rounds. Each round is a few phases; a phase's
transactions do not depend on each other, so they go out in large JSON-RPC batches of
`eth_sendTransaction` (Ganache mines each in its own block) and only the phase's receipts
are awaited, all at once. With `per_block` > 1 the miner is stopped and each block is mined
with that many transactions (`evm_mine`), as on a busy public chain where many players'
moves share a block; 1 is Ganache's automine, one transaction per block, as in bin/run's
local game. Dependencies (an approval before its breeding, a birth after its
gestation) sit in different phases; between breedings and births the chain's clock jumps a
week, the longest cooldown, so every pet is ready again at the next round.

The game state needed to choose valid moves (owners, parents, pregnancies) is tracked here,
and every receipt must have succeeded: a reverted move would make the benchmark index less
than it claims. Market moves (auctions) plug in as another phase once the market's contracts
are deployed by the test support.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pawchain import devchain
from tests.bench.json_rpc import JsonRpc
from tests.support.pet_game import PetGame, random_genes

WEEK_AND_A_MINUTE = 7 * 24 * 3600 + 60  # the longest cooldown and gestation, and a margin
BATCH = 250  # transactions per JSON-RPC batch
MAX_PAIRS_PER_ROUND = 100  # births come < 256 blocks after their seed block (else re-commits)
PLAYERS = range(1, 10)  # development accounts 1..9 play; account 0 mints and is the midwife
GAS = {
    "mintGen0": 250_000,
    "transferFrom": 120_000,
    "approveSiring": 80_000,
    "breedWith": 200_000,
    "giveBirth": 400_000,
}


class TrafficError(RuntimeError):
    """A benchmark transaction failed: the chain does not hold the traffic it was meant to."""


@dataclass
class Transaction:
    """A contract call from an unlocked development account."""

    sender: str
    function: str
    args: tuple[Any, ...]


@dataclass
class PetRecord:
    """What choosing valid moves needs to know of a pet: its owner and its parents."""

    owner: str
    parents: tuple[int, ...] = ()


@dataclass
class Tally:
    """How many transactions of each kind were sent."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, function: str, count: int) -> None:
        self.counts[function] = self.counts.get(function, 0) + count

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class TrafficPlayer:
    """Chooses valid moves from the tracked state and sends them phase by phase."""

    def __init__(
        self, game: PetGame, rpc: JsonRpc, budget: int, per_block: int = 1, seed: int = 11
    ) -> None:
        self.game = game
        self.rpc = rpc
        self.budget = budget
        self.per_block = per_block
        self.rng = random.Random(seed)
        self.players = [game.account(index) for index in PLAYERS]
        self.operator = game.account(0)
        self.pets: dict[int, PetRecord] = {}
        self.next_id = int(game.pets.functions.totalSupply().call()) + 1
        self.tally = Tally()
        # Anvil answers a batch's calls concurrently: one sender's transactions would race for
        # a nonce, and births for the next pet id. There they are sent one at a time, in order.
        self.in_order = devchain.node_at(game.rpc_url) == "anvil"

    # ---- sending

    def send(self, transactions: Sequence[Transaction]) -> None:
        """Send a phase (cut to the remaining budget) and check every receipt."""
        transactions = transactions[: self.budget - self.tally.total]
        hashes: list[str] = []
        chunk_size = BATCH if self.per_block == 1 else self.per_block
        for start in range(0, len(transactions), chunk_size):
            chunk = transactions[start : start + chunk_size]
            if self.in_order:
                hashes += [self.rpc.call("eth_sendTransaction", self._request(tx)) for tx in chunk]
            else:
                hashes += self.rpc.batch(
                    [("eth_sendTransaction", [self._request(tx)]) for tx in chunk]
                )
            if self.per_block > 1:
                self.rpc.call("evm_mine")  # the miner is stopped: one block of these transactions
        for start in range(0, len(hashes), BATCH):
            receipts = self._receipts(hashes[start : start + BATCH])
            for transaction, receipt in zip(
                transactions[start : start + BATCH], receipts, strict=True
            ):
                if receipt is None or receipt["status"] != "0x1":
                    raise TrafficError(
                        f"{transaction.function}{transaction.args} failed: {receipt}"
                    )
        for transaction in transactions:
            self.tally.add(transaction.function, 1)

    def _receipts(self, hashes: Sequence[str], patience: float = 60.0) -> list[Any]:
        """The receipts of `hashes`, waiting for the missing ones: Ganache mines a transaction
        before answering eth_sendTransaction, Anvil just after."""
        receipts = self.rpc.batch([("eth_getTransactionReceipt", [h]) for h in hashes])
        deadline = time.monotonic() + patience
        while None in receipts and time.monotonic() < deadline:
            time.sleep(0.05)
            receipts = self.rpc.batch([("eth_getTransactionReceipt", [h]) for h in hashes])
        return receipts

    def _request(self, transaction: Transaction) -> dict[str, str]:
        data = self.game.pets.encode_abi(transaction.function, args=list(transaction.args))
        return {
            "from": transaction.sender,
            "to": self.game.pets.address,
            "data": data,
            "gas": hex(GAS[transaction.function]),
        }

    @property
    def remaining(self) -> int:
        return self.budget - self.tally.total

    # ---- phases

    def mint(self, count: int) -> None:
        count = min(count, self.remaining)
        owners = [self.rng.choice(self.players) for _ in range(count)]
        self.send(
            [
                Transaction(self.operator, "mintGen0", (random_genes(self.rng), owner))
                for owner in owners
            ]
        )
        for owner in owners:
            self.pets[self.next_id] = PetRecord(owner)
            self.next_id += 1

    def breed(self) -> list[tuple[int, int]]:
        """Pair unrelated pets: most with the same owner, some with an approved sire of
        another owner (approvals first, in their own phase). Returns (matron, sire) pairs."""
        pairs = self._pairs(min(MAX_PAIRS_PER_ROUND, self.remaining // 2))
        approvals = [
            Transaction(self.pets[sire].owner, "approveSiring", (self.pets[matron].owner, sire))
            for matron, sire in pairs
            if self.pets[matron].owner != self.pets[sire].owner
        ]
        self.send(approvals)
        pairs = pairs[: self.remaining]
        self.send(
            [
                Transaction(self.pets[matron].owner, "breedWith", (matron, sire))
                for matron, sire in pairs
            ]
        )
        return pairs

    def _pairs(self, wanted: int) -> list[tuple[int, int]]:
        ids = list(self.pets)
        self.rng.shuffle(ids)
        by_owner: dict[str, list[int]] = {}
        for pet in ids:
            by_owner.setdefault(self.pets[pet].owner, []).append(pet)
        pairs: list[tuple[int, int]] = []
        used: set[int] = set()
        for pet in ids:
            if len(pairs) >= wanted:
                break
            if pet in used:
                continue
            # One in five looks beyond its owner's pets for an (approved) sire.
            pool = ids if self.rng.random() < 0.2 else by_owner[self.pets[pet].owner]
            for other in pool:
                if other not in used and other != pet and not self._related(pet, other):
                    pairs.append((pet, other))
                    used.update((pet, other))
                    break
        return pairs

    def _related(self, a: int, b: int) -> bool:
        """The contract's rule: neither is a parent of the other, and they share no parent."""
        first, second = self.pets[a].parents, self.pets[b].parents
        return a in second or b in first or bool(set(first) & set(second))

    def give_birth(self, pairs: list[tuple[int, int]]) -> None:
        """A week later, every pregnancy of the round comes to term (children in this order)."""
        pairs = pairs[: self.remaining]
        self.game.advance(WEEK_AND_A_MINUTE)
        self.send([Transaction(self.operator, "giveBirth", (matron,)) for matron, _ in pairs])
        for matron, sire in pairs:
            self.pets[self.next_id] = PetRecord(self.pets[matron].owner, (matron, sire))
            self.next_id += 1

    def transfer(self, count: int) -> None:
        count = min(count, self.remaining, len(self.pets))
        moved = self.rng.sample(list(self.pets), count)
        transactions = []
        for pet in moved:
            record = self.pets[pet]
            to = self.rng.choice([player for player in self.players if player != record.owner])
            transactions.append(Transaction(record.owner, "transferFrom", (record.owner, to, pet)))
            record.owner = to
        self.send(transactions)

    # ---- the whole run

    def play(self, report: Callable[[str], None] = lambda message: None) -> Tally:
        """Rounds of mints, breedings, births and transfers until the budget is spent."""
        if self.per_block > 1:
            devchain.pause_mining(self.game.rpc_url)
        try:
            return self._play(report)
        finally:
            if self.per_block > 1:
                devchain.resume_mining(self.game.rpc_url)

    def _play(self, report: Callable[[str], None]) -> Tally:
        self.mint(max(self.budget // 10, 4))
        while self.remaining > 0:
            before = self.tally.total
            self.mint(max(self.budget // 100, 1))
            population = len(self.pets)
            pairs = self.breed()
            self.give_birth(pairs)
            self.transfer(max(len(pairs), population // 10, 1))
            report(f"traffic: {self.tally.total:,} of {self.budget:,} transactions")
            if self.tally.total == before:
                raise TrafficError("a round sent nothing: no valid move left")
        supply = int(self.game.pets.functions.totalSupply().call())
        if supply != self.next_id - 1:
            raise TrafficError(
                f"the chain holds {supply} pets, the player counted {self.next_id - 1}"
            )
        return self.tally
