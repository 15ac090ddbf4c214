"""Stateful property test: random games of mint, transfer, approvals, breeding, time and
births, checked after every step against a Python model of the rules.

Each Hypothesis example is a game of STEPS steps played from the same starting position
(brownie's `given` reverts the chain to its snapshot before each example). After every
step the whole chain state is compared with the model. Every transaction's outcome is
predicted from the model and from its receipt's block time and number: a success must be
allowed by every rule, and a revert must name a rule the model says was broken (when
several are, any of them).

Why a list of steps rather than hypothesis.stateful.RuleBasedStateMachine (brownie's
`state_machine` fixture fails in 1.22.2 with "TypeError: ... _BrownieStateMachine object
expected"): both were tried. A state machine draws its steps while it runs, so Hypothesis'
examples that run out of data ("overrun", common in its first phase) and those made
invalid by rule preconditions are played on the chain before being thrown away and
replaced; runs took 4-6 minutes for a few full games. Here a game's steps are drawn before
the first transaction, every example is a full game, and the run costs max_examples x
STEPS steps (~0.4 s each). Shrinking still works: a failure is reported as the shortest
list of steps found.
"""

from __future__ import annotations

from dataclasses import dataclass

import brownie
import pytest
from brownie import chain, web3
from brownie.exceptions import VirtualMachineError
from eth_abi import encode
from eth_utils import keccak
from brownie.test import given
from hypothesis import HealthCheck, note, settings, strategies as st

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


class PetGame:
    """The model of one game and the steps that play it against the chain."""

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

    # ---------------------------------------------------------------- rules

    def mint(self, owner, genes):
        if len(self.model) >= MAX_PETS:
            return
        to = self.player(owner)
        tx = self.pets.mintGen0(genes, to, {"from": self.operator})
        pet_id = len(self.model) + 1
        assert list(tx.events["Birth"].values()) == [pet_id, 0, 0, genes, 0]
        self.model[pet_id] = Pet(owner=to.address, genes=genes)

    def transfer(self, pet, sender, source, to, honest_source):
        pet_id, caller, receiver = self.pet_id(pet), self.player(sender), self.player(to)
        owner = self.model[pet_id].owner
        self.touched.add(pet_id)
        source_address = owner if honest_source else self.player(source).address
        broken = []
        if source_address != owner:
            broken.append(err("ERC721IncorrectOwner", source_address, pet_id, owner))
        if not self.may_manage(owner, caller.address) and self.model[pet_id].approved != caller.address:
            broken.append(err("ERC721InsufficientApproval", caller.address, pet_id))
        outcome = self.send(self.pets.transferFrom, source_address, receiver, pet_id, sender=caller)
        if self.expect(outcome, broken):
            self.transferred(pet_id, receiver.address)

    def approve(self, pet, sender, spender):
        pet_id, caller, approved = self.pet_id(pet), self.player(sender), self.player(spender)
        broken = [] if self.may_manage(self.model[pet_id].owner, caller.address) else [
            err("ERC721InvalidApprover", caller.address)
        ]
        self.touched.add(pet_id)
        if self.expect(self.send(self.pets.approve, approved, pet_id, sender=caller), broken):
            self.model[pet_id].approved = approved.address

    def set_operator(self, owner, operator, approved):
        account, op = self.player(owner), self.player(operator)
        self.pets.setApprovalForAll(op, approved, {"from": account})
        if approved:
            self.operators.add((account.address, op.address))
        else:
            self.operators.discard((account.address, op.address))

    def approve_siring(self, sire, sender, to, revoke):
        sire_id, caller = self.pet_id(sire), self.player(sender)
        approved = ZERO_ADDRESS if revoke else self.player(to).address
        broken = [] if self.may_manage(self.model[sire_id].owner, caller.address) else [
            err("ERC721InvalidApprover", caller.address)
        ]
        self.touched.add(sire_id)
        if self.expect(self.send(self.pets.approveSiring, approved, sire_id, sender=caller), broken):
            self.model[sire_id].siring_approved = approved

    def _breed(self, matron_id, sire_id, caller, value):
        tx, _message = outcome = self.send(self.pets.breedWith, matron_id, sire_id, sender=caller, value=value)
        now = tx.timestamp
        matron, sire = self.model[matron_id], self.model[sire_id]
        self.touched.update((matron_id, sire_id))
        broken = []
        if value not in (0, FEE):
            broken.append(err("PetWrongBirthFee", value, FEE))
        if not self.may_manage(matron.owner, caller.address):
            broken.append(err("PetNotMatronOwner", caller.address, matron_id))
        uses_approval = sire.owner != matron.owner
        if uses_approval and sire.siring_approved != matron.owner:
            broken.append(err("PetSiringNotApproved", matron.owner, sire_id))
        for pet_id, pet in ((matron_id, matron), (sire_id, sire)):
            if pet.cooldown_end > now:
                broken.append(err("PetCoolingDown", pet_id, pet.cooldown_end))
        kinship = self.related(matron_id, sire_id)
        if kinship == "PetSelfBreeding":
            broken.append(err(kinship, matron_id))
        elif kinship:
            broken.append(err(kinship, matron_id, sire_id))
        for pet_id, pet in ((matron_id, matron), (sire_id, sire)):
            if pet.pregnant_by:
                broken.append(err("PetIsPregnant", pet_id))
        if not self.expect(outcome, broken):
            return
        due = now + LADDER[matron.cooldown_index]
        assert list(tx.events["Pregnant"].values()) == [matron_id, sire_id, due, value]
        sire.cooldown_end = now + LADDER[sire.cooldown_index]
        matron.cooldown_end = due
        for pet in (matron, sire):
            pet.breedings = min(pet.breedings + 1, MAX_INDEX)
            self.changed(pet)
        matron.pregnant_by, matron.commit_block, matron.birth_fee = sire_id, tx.block_number + 1, value
        if uses_approval:
            sire.siring_approved = ZERO_ADDRESS

    def breed_anything(self, matron, sire, sender, fee):
        self._breed(self.pet_id(matron), self.pet_id(sire), self.player(sender), fee)

    def breed_as_the_matrons_owner(self, matron, sire, fee):
        """Mostly a pair of the owner's own pets, else any sire: fails on readiness, kinship
        or a missing siring approval rather than on ownership."""
        matron_id = self.pet_id(matron)
        owner_address = self.model[matron_id].owner
        owner = next(p for p in self.players if p.address == owner_address)
        own = [i for i, p in self.model.items() if p.owner == owner_address and i != matron_id]
        sire_id = own[sire % len(own)] if own else self.pet_id(sire)
        self._breed(matron_id, sire_id, owner, fee)

    def compatible_pairs(self) -> list[tuple[int, int]]:
        """Pairs the model says may breed now: the matron's owner may use the sire, both are
        ready at the last block's time (the next block is no earlier), and they are unrelated."""
        now = chain[-1].timestamp  # type: ignore[index, union-attr]  # brownie mistypes chain[-1]
        ready = [i for i, p in self.model.items() if not p.pregnant_by and p.cooldown_end <= now]
        return [
            (m, s)
            for m in ready
            for s in ready
            if not self.related(m, s)
            and self.model[m].owner in (self.model[s].owner, self.model[s].siring_approved)
        ]

    def breed_a_compatible_pair(self, pair, fee):
        """Breed a pair the model allows, first waiting for the next pet to be ready if none is."""
        pairs = self.compatible_pairs()
        if not pairs:
            now = chain[-1].timestamp  # type: ignore[index, union-attr]  # brownie mistypes chain[-1]
            cooling = [p.cooldown_end for p in self.model.values() if p.cooldown_end > now]
            if not cooling:
                return
            chain.sleep(min(cooling) - now)
            chain.mine()
            pairs = self.compatible_pairs()
            if not pairs:
                return
        matron_id, sire_id = pairs[pair % len(pairs)]
        owner = next(p for p in self.players if p.address == self.model[matron_id].owner)
        self._breed(matron_id, sire_id, owner, fee)

    def time_passes(self, seconds, mine):
        chain.sleep(seconds)
        if mine:
            chain.mine()

    def give_birth_to_any_pet(self, matron, sender):
        self._give_birth(self.pet_id(matron), self.player(sender))

    def give_birth_when_due(self, matron, sender):
        """Wait until a pregnant pet is due, then give birth: the path to a new generation."""
        pregnant = [i for i, p in self.model.items() if p.pregnant_by]
        if not pregnant:
            return
        matron_id = pregnant[matron % len(pregnant)]
        remaining = self.model[matron_id].cooldown_end - chain[-1].timestamp  # type: ignore[index, union-attr]  # brownie mistypes chain[-1]
        if remaining > 0:
            chain.sleep(remaining)
        chain.mine()
        self._give_birth(matron_id, self.player(sender))

    def _give_birth(self, matron_id, caller):
        balance_before = caller.balance()
        tx, _message = outcome = self.send(self.pets.giveBirth, matron_id, sender=caller)
        mother = self.model[matron_id]
        broken = []
        if not mother.pregnant_by:
            broken.append(err("PetNotPregnant", matron_id))
        elif tx.timestamp < mother.cooldown_end:
            broken.append(err("PetGestationNotOver", matron_id, mother.cooldown_end))
        elif tx.block_number <= mother.commit_block:
            broken.append(err("PetBirthSeedNotMined", matron_id, mother.commit_block))
        if not self.expect(outcome, broken):
            return
        gas = tx.gas_used * tx.gas_price
        sire_id = mother.pregnant_by
        assert caller.balance() == balance_before + mother.birth_fee - gas
        sealed = mother.birth_seed
        if not sealed and tx.block_number - mother.commit_block > SEED_WINDOW:  # not reached with these steps
            assert list(tx.events["PregnancyLost"].values()) == [matron_id, sire_id, mother.commit_block]
        else:
            sealed = sealed or birth_seed(mother.commit_block, matron_id, sire_id)
            genes = expected_child_genes(mother.genes, self.model[sire_id].genes, mixing_seed(sealed))
            child_id = len(self.model) + 1
            generation = max(mother.generation, self.model[sire_id].generation) + 1
            assert list(tx.events["Birth"].values()) == [child_id, matron_id, sire_id, genes, generation]
            self.model[child_id] = Pet(
                owner=mother.owner, genes=genes, matron=matron_id, sire=sire_id, generation=generation
            )
            self.touched.add(child_id)
            mother.litters += 1
        self.touched.add(matron_id)
        mother.pregnant_by = mother.commit_block = mother.birth_fee = mother.birth_seed = 0
        self.changed(mother)  # a birth or a lost pregnancy moves the matron's nonce

    def seal_birth_seed(self, matron, sender):
        """Seal the seed of a pregnancy, or of any pet if none is pregnant (anyone may;
        sealing twice changes nothing)."""
        pregnant = [i for i, p in self.model.items() if p.pregnant_by]
        matron_id = pregnant[matron % len(pregnant)] if pregnant else self.pet_id(matron)
        tx, _message = outcome = self.send(self.pets.sealBirthSeed, matron_id, sender=self.player(sender))
        mother = self.model[matron_id]
        broken = []
        if not mother.pregnant_by:
            broken.append(err("PetNotPregnant", matron_id))
        elif not mother.birth_seed and tx.block_number <= mother.commit_block:
            broken.append(err("PetBirthSeedNotMined", matron_id, mother.commit_block))
        if not self.expect(outcome, broken):
            return
        if mother.birth_seed:
            assert "BirthSeedSealed" not in tx.events
        else:  # within the window with these steps
            mother.birth_seed = birth_seed(mother.commit_block, matron_id, mother.pregnant_by)
            assert list(tx.events["BirthSeedSealed"].values()) == [matron_id, mother.birth_seed]

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
                assert not {matron["matronId"], matron["sireId"]} & {sire["matronId"], sire["sireId"]}

    @staticmethod
    def _generations_and_cooldowns_follow_the_rules(chain_pets):
        for pet_id, pet in chain_pets.items():
            assert pet["genes"] >> 160 == 0 and max(variants(pet["genes"])) <= 30, f"pet {pet_id} genes"
            if pet["matronId"]:
                parents = chain_pets[pet["matronId"]], chain_pets[pet["sireId"]]
                assert pet["generation"] == max(p["generation"] for p in parents) + 1
            else:
                assert pet["generation"] == 0 and pet["sireId"] == 0
            assert pet["generation"] // 2 <= pet["cooldownIndex"] <= MAX_INDEX


# ============================================================================ the games

STEPS = 20  # per game
# (step, its arguments from a Move). A game's step i is STEP_KINDS[(move.kind + i) % len]:
# Hypothesis' first examples are mostly zeros, which so play every kind of step in turn.
STEP_KINDS = [
    ("mint", lambda m: dict(owner=m.b, genes=m.genes)),
    ("breed_a_compatible_pair", lambda m: dict(pair=m.a, fee=m.fee if m.fee != 1 else 0)),
    ("time_passes", lambda m: dict(seconds=m.wait, mine=not m.flag)),
    ("give_birth_when_due", lambda m: dict(matron=m.a, sender=m.b)),
    ("transfer", lambda m: dict(pet=m.a, sender=m.b, source=m.c, to=m.d, honest_source=not m.flag)),
    ("approve", lambda m: dict(pet=m.a, sender=m.b, spender=m.c)),
    ("approve_siring", lambda m: dict(sire=m.a, sender=m.b, to=m.c, revoke=m.flag)),
    ("breed_as_the_matrons_owner", lambda m: dict(matron=m.a, sire=m.c, fee=m.fee if m.fee != 1 else 0)),
    ("set_operator", lambda m: dict(owner=m.b, operator=m.c, approved=not m.flag)),
    ("breed_anything", lambda m: dict(matron=m.a, sire=m.c, sender=m.b, fee=m.fee)),
    ("give_birth_to_any_pet", lambda m: dict(matron=m.a, sender=m.b)),
    ("seal_birth_seed", lambda m: dict(matron=m.a, sender=m.b)),
]


@dataclass(frozen=True)
class Move:
    kind: int
    a: int
    b: int
    c: int
    d: int
    flag: bool
    fee: int
    wait: int
    genes: int


indexes = st.integers(0, 255)  # taken modulo the number of pets or players
moves = st.builds(
    Move,
    kind=st.integers(0, len(STEP_KINDS) - 1),
    a=indexes,
    b=indexes,
    c=indexes,
    d=indexes,
    flag=st.booleans(),
    fee=st.sampled_from([0, FEE, 1]),  # 1: a wrong fee (only breed_anything sends it)
    wait=st.sampled_from([5, 30, 60, 120, 300, 600, 1800, 3600, 86400, 7 * 86400]),
    genes=st.lists(st.integers(0, 30), min_size=32, max_size=32).map(
        lambda genes: sum(variant << (5 * i) for i, variant in enumerate(genes))
    ),
)


@pytest.fixture(scope="module")
def start(pets, game, PetLens, admin, operator, alice, bob, carol):
    """The starting position of every game: a lens, a birth fee, four pets."""
    lens = PetLens.deploy({"from": admin})
    pets.setBirthFee(FEE, {"from": admin})
    players = [alice, bob, carol]
    start_genes = [game.genes() for _ in STARTING_PETS]
    for owner, genes in zip(STARTING_PETS, start_genes, strict=True):
        pets.mintGen0(genes, players[owner], {"from": operator})
    return lens, players, start_genes


def test_random_games_follow_the_rules(pets, start, operator):
    lens, players, start_genes = start
    STATS.clear()

    @given(game_moves=st.lists(moves, min_size=STEPS, max_size=STEPS))
    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
    def play(game_moves):
        game = PetGame(pets, lens, operator, players, start_genes)
        game.check()
        for position, move in enumerate(game_moves):
            name, arguments = STEP_KINDS[(move.kind + position) % len(STEP_KINDS)]
            kwargs = arguments(move)
            note(f"step {position}: {name}({kwargs})")
            getattr(game, name)(**kwargs)
            game.check()

    play()
    # The games must have exercised the rules, not only their error paths.
    print("outcomes:", dict(sorted(STATS.items())))
    for needed in ("breedWith:ok", "giveBirth:ok", "transferFrom:ok", "breedWith:PetCoolingDown", "sealBirthSeed:ok"):
        assert STATS.get(needed, 0) > 0, f"no {needed} in {STATS}"
