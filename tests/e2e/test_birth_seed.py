"""A pregnancy's birth seed on the pet's page while the game's midwife (the relay worker, which
seals every pregnancy as soon as its seed block is mined) is down: the page says the seed is
not sealed and by which block it must be, the player seals it with the page's button
(PetToken.sealBirthSeed, sent by the wallet), and the page then says the child is fixed. A
pregnancy nobody sealed within its 256 blocks says its child is lost, and offers no button."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import OpenPage
from tests.e2e.language import say
from tests.e2e.player import by_id, development_player
from tests.e2e.running_game import RunningGame

BREEDER = 2  # development account 2 buys in test_two_players; no other test breeds its pets
SEED_WINDOW = 256  # blocks whose hash the EVM keeps (docs/rules.md, "Birth")
INDEXED_SECONDS = 30


@contextmanager
def midwife_down(game: RunningGame) -> Iterator[None]:
    """The relay worker (tracker and midwife) stopped, then started again whatever happens."""
    relay = next(service for service in game.services if service.name == "relay worker")
    relay.stop()
    try:
        yield
    finally:
        relay.start()


def indexed_pregnancy(game: RunningGame, matron: int) -> dict[str, Any]:
    deadline = time.monotonic() + INDEXED_SECONDS
    while (pregnancy := game.api(f"/pets/{matron}")["pregnancy"]) is None:
        assert time.monotonic() < deadline, f"pet {matron}'s pregnancy was not indexed"
        time.sleep(0.3)
    return dict(pregnancy)


@pytest.mark.both_languages("the seed's state and the seal's title, from the catalogue")
def test_a_player_seals_the_birth_seed_the_midwife_left(
    game: RunningGame, open_page: OpenPage
) -> None:
    matron, sire, lost_matron, lost_sire = game.pets_of(BREEDER)[:4]
    with midwife_down(game):
        game.game.breed(matron, sire)
        game.game.mine()  # the seed block: from now on anyone may seal it
        pregnancy = indexed_pregnancy(game, matron)
        assert pregnancy["seed_sealed"] is False
        block = pregnancy["seed_block"]

        player = development_player(game, open_page, BREEDER)
        player.visit(f"/pets/{matron}")
        seed = by_id(player.page, "birth-seed")
        expect(seed).to_have_attribute("data-sealed", "false")
        expect(seed).to_contain_text(
            say("pet.seedNotSealed", block=block, last=block + SEED_WINDOW)
        )
        by_id(player.page, "seal-birth-seed").click()
        player.expect_done(say("tx.sealBirthSeed", id=matron))
        expect(seed).to_have_attribute("data-sealed", "true")  # the page drawn again
        expect(seed).to_have_text(say("pet.seedSealed"))
        assert game.api(f"/pets/{matron}")["pregnancy"]["seed_sealed"] is True

        # Nobody seals this one within its window: its child is lost, and the page says so.
        game.game.breed(lost_matron, lost_sire)
        lost_block = indexed_pregnancy(game, lost_matron)["seed_block"]
        game.game.mine(lost_block + SEED_WINDOW + 1 - game.game.head())
        player.visit(f"/pets/{lost_matron}")
        lost = by_id(player.page, "birth-seed")
        expect(lost).to_have_attribute("data-lost", "true")
        expect(lost).to_have_text(say("pet.seedLost", block=lost_block))
        expect(by_id(player.page, "seal-birth-seed")).to_have_count(0)
    player.watched.assert_clean()
