"""A siring auction used from the sire's page: another player's "Use this sire" opens the
breeding page with that sire chosen from the siring market (it once chose nothing: the link
named the sire as one of the player's own), and the breeding goes through the auction."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from tests.e2e.breeding import pick
from tests.e2e.conftest import OpenPage
from tests.e2e.language import say
from tests.e2e.player import by_id, development_player
from tests.e2e.running_game import RunningGame

STUD, BREEDER = 8, 2  # account 8's fourth pet and account 2's fifth: no other test uses them
FEE = 2 * 10**16  # wei: a constant stud fee


@pytest.mark.both_languages("the breeding's title in the transaction panel, from the catalogue")
def test_use_this_sire_breeds_with_the_auctioned_sire(
    game: RunningGame, open_page: OpenPage
) -> None:
    chain = game.game
    sire, matron = game.pets_of(STUD)[3], game.pets_of(BREEDER)[4]
    owner = chain.account(STUD)
    chain.send(chain.pets.functions.setApprovalForAll(chain.auctions.address, True), owner)
    chain.send(chain.auctions.functions.createSiringAuction(sire, FEE, FEE, 86_400), owner)
    # The pet's page reads its auction from the chain, the breeding page the siring market
    # from the API: let the indexer catch up first, as a player's few seconds would.
    deadline = time.monotonic() + 60
    while sire not in [
        a["pet_id"] for a in game.api("/market/auctions?kind=siring&limit=100")["items"]
    ]:
        assert time.monotonic() < deadline, f"pet {sire}'s siring auction was not indexed"
        time.sleep(0.3)

    player = development_player(game, open_page, BREEDER)
    player.visit(f"/pets/{sire}")
    by_id(player.page, "use-sire").click()
    chosen = player.page.locator(f'[data-testid="pick-sire"] input[value="market:{sire}"]')
    expect(chosen).to_be_checked()
    pick(player.page, "matron", matron)
    expect(by_id(player.page, "breed-button")).to_be_enabled()
    by_id(player.page, "breed-button").click()
    player.expect_done(say("tx.breedSiring", matron=matron, sire=sire))
    assert game.api(f"/pets/{matron}")["pregnancy"]["sire_id"] == sire
    player.watched.assert_clean()
