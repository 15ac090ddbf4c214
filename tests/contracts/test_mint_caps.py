"""The supply caps: at most 50,000 generation-0 pets, of which at most 5,000 promotional.

Reaching a cap by minting costs about 30 ms of Ganache time per pet here (measured with
contracts/test/BatchMinter.sol: 300 mints in one transaction took 8 s), so 5,000 promo
mints take minutes and 50,000 gen-0 mints most of an hour. The fast tests below therefore
move the two counters close to their caps with the node's set-storage call, after
finding the one storage word that holds PetToken's GameState (the `game_state` fixture
fails loudly if the layout ever changes), and then cross the cap through the real
mintGen0 / mintPromo. The last test mints 5,000 promotional pets for real (20 batches of
250; 2 minutes here); it runs only with PAWCHAIN_SLOW_TESTS=1.
"""

import os

import pytest
from brownie import web3

from pawchain import devchain

GEN0_LIMIT = 50_000
PROMO_LIMIT = 5_000
DISTINCT_FEE = 0xC0FFEE_F00D  # makes the GameState word easy to recognise


class GameStateSlot:
    """PetToken's private GameState word: minted [0..31], gen0Created [32..63],
    promoCreated [64..95], paused [96..103], birthFee [104..167]."""

    def __init__(self, pets):
        self.pets = pets
        self.slot = self._find()

    def expected_word(self) -> int:
        gen0, promo = self.pets.gen0Counts()
        return (
            self.pets.totalSupply()
            | gen0 << 32
            | promo << 64
            | int(self.pets.paused()) << 96
            | self.pets.birthFee() << 104
        )

    def read(self, slot: int) -> int:
        return int.from_bytes(web3.eth.get_storage_at(self.pets.address, slot), "big")

    def _find(self) -> int:
        expected = self.expected_word()
        matches = [slot for slot in range(64) if self.read(slot) == expected]
        assert len(matches) == 1, f"GameState word not found (or ambiguous): {matches}"
        return matches[0]

    def set_counts(self, gen0: int, promo: int) -> None:
        """Pretend `gen0` generation-0 pets, `promo` of them promotional, were created."""
        word = self.read(self.slot)
        word &= ~(((1 << 64) - 1) << 32)
        word |= gen0 << 32 | promo << 64
        url = web3.provider.endpoint_uri  # type: ignore[attr-defined]  # brownie's is an HTTPProvider
        devchain.set_storage(url, self.pets.address, self.slot, word)
        assert tuple(self.pets.gen0Counts()) == (gen0, promo)


@pytest.fixture(scope="module")
def game_state(pets, game, admin, alice):
    pets.setBirthFee(DISTINCT_FEE, {"from": admin})
    game.mint_many(alice, 3)
    game.mint(alice, promo=True)
    game.mint(alice, promo=True)
    return GameStateSlot(pets)


def test_the_caps_are_the_published_numbers(pets):
    assert pets.GEN0_LIMIT() == GEN0_LIMIT
    assert pets.PROMO_LIMIT() == PROMO_LIMIT


def test_moving_the_counters_keeps_every_other_field(pets, game_state):
    supply, fee = pets.totalSupply(), pets.birthFee()
    game_state.set_counts(1234, 567)
    assert (pets.totalSupply(), pets.birthFee(), pets.paused()) == (supply, fee, False)


def test_the_last_promotional_pet_can_be_given(pets, game, game_state, alice):
    game_state.set_counts(10_000, PROMO_LIMIT - 1)
    pet_id = game.mint(alice, promo=True)
    assert pets.ownerOf(pet_id) == alice
    assert tuple(pets.gen0Counts()) == (10_001, PROMO_LIMIT)


def test_no_promotional_pet_beyond_the_promo_limit(
    pets, game, game_state, operator, alice, reverts
):
    game_state.set_counts(10_000, PROMO_LIMIT)
    supply = pets.totalSupply()
    with reverts("PetPromoLimitReached", PROMO_LIMIT):
        pets.mintPromo(game.genes(), alice, {"from": operator})
    assert pets.totalSupply() == supply
    assert tuple(pets.gen0Counts()) == (10_000, PROMO_LIMIT)


def test_gen0_sales_go_on_after_the_promo_limit(pets, game, game_state, alice):
    game_state.set_counts(10_000, PROMO_LIMIT)
    game.mint(alice)
    assert tuple(pets.gen0Counts()) == (10_001, PROMO_LIMIT)


def test_the_last_gen0_pet_can_be_created(pets, game, game_state, alice):
    game_state.set_counts(GEN0_LIMIT - 1, 100)
    pet_id = game.mint(alice)
    assert pets.ownerOf(pet_id) == alice
    assert tuple(pets.gen0Counts()) == (GEN0_LIMIT, 100)


def test_no_gen0_pet_beyond_the_gen0_limit(pets, game, game_state, operator, alice, reverts):
    game_state.set_counts(GEN0_LIMIT, 100)
    with reverts("PetGen0LimitReached", GEN0_LIMIT):
        pets.mintGen0(game.genes(), alice, {"from": operator})


def test_promotional_pets_count_toward_the_gen0_limit(
    pets, game, game_state, operator, alice, reverts
):
    game_state.set_counts(GEN0_LIMIT - 1, 100)
    game.mint(alice, promo=True)
    assert tuple(pets.gen0Counts()) == (GEN0_LIMIT, 101)
    with reverts("PetGen0LimitReached", GEN0_LIMIT):
        pets.mintPromo(game.genes(), alice, {"from": operator})
    with reverts("PetGen0LimitReached", GEN0_LIMIT):
        pets.mintGen0(game.genes(), alice, {"from": operator})


def test_births_go_on_after_the_gen0_limit(pets, game, game_state, alice):
    game_state.set_counts(GEN0_LIMIT, PROMO_LIMIT)
    child = game.child(1, 2, alice)
    assert pets.ownerOf(child) == alice
    assert pets.getPet(child)["generation"] == 1
    assert tuple(pets.gen0Counts()) == (GEN0_LIMIT, PROMO_LIMIT)


@pytest.mark.skipif(
    not os.environ.get("PAWCHAIN_SLOW_TESTS"), reason="5,000 real mints: set PAWCHAIN_SLOW_TESTS=1"
)
def test_five_thousand_real_promo_mints_reach_the_promo_limit(
    pets, BatchMinter, admin, operator, alice, reverts
):
    minter = BatchMinter.deploy(pets, {"from": admin})
    pets.grantRole(pets.OPERATOR_ROLE(), minter, {"from": admin})
    gen0, promo = pets.gen0Counts()
    remaining, batch = PROMO_LIMIT - promo, 250
    for start in range(0, remaining, batch):
        minter.mint(min(batch, remaining - start), 1 + start, alice, True, {"from": operator})
    assert tuple(pets.gen0Counts()) == (gen0 + remaining, PROMO_LIMIT)
    with reverts("PetPromoLimitReached", PROMO_LIMIT):
        pets.mintPromo(1, alice, {"from": operator})
