"""Fancy pets (issue 15, item 9): a player sees a pair's fancy odds, breeds it, gives birth to
a fancy and the reveal announces it;
the Fancies page (reached by keyboard from the rarity page) counts it and names its breeder;
its badge, explained, shows on its page and its card. The parents are two generation-0 pets
bred true for the Bandit recipe (pawchain.rules.fancies), so the child is one for certain."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from pawchain.rules.fancies import fancy_named
from tests.e2e.accessibility import serious_axe_violations
from tests.e2e.breeding import pick_pair
from tests.e2e.conftest import OpenPage
from tests.e2e.language import say
from tests.e2e.player import by_id, development_player
from tests.e2e.running_game import RunningGame

# Development account 4 (test_error_paths' poor buyer) plays no pets in any other browser test.
BREEDER = 4
INDEXED_SECONDS = 30
# The fancy as the app names it in the suite's language.
BANDIT = say("fancy.name.Bandit")


def _bandits_count(game: RunningGame) -> int:
    return next(f["count"] for f in game.api("/fancies")["fancies"] if f["name"] == "Bandit")


@pytest.mark.both_languages("the fancy's name and its badge's explanation in the run's language")
def test_a_bred_fancy_is_revealed_badged_and_catalogued(
    game: RunningGame, open_page: OpenPage, screenshots: Path
) -> None:
    bandit = fancy_named("Bandit")
    assert bandit is not None
    chain = game.game
    matron, sire = (chain.mint(chain.account(BREEDER), bandit.sample_genes()) for _ in range(2))
    deadline = time.monotonic() + INDEXED_SECONDS
    while game.indexed(sire) is None:
        assert time.monotonic() < deadline, f"pet {sire} was not indexed"
        time.sleep(0.2)
    before = _bandits_count(game)

    # The breed page gives the fancy's odds (certain here), then the pair breeds.
    player = development_player(game, open_page, BREEDER)
    page = player.page
    player.visit("/breed")
    pick_pair(page, matron, sire)
    expect(by_id(page, "fancy-odds")).to_contain_text(
        re.compile(re.escape(BANDIT) + r"\D*100(\.0)?\s*%")
    )
    by_id(page, "breed-button").click()
    player.expect_done(say("tx.breed", matron=matron, sire=sire))
    due = chain.pets.functions.getPet(matron).call()[2]
    game.advance(due - chain.web3.eth.get_block("latest")["timestamp"] + 1)
    player.visit("/breed")
    by_id(page, "give-birth").and_(page.locator(f'[data-pet-id="{matron}"]')).click()
    player.expect_done(say("tx.giveBirth", id=matron))
    child = game.api(f"/pets/{matron}")["children"][0]
    # Checked by names and numbers, not sentences: the words change with the app's language.
    expect(by_id(page, "newborn-fancy")).to_contain_text(f"#{child}")
    expect(by_id(page, "newborn-fancy")).to_contain_text(BANDIT)

    # The catalogue, by keyboard from the rarity page: every fancy, ours counted.
    player.visit("/rarity")
    by_id(page, "fancies-link").focus()
    page.keyboard.press("Enter")
    expect(by_id(page, "fancy-card")).to_have_count(len(game.api("/fancies")["fancies"]))
    card = page.locator('[data-fancy="Bandit"]')
    expect(card.get_by_test_id("fancy-count")).to_have_attribute("data-count", str(before + 1))
    first = next(f for f in game.api("/fancies")["fancies"] if f["name"] == "Bandit")["first"]
    expect(card.get_by_test_id("fancy-first")).to_contain_text(f"#{first['pet_id']}")
    expect(card.get_by_role("img")).to_be_visible()
    assert serious_axe_violations(page) == []
    page.screenshot(path=str(screenshots / "fancies-desktop.png"), full_page=True)

    # The badge says what it means, on the pet's page and on its card.
    player.visit(f"/pets/{child}")
    badge = by_id(page, "pet-title").get_by_test_id("fancy-badge")
    expect(badge).to_have_attribute(
        "title", re.compile(re.escape(BANDIT) + r".{20,}")
    )  # named and explained
    page.screenshot(path=str(screenshots / "fancy-pet-desktop.png"))
    player.visit("/me")
    expect(player.card(child).get_by_test_id("fancy-badge")).to_contain_text(BANDIT)
    player.watched.assert_clean()
