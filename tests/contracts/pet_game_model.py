"""The model of the pet game that tests/contracts/test_stateful_pets.py plays against the chain.

PetGameModel keeps, in Python, what the chain should hold after every step: each pet's owner,
genes, lineage, clock, pregnancy, nonce and approvals. It predicts a transaction's outcome from
the rules (a success must be allowed by every rule; a revert must name a rule that was broken)
and checks the whole chain state against itself (`check`, after every step). The steps that
play a game are PetGame's, in the test module.
"""

from __future__ import annotations

from dataclasses import dataclass

import brownie
from brownie import web3
from brownie.exceptions import VirtualMachineError
from eth_abi import encode
from eth_utils import keccak

from pawchain.rules.genetics import mix

ZERO_ADDRESS = "0x0000000000000000000000000000000000000000"
LADDER = [m * 60 for m in (1, 2, 5, 10, 30, 60, 120, 240, 480, 960, 1440, 2880, 5760, 10080)]
MAX_INDEX = len(LADDER) - 1
SEED_WINDOW = 256
FEE = 10**15
MAX_PETS = 10  # keeps the per-step invariant checks cheap
STARTING_PETS = (0, 0, 1, 2)  # owners (indexes into the players) of the pets minted up front


# ============================================================================ genetics
# THE ONE PLACE that knows how the chain mixes genes: the Python twin of Genome.sol, which
# tests/contracts/test_genome_matches_python_twin.py checks against the contract itself.
def expected_child_genes(matron_genes: int, sire_genes: int, seed: int) -> int:
    return mix(matron_genes, sire_genes, seed)


def birth_seed(commit_block: int, matron_id: int, sire_id: int) -> int:
    """The sealed seed: uint96(keccak256(abi.encode(blockhash(commitBlock), matronId, sireId))) | 1"""
    block_hash = bytes(web3.eth.get_block(commit_block)["hash"])
    digest = keccak(encode(["bytes32", "uint256", "uint256"], [block_hash, matron_id, sire_id]))
    return (int.from_bytes(digest, "big") & ((1 << 96) - 1)) | 1


def mixing_seed(sealed_seed: int) -> int:
    """uint256(keccak256(abi.encode(birthSeed))): the 256 bits mixing reads."""
    return int.from_bytes(keccak(encode(["uint256"], [sealed_seed])), "big")


# ============================================================================ the model


@dataclass
class Pet:
    owner: str
    genes: int
    matron: int = 0
    sire: int = 0
    generation: int = 0
    breedings: int = 0
    cooldown_end: int = 0
    pregnant_by: int = 0
    commit_block: int = 0
    birth_fee: int = 0
    litters: int = 0
    birth_seed: int = 0  # sealed seed while pregnant, 0 until sealed
    nonce: int = 0  # petNonce: moved by a transfer, a breeding (matron and sire), a birth (matron)
    approved: str = ZERO_ADDRESS  # getApproved: voided when the nonce moves
    siring_approved: str = ZERO_ADDRESS  # siringApprovedFor: voided when the nonce moves

    @property
    def cooldown_index(self) -> int:
        return min(self.generation // 2 + self.breedings, MAX_INDEX)


def err(name: str, *args) -> str:
    """The revert message brownie shows (same format as conftest.error_message)."""
    return f"{name}: {', '.join(a.lower() if isinstance(a, str) else str(a) for a in args)}"


def variants(genes: int) -> list[int]:
    return [(genes >> (5 * i)) & 0x1F for i in range(32)]


STATS: dict[str, int] = {}  # every transaction's outcome over the whole run


class PetGameModel:
    """The model of one game: the state the chain should hold, outcome predictions, invariants."""

    def __init__(self, pets, lens, operator, players, start_genes):
        self.pets, self.lens, self.operator, self.players = pets, lens, operator, players
        self.model: dict[int, Pet] = {
            i + 1: Pet(owner=self.players[owner].address, genes=genes)
            for i, (owner, genes) in enumerate(zip(STARTING_PETS, start_genes, strict=True))
        }
        self.operators: set[tuple[str, str]] = set()  # (owner, operator)
        self.touched: set[int] = set(self.model)  # pets whose nonce and approvals to check

    # ---------------------------------------------------------------- helpers

    def player(self, index: int):
        return self.players[index % len(self.players)]

    def pet_id(self, index: int) -> int:
        return 1 + index % len(self.model)

    def send(self, fn, *args, sender, value=0):
        """Send a transaction; returns (receipt, revert message or None)."""
        try:
            return fn(*args, {"from": sender, "value": value}), None
        except VirtualMachineError as exc:
            tx = brownie.history[-1]
            assert tx.status == 0, "a call failed without a mined transaction"
            return tx, exc.revert_msg

    def expect(self, outcome, broken: list[str]):
        tx, message = outcome
        key = f"{tx.fn_name}:{'ok' if message is None else message.split(':')[0]}"
        STATS[key] = STATS.get(key, 0) + 1
        if broken:
            assert message in broken, f"reverted with {message!r}, expected one of {broken}"
        else:
            assert message is None, f"unexpected revert {message!r}"
        return message is None

    def may_manage(self, owner: str, account: str) -> bool:
        return account == owner or (owner, account) in self.operators

    def related(self, a: int, b: int) -> str | None:
        """The kinship error name that forbids breeding a with b, if any."""
        if a == b:
            return "PetSelfBreeding"
        pa, pb = self.model[a], self.model[b]
        if b in (pa.matron, pa.sire) or a in (pb.matron, pb.sire):
            return "PetBreedingWithParent"
        if pa.matron and pb.matron and {pa.matron, pa.sire} & {pb.matron, pb.sire}:
            return "PetBreedingWithSibling"
        return None

    def transferred(self, pet_id: int, to: str) -> None:
        self.touched.add(pet_id)
        pet = self.model[pet_id]
        pet.owner = to
        self.changed(pet)

    @staticmethod
    def changed(pet: Pet) -> None:
        """The pet's nonce moved (a transfer, breeding or birth): its approvals die with it."""
        pet.nonce += 1
        pet.approved = pet.siring_approved = ZERO_ADDRESS

    # ---------------------------------------------------------------- invariants

    def check(self):
        """Compare the whole chain state with the model (after every step)."""
        supply, balances, owners, records = self.lens.read(self.pets, self.players)
        # Total supply equals the sum of balances; every pet has the model's owner.
        assert supply == len(self.model)
        assert sum(balances) == supply
        for player, balance in zip(self.players, balances, strict=True):
            assert balance == sum(1 for pet in self.model.values() if pet.owner == player.address)
        chain_pets = {pet_id: record.dict() for pet_id, record in enumerate(records, start=1)}
        for pet_id, model in self.model.items():
            assert owners[pet_id - 1] == model.owner, f"owner of pet {pet_id}"
            record = chain_pets[pet_id]
            assert record == {
                "genes": model.genes,
                "birthTime": record["birthTime"],  # a block time; checked at birth via the event
                "cooldownEnd": model.cooldown_end,
                "matronId": model.matron,
                "sireId": model.sire,
                "siringWithId": model.pregnant_by,
                "commitBlock": model.commit_block,
                "generation": model.generation,
                "cooldownIndex": model.cooldown_index,
                "birthFee": model.birth_fee,
                "litters": model.litters,
                "birthSeed": model.birth_seed,
            }, f"pet {pet_id}"
        self._no_pregnancy_is_illegal(chain_pets)
        self._generations_and_cooldowns_follow_the_rules(chain_pets)
        # Nonces and approvals only change for the pets a step touched: check those.
        for pet_id in self.touched:
            model = self.model[pet_id]
            assert self.pets.petNonce(pet_id) == model.nonce
            assert self.pets.getApproved(pet_id) == model.approved
            assert self.pets.siringApprovedFor(pet_id) == model.siring_approved
        self.touched.clear()
        # The contract holds exactly the fees prepaid for pregnancies not yet delivered.
        assert self.pets.balance() == sum(pet.birth_fee for pet in self.model.values())

    @staticmethod
    def _no_pregnancy_is_illegal(chain_pets):
        # From chain data alone, so that a model sharing a bug with the contract cannot hide it.
        for pet_id, matron in chain_pets.items():
            sire_id = matron["siringWithId"]
            if not sire_id:
                continue
            assert sire_id in chain_pets, f"pet {pet_id} is pregnant by a pet that does not exist"
            sire = chain_pets[sire_id]
            assert sire_id != pet_id
            assert sire_id not in (matron["matronId"], matron["sireId"])
            assert pet_id not in (sire["matronId"], sire["sireId"])
            if matron["matronId"] and sire["matronId"]:
                assert not {matron["matronId"], matron["sireId"]} & {
                    sire["matronId"],
                    sire["sireId"],
                }

    @staticmethod
    def _generations_and_cooldowns_follow_the_rules(chain_pets):
        for pet_id, pet in chain_pets.items():
            assert pet["genes"] >> 160 == 0 and max(variants(pet["genes"])) <= 30, (
                f"pet {pet_id} genes"
            )
            if pet["matronId"]:
                parents = chain_pets[pet["matronId"]], chain_pets[pet["sireId"]]
                assert pet["generation"] == max(p["generation"] for p in parents) + 1
            else:
                assert pet["generation"] == 0 and pet["sireId"] == 0
            assert pet["generation"] // 2 <= pet["cooldownIndex"] <= MAX_INDEX
