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

from tests.e2e.browser import Watched

TX_SECONDS = 60  # a transaction: signed, mined by Ganache, then indexed (the indexer polls every second)


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
        """Pick the development wallet in the picker (if no account is connected yet) and
        this player's account in the switcher."""
        wallet = by_id(self.page, "wallet")
        expect(wallet).to_be_visible()
        if by_id(self.page, "wallet-connect").count():
            by_id(self.page, "wallet-connect").click()
            by_id(self.page, "wallet-option-dev").click()
        switcher = by_id(self.page, "account-switcher")
        switcher.select_option(value=self.address)
        expect(switcher).to_have_value(self.address)

    def pet_cards(self, container: Locator | None = None) -> Locator:
        return (container or self.page).get_by_test_id("pet-card")

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
        expect(entry).to_have_attribute("data-state", re.compile("indexed|failed"), timeout=seconds * 1000)
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
