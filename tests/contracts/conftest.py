"""Shared fixtures of PetToken's contract tests.

Brownie-mix style: module-scoped deploy fixtures, an autouse `fn_isolation` so every test
starts from the chain as the module's fixtures left it, and helpers as fixtures (pytest's
way to share code between test files).

A module fixture that changes the chain changes it for every later test of its module, even
for tests that do not ask for it (fn_isolation snapshots after whatever module fixtures
exist so far): module fixtures here deploy and mint, and settings a test depends on (a
fee, a pause) are set by the test or by a function-scoped fixture.

Time on Ganache follows the wall clock plus whatever `chain.sleep` added, and a revert to
a snapshot does not take the wall clock back. So module fixtures leave every pet settled
(ready to breed, not pregnant) and tests measure time from receipts, never from the clock.
"""

from __future__ import annotations

import random

import brownie
import pytest
from brownie import chain
from brownie.exceptions import VirtualMachineError, decode_typed_error
from eth_typing import HexStr
from hexbytes import HexBytes

from scripts.deploy import deploy_pets

ZERO_ADDRESS = "0x0000000000000000000000000000000000000000"
GENE_BITS = 5
GENES_PER_GENOME = 32  # 8 traits x 4 genes
TRAIT_BITS = GENE_BITS * GENES_PER_GENOME  # 160; bits 160..255 are reserved and zero
TRAIT_MASK = (1 << TRAIT_BITS) - 1
MAX_VARIANT = 30  # 31 is reserved
# CryptoKitties' ladder (contracts/libraries/Cooldowns.sol), in seconds.
COOLDOWNS = [m * 60 for m in (1, 2, 5, 10, 30, 60, 120, 240, 480, 960, 1440, 2880, 5760, 10080)]
MAX_COOLDOWN_INDEX = len(COOLDOWNS) - 1  # 13: 7 days
SEED_WINDOW = 256  # blocks whose hash the EVM still returns


# ------------------------------------------------------------------ isolation, accounts


@pytest.fixture(autouse=True)
def isolation(fn_isolation):
    pass


def _player(index: int):
    """A session fixture: the development account at `index` (the fixture's name is the
    name it is assigned to below)."""

    @pytest.fixture(scope="session")
    def player(accounts):
        return accounts[index]

    return player


admin = _player(0)
operator = _player(1)
treasury = _player(2)
alice = _player(3)
bob = _player(4)
carol = _player(5)


# ------------------------------------------------------------------ the contract


@pytest.fixture(scope="module")
def pets(admin, operator, treasury):
    return deploy_pets(admin, operator=operator, treasury=treasury)


@pytest.fixture(scope="module")
def game(pets, operator):
    return Game(pets, operator)


# ------------------------------------------------------------------ custom errors


def error_message(name: str, *args) -> str:
    """The revert message brownie 1.22.2 shows for a custom error.

    brownie.exceptions.decode_typed_error formats `f"{name}: {', '.join(str(a) ...)}"` with
    the values eth_abi decodes: addresses in lower case, integers in decimal, bytes32 as a
    Python bytes literal; an error without arguments reads "Name: " (trailing space).
    """
    return f"{name}: {', '.join(_abi_str(arg) for arg in args)}"


def _abi_str(value) -> str:
    if isinstance(value, (bytes, bytearray)):  # brownie's HexString is a bytes subclass
        return str(bytes(value))
    if isinstance(value, int):
        return str(int(value))
    text = str(value)  # an Account, a contract or a hex address string
    if text.startswith("0x") and len(text) == 42:
        return text.lower()
    return text


def reverts_with(name: str, *args):
    """`brownie.reverts` matching the custom error `name(args)` exactly."""
    return brownie.reverts(error_message(name, *args))  # type: ignore[attr-defined]  # brownie's plugin adds it


@pytest.fixture(scope="session")
def custom_error():
    """error_message(name, *args): the exact revert string of a custom error."""
    return error_message


@pytest.fixture(scope="session")
def reverts():
    """reverts(name, *args): a context manager that expects exactly that custom error."""
    return reverts_with


@pytest.fixture(scope="session")
def decode_error():
    """decode_error(revert_data): revert data (e.g. recorded by a test contract) as brownie
    would show it, to compare with error_message(...)."""

    def decode(data) -> str:
        return decode_typed_error(HexStr(HexBytes(data).to_0x_hex()))

    return decode


@pytest.fixture(scope="session")
def last_revert():
    """Call `fn`, expect it to revert, return the reverted receipt (for its block, time)."""

    def run(fn):
        with pytest.raises(VirtualMachineError) as info:
            fn()
        tx = brownie.history[-1]
        assert tx.status == 0
        return tx, info.value.revert_msg

    return run


# ------------------------------------------------------------------ genes


def random_genes(rng: random.Random) -> int:
    """A valid genome: 32 genes of variants 0..30, reserved bits zero."""
    return sum(rng.randint(0, MAX_VARIANT) << (GENE_BITS * i) for i in range(GENES_PER_GENOME))


def genes_with(position: int, variant: int, base: int = 0) -> int:
    """`base` with gene `position` (0..31) set to `variant`."""
    shift = GENE_BITS * position
    return (base & ~(0x1F << shift)) | (variant << shift)


@pytest.fixture(scope="session")
def genome():
    """Gene helpers: random(rng), with(position, variant, base), masks and limits."""

    class Genome:
        random = staticmethod(random_genes)
        with_gene = staticmethod(genes_with)
        TRAIT_MASK = TRAIT_MASK
        TRAIT_BITS = TRAIT_BITS

    return Genome


# ------------------------------------------------------------------ playing the game


class Game:
    """Plays PetToken the way a player would: mint, breed, wait, give birth."""

    def __init__(self, pets, operator, seed: int = 1337):
        self.pets = pets
        self.operator = operator
        self.rng = random.Random(seed)

    def genes(self) -> int:
        return random_genes(self.rng)

    def mint(self, owner, genes: int | None = None, promo: bool = False) -> int:
        """Create a generation-0 pet for `owner`; returns its id."""
        mint = self.pets.mintPromo if promo else self.pets.mintGen0
        tx = mint(self.genes() if genes is None else genes, owner, {"from": self.operator})
        return tx.events["Birth"]["petId"]

    def mint_many(self, owner, count: int) -> list[int]:
        return [self.mint(owner) for _ in range(count)]

    def breed(self, matron: int, sire: int, sender, fee: int = 0):
        return self.pets.breedWith(matron, sire, {"from": sender, "value": fee})

    @staticmethod
    def wait(seconds: int) -> None:
        """Let `seconds` pass and mine a block at the new time."""
        chain.sleep(seconds)
        chain.mine()

    def wait_until(self, timestamp: int) -> None:
        """Mine a block at or after `timestamp` (the chain's clock only moves forward)."""
        remaining = timestamp - chain[-1].timestamp  # type: ignore[index, union-attr]  # brownie mistypes chain[-1]
        if remaining > 0:
            chain.sleep(remaining + 1)
        chain.mine()

    def wait_until_ready(self, *pet_ids: int) -> None:
        self.wait_until(max(self.pets.getPet(pet_id)["cooldownEnd"] for pet_id in pet_ids))

    def give_birth(self, matron: int, sender) -> int:
        """Wait until `matron` is due, bring the child to term; returns the child's id."""
        self.wait_until_ready(matron)
        tx = self.pets.giveBirth(matron, {"from": sender})
        return tx.events["Birth"]["petId"]

    def child(self, matron: int, sire: int, owner) -> int:
        """Breed, wait, give birth and let both parents cool down: the child's id."""
        self.wait_until_ready(matron, sire)
        self.breed(matron, sire, owner)
        child = self.give_birth(matron, owner)
        self.wait_until_ready(matron, sire)
        return child


@pytest.fixture(scope="module")
def family(game, alice):
    """A settled family tree, all alice's:

    a x b -> ab1, ab2   (full siblings)
    a x c -> ac         (half sibling of ab1 through its matron a)
    d x a -> da         (half sibling of ab1: a is its sire, ab1's matron)
    d x e -> de         (unrelated to the ab line)
    ab1 x de -> g2      (generation 2)
    f                   (generation 0, never bred)
    """
    a, b, c, d, e, f = game.mint_many(alice, 6)
    ab1 = game.child(a, b, alice)
    ab2 = game.child(a, b, alice)
    ac = game.child(a, c, alice)
    da = game.child(d, a, alice)
    de = game.child(d, e, alice)
    g2 = game.child(ab1, de, alice)
    pets = dict(a=a, b=b, c=c, d=d, e=e, f=f, ab1=ab1, ab2=ab2, ac=ac, da=da, de=de, g2=g2)
    game.wait_until_ready(*pets.values())
    return pets


@pytest.fixture(scope="module")
def harness(GenomeHarness, accounts):
    """One GenomeHarness per module, deployed before the per-test snapshots."""
    return GenomeHarness.deploy({"from": accounts[0]})
