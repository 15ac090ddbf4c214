"""The indexer folds BirthSeedSealed (the pregnancy's sealed seed) and PregnancyLost (a
pregnancy ended without a child) into the pets table, and verify agrees with the chain."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pawchain.indexer import verify
from pawchain.store import Activity, Pet
from tests.support.indexing import IndexerMaker
from tests.support.pet_game import PetGame

SEED_WINDOW = 256


@pytest.fixture(scope="module")
def seeds_game(chain_url: str) -> PetGame:
    """One pregnancy sealed and still running, one lost (never sealed, born after the window)."""
    game = PetGame.deploy(chain_url, seed=31)
    owner = game.account(1)
    sealed, sealed_sire, lost, lost_sire = (game.mint(owner) for _ in range(4))
    game.breed(sealed, sealed_sire)
    game.breed(lost, lost_sire)
    game.mine()  # the seed block below the head: Anvil estimates in the head's own block
    game.send(game.pets.functions.sealBirthSeed(sealed), game.account(2))
    game.mine(SEED_WINDOW + 2)
    assert game.give_birth(lost) == 0
    return game


def test_a_sealed_seed_and_a_lost_pregnancy_are_indexed_as_on_chain(
    seeds_game: PetGame, database_url: str, make_indexer: IndexerMaker
):
    indexer = make_indexer(database_url, seeds_game)
    indexer.sync()
    report = verify(indexer.reader, indexer.sessions)
    assert report.ok, report.mismatches
    with indexer.sessions() as session:
        sealed, _, lost, lost_sire = session.scalars(select(Pet).order_by(Pet.id)).all()
        on_chain = seeds_game.pets.functions.getPet(sealed.id).call()[11]  # birthSeed
        assert sealed.siring_with_id is not None and sealed.birth_seed == on_chain != 0
        assert (lost.siring_with_id, lost.commit_block, lost.birth_seed, lost.litters) == (
            None,
            None,
            None,
            0,
        )
        event = session.scalars(select(Activity).where(Activity.event == "PregnancyLost")).one()
        assert (event.pet_id, event.other_pet_id) == (lost.id, lost_sire.id)
        assert lost_sire.updated_block < event.block_number  # the sire's state does not change
