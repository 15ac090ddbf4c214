"""Pet names in the browser: the owner names a pet on its page (a signature, no gas), the
name shows on its page and its card and the market finds it, what the owner types next
survives the page being drawn again, and a look-alike of it for another pet is refused in
words."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import OpenPage
from tests.e2e.language import say
from tests.e2e.player import by_id, development_player
from tests.e2e.running_game import RunningGame

NAMER = 5  # a development account whose pets no other browser test looks at by name


@pytest.mark.both_languages(
    "a name inside the page's sentences, and the API's refusal in the player's words"
)
def test_an_owner_names_a_pet_and_a_look_alike_is_refused(
    game: RunningGame, open_page: OpenPage, screenshots: Path
) -> None:
    player = development_player(game, open_page, NAMER)
    named, other = game.pets_of(NAMER)[:2]
    player.visit(f"/pets/{named}")
    by_id(player.page, "pet-name-input").fill("Biscuit")
    by_id(player.page, "pet-name-save").click()
    player.expect_done(say("tx.name", id=named, name="Biscuit"))
    expect(by_id(player.page, "pet-title")).to_contain_text(
        say("pet.named", name="Biscuit", id=named)
    )
    assert [p["id"] for p in game.api("/pets?name=bisc")["items"]] == [named]

    # What the player types survives the page being drawn again: after a transaction the page
    # redraws itself from the server, maybe just after the player typed. Drawn again here at
    # once, as that refresh does (the router's render), so the test does not wait on the race.
    by_id(player.page, "list-price").fill("0.25")
    by_id(player.page, "pet-name-input").fill("Crumble")
    player.page.evaluate("dispatchEvent(new PopStateEvent('popstate'))")
    expect(by_id(player.page, "list-price")).to_have_value("0.25")
    expect(by_id(player.page, "pet-name-input")).to_have_value("Crumble")
    expect(by_id(player.page, "pet-name-input")).to_be_focused()

    player.visit(f"/pets/{other}")
    by_id(player.page, "pet-name-input").fill("BISCU1T")  # a digit one for the letter i
    by_id(player.page, "pet-name-save").click()
    said = player.expect_failed(say("tx.name", id=other, name="BISCU1T"), "name_taken")
    # the API's refusal (409 name_taken) in the player's language, from the app's catalogue
    assert say("apiError.name_taken") in said, said

    player.page.screenshot(path=str(screenshots / "pet-name-refused-desktop.png"), full_page=True)

    player.visit(f"/players/{player.address}")
    expect(player.card(named).get_by_test_id("pet-card-name")).to_have_text(f"Biscuit #{named}")

    player.visit("/market?show=all")  # the market's name search, from the name's start
    by_id(player.page, "filter-name").fill("bisc")
    by_id(player.page, "filter-apply").click()
    expect(player.page.get_by_test_id("market-results").get_by_test_id("pet-card")).to_have_count(1)
    expect(player.card(named)).to_be_visible()
    player.watched.assert_clean(allowed=("status of 409",))
