"""A player in the browser: one page (one browser context) and what a person does on it.

The steps go through the web app's own controls, found by the `data-testid`s it documents
(frontend/README.md): the wallet picker and account switcher, the page's forms and
buttons, and the transaction panel, whose entries walk signing → pending → mined → indexed
or end in failed (`data-state`, with `data-error` naming the failure).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e.browser import Watched
from tests.e2e.conftest import OpenPage
from tests.e2e.running_game import RunningGame

AUTO_CONNECT_MS = 10_000  # the development wallet connects itself after the first page is drawn
TX_SECONDS = (
    60  # a transaction: signed, mined by Ganache, then indexed (the indexer polls every second)
)


def by_id(page: Page, testid: str) -> Locator:
    return page.get_by_test_id(testid)


@dataclass
class Player:
    """A development player (Ganache account `account`) or a test wallet's user."""

    watched: Watched
    base_url: str
    address: str

    @property
    def page(self) -> Page:
        return self.watched.page

    def visit(self, path: str) -> None:
        self.page.goto(self.base_url + path)

    def use_development_account(self) -> None:
        """This player's account in the development wallet's switcher. On a fresh browser the
        app connects the development wallet by itself once it has booted (the Connect button
        shows until then, so its presence proves nothing); only if it does not is the wallet
        picked in the picker."""
        switcher = by_id(self.page, "account-switcher")
        try:
            switcher.wait_for(timeout=AUTO_CONNECT_MS)
        except PlaywrightTimeoutError:
            by_id(self.page, "wallet-connect").click()
            by_id(self.page, "wallet-option-dev").click()
        switcher.select_option(value=self.address)
        expect(switcher).to_have_value(self.address)

    def card(self, pet: int, container: Locator | None = None) -> Locator:
        return (container or self.page).locator(f'[data-testid="pet-card"][data-pet-id="{pet}"]')

    # ---- the transaction panel

    def action(self, title: str) -> Locator:
        """The newest entry of the transaction panel whose title holds `title` (entries are
        prepended; a finished one disappears after a while, so look each up by its title)."""
        entries = by_id(self.page, "tx-status")
        return (entries.filter(has_text=title) if title else entries).first

    def expect_done(self, title: str, seconds: float = TX_SECONDS) -> None:
        """The action ends indexed (the game server shows it); a failure says why."""
        entry = self.action(title)
        expect(entry).to_have_attribute(
            "data-state", re.compile("indexed|failed"), timeout=seconds * 1000
        )
        if entry.get_attribute("data-state") != "indexed":
            reason = entry.get_by_test_id("tx-message").text_content()
            raise AssertionError(f"{title}: failed ({entry.get_attribute('data-error')}): {reason}")

    def expect_failed(self, title: str, error_code: str, seconds: float = TX_SECONDS) -> str:
        """The action fails with `error_code` (title "": the newest action, whichever it is);
        returns the message the player reads."""
        entry = self.action(title)
        expect(entry).to_have_attribute("data-state", "failed", timeout=seconds * 1000)
        expect(entry).to_have_attribute("data-error", error_code)
        return entry.get_by_test_id("tx-message").inner_text()


def development_player(game: RunningGame, open_page: OpenPage, account: int) -> Player:
    """Development account `account` in a fresh browser context, chosen in the built-in wallet."""
    who = Player(open_page(), game.url, game.game.account(account))
    who.visit("/")
    who.use_development_account()
    return who
