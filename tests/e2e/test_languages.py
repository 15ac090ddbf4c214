"""Two languages (issue 15, item 11): the app speaks the browser's language (any Chinese reads
Simplified Chinese, anything else English), marks the page with it (<html lang>), and the
header's switch changes it where the player is (same page, every text in the other language),
a choice that outlasts a reload and beats the browser's language."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.browser import DESKTOP, REPO_ROOT
from tests.e2e.language import LANGUAGE, TEXTS, say
from tests.e2e.player import by_id
from tests.e2e.running_game import RunningGame

OTHER = "zh-CN" if LANGUAGE == "en" else "en"


def nav_market(language: str) -> str:
    """The market link's label in `language` (from its catalogue)."""
    catalogue = json.loads((REPO_ROOT / f"frontend/src/i18n/{language}.json").read_text("utf-8"))
    label: str = catalogue["nav"]["market"]
    return label


@pytest.mark.both_languages(
    "the language switch: the page in the language the browser does not speak, and back"
)
def test_the_browsers_language_then_the_players_choice(game: RunningGame, browser: Browser) -> None:
    # A browser in Traditional Chinese reads Simplified Chinese; in French, English.
    for locale, spoken in (("zh-TW", "zh-CN"), ("fr-FR", "en")):
        context = browser.new_context(viewport=DESKTOP, locale=locale)
        page = context.new_page()
        page.goto(f"{game.url}/rarity")
        expect(page.locator("html")).to_have_attribute("lang", spoken)
        expect(by_id(page, "nav-market")).to_have_text(nav_market(spoken))
        context.close()

    context = browser.new_context(viewport=DESKTOP, locale=LANGUAGE)
    try:
        page = context.new_page()
        page.goto(f"{game.url}/rarity")
        expect(page.locator("html")).to_have_attribute("lang", LANGUAGE)
        expect(by_id(page, "tier-table").locator("caption")).to_have_text(say("rarity.caption"))
        # The local chain's name too (the server names it in English, for integrators).
        expect(page.locator("footer")).to_contain_text(say("page.localChain"))
        assert page.title() == say("page.title", page=say("title.rarity"))

        # The switch, by keyboard: the same page again, in the other language, and it stays so.
        switch = by_id(page, "language-switch")
        expect(switch).to_have_accessible_name(TEXTS["language.label"])
        switch.focus()
        with page.expect_navigation():
            switch.select_option(OTHER)
        assert page.url == f"{game.url}/rarity"
        expect(page.locator("html")).to_have_attribute("lang", OTHER)
        expect(by_id(page, "nav-market")).to_have_text(nav_market(OTHER))
        expect(by_id(page, "language-switch")).to_have_value(OTHER)
        page.reload()
        expect(page.locator("html")).to_have_attribute("lang", OTHER)
        expect(by_id(page, "tier-table")).to_be_visible()
    finally:
        context.close()
