"""Fancy pets in the web tests' season: two generation-0 pets bred true for the Bandit recipe
(pawchain.rules.fancies: equal genes never mutate, so every child shows it) have two children
born to BREEDER; the first then changes hands, so its breeder is no longer its owner. The
tests find them by their genes (the recipe's sample genome: random genes never are)."""

from __future__ import annotations

from pawchain.rules.fancies import Fancy, fancy_named
from tests.support.pet_game import PetGame

BREEDER, NEXT_OWNER = 8, 7  # accounts the seasons leave alone (7 breeds after this)


def bandit() -> Fancy:
    fancy = fancy_named("Bandit")
    assert fancy is not None
    return fancy


def breed_bandits(game: PetGame) -> None:
    breeder = game.account(BREEDER)
    matron, sire = (game.mint(breeder, bandit().sample_genes()) for _ in range(2))
    children = []
    for _ in range(2):
        game.breed(matron, sire)
        children.append(game.give_birth(matron))
        game.advance(10 * 60)  # past the sire's cooldown (2 min at its second breeding)
    game.transfer(children[0], game.account(NEXT_OWNER))
