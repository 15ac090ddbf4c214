"""The "How to play" page: a new player reaches it from the top navigation (the full label on
a desktop, the short one on a phone) and from the home page's introduction, and it explains
each part of the game under its own heading, in the browser's language. (Its screenshot and
accessibility audit: test_screenshots.py, through pages.py.)"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from tests.e2e.browser import DESKTOP, PHONE
from tests.e2e.conftest import OpenPage
from tests.e2e.language import TEXTS, say
from tests.e2e.player import by_id
from tests.e2e.running_game import RunningGame

# Every section the page holds: each key under howTo. in the catalogue with a title.
SECTIONS = sorted(
    {key.split(".")[1] for key in TEXTS if key.startswith("howTo.") and key.endswith(".title")}
)

TOP_TIER = max(int(key.split(".")[1]) for key in TEXTS if re.fullmatch(r"tier\.\d+", key))


def expect_the_page(page: Page) -> None:
    expect(page).to_have_url(re.compile(r"/how-to-play$"))
    main = page.locator("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(say("title.howToPlay"))
    assert len(SECTIONS) >= 10, SECTIONS
    for key in SECTIONS:
        section = by_id(page, f"how-to-{key}")
        expect(section.get_by_role("heading", level=2)).to_have_text(say(f"howTo.{key}.title"))
        body = say(f"howTo.{key}.body", lowest=say("tier.0"), highest=say(f"tier.{TOP_TIER}"))
        expect(section).to_contain_text(body)
    # The fees in force, read from the chain (the seeded game's cut and royalty).
    expect(by_id(page, "how-to-fees-now")).to_be_visible()
    expect(page).to_have_title(say("page.title", page=say("title.howToPlay")))


@pytest.mark.both_languages("reads the page's sections and links from the catalogues")
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_navigation_reaches_the_page(
    game: RunningGame, open_page: OpenPage, viewport: ViewportSize
) -> None:
    watched = open_page(viewport)
    page = watched.page
    page.goto(f"{game.url}/market")
    link = by_id(page, "nav-how-to-play")
    expect(link).to_have_accessible_name(say("nav.howToPlay"))
    link.click()
    expect_the_page(page)
    expect(link).to_have_attribute("aria-current", "page")
    watched.assert_clean()


@pytest.mark.both_languages("reads the home page's link and the page's sections")
def test_the_home_pages_introduction_links_to_it(game: RunningGame, open_page: OpenPage) -> None:
    watched = open_page(DESKTOP)
    page = watched.page
    page.goto(game.url)
    intro = by_id(page, "home-how-to-play")
    expect(intro).to_have_text(say("home.howToPlay"))
    intro.click()
    expect_the_page(page)
    # Its links lead on: the rarity ladder.
    page.locator("main").get_by_role("link", name=say("howTo.rarity.link")).click()
    expect(by_id(page, "tier-table")).to_be_visible()
    watched.assert_clean()
