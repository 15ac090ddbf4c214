"""The midwife: seals the birth seed of every pregnancy as soon as its seed block is mined,
calls giveBirth for every due pregnancy whose birth fee was prepaid, through the relay
sender, and keeps the books of each birth (the fee earned, the gas paid).

Sealing (sealBirthSeeds, one batch per round, fee or not) fixes the child while the seed
block's hash is available (256 blocks); a pregnancy nobody seals in that window ends without
a child (docs/contracts.md, "Randomness"). The game pays for the seals; they are not booked
per birth.

Pregnancies come from the indexer's `pets` table (sire, due date, seed block, prepaid fee);
the simulation before sending refuses whatever the table got wrong or late. The seed block
(the one after the breeding's) must be mined before the birth: on a live network blocks come
by themselves and the pregnancy simply waits a round (the simulation refuses it with
PetBirthSeedNotMined); a local development chain mines only when a transaction arrives, so
with `mine_when_waiting` the midwife asks it for an empty block (`evm_mine`) instead of
waiting forever. "Due" is by chain time or the wall clock, whichever is later, for the same
reason: an idle development chain's clock stands still.

Each birth's idempotency key is (chain, pets contract, matron, seed block): a crash between
sending and writing the book entry resends nothing. A lost pregnancy (never sealed, seed
block older than 256 blocks: PregnancyLost, no child) is booked as "lost"; the fee is still
paid to the caller.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field

from eth_utils import to_checksum_address
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pawchain.chain import load_abi
from pawchain.chain.abi_function import abi_function
from pawchain.relay.call import Call
from pawchain.relay.crash import crash_point
from pawchain.relay.errors import RelayError, TransactionRefused
from pawchain.relay.node import NodeError
from pawchain.relay.sender import FAILED, MINED, RelaySender
from pawchain.relay.sql import insert_if_missing
from pawchain.store import Pet, transaction
from pawchain.store.relay_models import MidwifeBirth, RelayTransaction

SEED_WINDOW = 256  # blocks whose hash the EVM still returns
_SEAL = abi_function("PetToken", "sealBirthSeeds")
_GIVE_BIRTH = abi_function("PetToken", "giveBirth")
SEAL_BATCH = 100  # pregnancies per sealBirthSeeds (about 11,000 gas each)


@dataclass(frozen=True)
class Round:
    """What one round of the midwife did."""

    sent: list[int]  # matron ids whose giveBirth was accepted by the relay
    refused: dict[int, str]  # matron id -> why not (the decoded error's name, or the relay's code)
    mined_block: bool  # an empty block was mined for a seed
    sealed: list[int] = field(
        default_factory=list
    )  # matron ids whose seeds this round's batch seals


class Midwife:
    """Delivers prepaid births. `deliver()` sends what is due; `settle()` books what was mined."""

    def __init__(
        self,
        sender: RelaySender,
        pets: str,
        sessions: sessionmaker[Session],
        mine_when_waiting: bool = False,
    ) -> None:
        self.sender = sender
        self.sessions = sessions  # the indexer's database (the pets table); usually the relay's too
        self.pets_address = to_checksum_address(pets)
        self.pets = sender.node.web3.eth.contract(
            address=self.pets_address, abi=load_abi("PetToken")
        )
        self.birth_topic = self.pets.events.Birth.topic
        self.mine_when_waiting = mine_when_waiting

    def due(self, now: int) -> list[Pet]:
        """Pregnancies with a prepaid fee, due by `now` (chain time), not yet handed to the relay."""
        with self.sessions() as session:
            booked = select(MidwifeBirth.matron_id).where(
                MidwifeBirth.matron_id == Pet.id, MidwifeBirth.commit_block == Pet.commit_block
            )
            return list(
                session.scalars(
                    select(Pet)
                    .where(
                        Pet.siring_with_id.is_not(None),
                        Pet.birth_fee > 0,
                        Pet.cooldown_end <= now,
                        ~booked.exists(),
                    )
                    .order_by(Pet.cooldown_end, Pet.id)
                )
            )

    def sealable(self, head: int) -> list[int]:
        """Pregnancies (fee or not) not sealed yet whose seed block is mined by `head` and
        whose hash a transaction in the next block can still read."""
        with self.sessions() as session:
            return list(
                session.scalars(
                    select(Pet.id)
                    .where(Pet.siring_with_id.is_not(None), Pet.birth_seed.is_(None))
                    .where(Pet.commit_block <= head, Pet.commit_block > head + 1 - SEED_WINDOW)
                    .order_by(Pet.commit_block, Pet.id)
                    .limit(SEAL_BATCH)
                )
            )

    def seal(self, head: int) -> list[int]:
        """Send one sealBirthSeeds for every pregnancy whose seed block is mined by `head`;
        returns the matron ids sent. The same set is one transaction however often it is sent
        (its key), and the contract skips whatever was sealed meanwhile."""
        matrons = self.sealable(head)
        if not matrons:
            return []
        data = _SEAL.calldata(matrons)
        # Keyed by the pregnancies (matron, seed block): a matron's next pregnancy is a new seal.
        with self.sessions() as session:
            pregnancies = session.execute(
                select(Pet.id, Pet.commit_block).where(Pet.id.in_(matrons)).order_by(Pet.id)
            ).all()
        digest = hashlib.sha256(repr([tuple(row) for row in pregnancies]).encode()).hexdigest()[:32]
        key = f"seal:{self.sender.chain_id}:{self.pets_address}:{digest}"
        try:
            self.sender.submit(
                Call(
                    to=self.pets_address,
                    data=data,
                    idempotency_key=key,
                    kind="midwife",
                )
            )
        except RelayError:
            return []  # refused or not sent now: the next round tries again
        return matrons

    def _unmined_seed(self, head: int) -> bool:
        """Some pregnancy waits for its seed block (after `head`) to be sealed."""
        with self.sessions() as session:
            waiting = select(Pet.id).where(
                Pet.siring_with_id.is_not(None), Pet.birth_seed.is_(None), Pet.commit_block > head
            )
            return session.scalars(waiting.limit(1)).first() is not None

    def deliver(self) -> Round:
        """Seal what can be sealed, then send giveBirth for every due pregnancy; a refused
        one is retried next round."""
        block = self.sender.node.latest_block()
        # Chain time, or the wall clock if the chain is behind it: a development chain's last
        # block can be hours old when nobody plays, and births are due all the same.
        head, now = (
            int(block["number"], 16),
            max(int(block["timestamp"], 16), int(self.sender.clock())),
        )
        pregnancies = self.due(now)
        mined_block = False
        # A seal or giveBirth needs block.number > seed block; it lands in head + 1 at the earliest,
        # but its estimate runs in the head's own context on Anvil (as on geth): a birth whose
        # seed block is the head needs one more block there.
        if self.mine_when_waiting and (
            self._unmined_seed(head) or any((pet.commit_block or 0) >= head for pet in pregnancies)
        ):
            self.sender.node.request("evm_mine")
            mined_block = True
            head += 1
        sealed = self.seal(head)
        sent: list[int] = []
        refused: dict[int, str] = {}
        for pet in pregnancies:
            try:
                status = self.sender.submit(self._call(pet))
            except TransactionRefused as exc:
                refused[pet.id] = exc.details.get("error", exc.code)
                continue
            except RelayError as exc:
                refused[pet.id] = exc.code
                if exc.details.get("request_id") is None:
                    continue
                status = self.sender.status(
                    exc.details["request_id"]
                )  # queued: booked all the same
            crash_point("booked")
            with transaction(self.sender.sessions) as session:
                insert_if_missing(
                    session,
                    MidwifeBirth.__table__,
                    {
                        "matron_id": pet.id,
                        "commit_block": pet.commit_block,
                        "transaction_id": status.id,
                        "birth_fee": pet.birth_fee,
                    },
                )
            sent.append(pet.id)
        return Round(sent, refused, mined_block, sealed)

    def run(self, stop: threading.Event, poll_seconds: float = 5.0) -> None:
        """The worker: deliver what is due and book what is final, until `stop` is set. The
        relay's tracker must run too (it is what moves the births' transactions to a receipt)."""
        while not stop.is_set():
            try:
                self.deliver()
                self.settle()
            except NodeError:
                pass  # the node is away: try again next round
            stop.wait(poll_seconds)

    def settle(self) -> int:
        """Book the outcome of births whose transaction is final; returns how many."""
        with self.sender.sessions() as session:
            open_births = session.execute(
                select(MidwifeBirth, RelayTransaction)
                .join(RelayTransaction, RelayTransaction.id == MidwifeBirth.transaction_id)
                .where(MidwifeBirth.spent.is_(None), RelayTransaction.state.in_((MINED, FAILED)))
            ).all()
        for birth, relayed in open_births:
            child = (
                self._child(relayed.tx_hash, birth.matron_id) if relayed.state == MINED else None
            )
            with transaction(self.sender.sessions) as session:
                row = session.get(MidwifeBirth, (birth.matron_id, birth.commit_block))
                assert row is not None
                row.spent = (relayed.gas_used or 0) * (relayed.effective_gas_price or 0)
                row.child_id = child
                # The fee is paid to the caller of a mined giveBirth, with a child or without.
                row.earned = birth.birth_fee if relayed.state == MINED else 0
                row.note = (
                    "born"
                    if child is not None
                    else ("lost" if relayed.state == MINED else _unmined_note(relayed))
                )
        return len(open_births)

    def _call(self, pet: Pet) -> Call:
        key = f"midwife:{self.sender.chain_id}:{self.pets_address}:{pet.id}:{pet.commit_block}"
        return Call(
            to=self.pets_address,
            data=_GIVE_BIRTH.calldata(pet.id),
            idempotency_key=key,
            kind="midwife",
        )

    def _child(self, tx_hash: str | None, matron_id: int) -> int | None:
        """The child's id from the receipt's Birth event (None: no birth, the pregnancy was lost)."""
        receipt = self.sender.node.receipt(tx_hash) if tx_hash else None
        for log in receipt.logs if receipt else []:
            topics = log["topics"]
            if (
                to_checksum_address(log["address"]) == self.pets_address
                and topics[0] == self.birth_topic
                and int(topics[2], 16) == matron_id
            ):
                return int(topics[1], 16)
        return None


def _unmined_note(relayed: RelayTransaction) -> str:
    """The book's note of a birth whose transaction failed: reverted on chain, or closed unsent
    because another transaction gave the birth (pawchain.relay.done_elsewhere)."""
    error = relayed.error or {}
    return "done elsewhere" if error.get("code") == "carried_out_elsewhere" else "reverted"
