"""Picking a breeding pair on /breed: the matron and the sire are radio cards in two galleries
(`pick-matron` / `pick-sire`, each with the pet's `data-pet-id`); a card is picked by a click
on it, as a player does."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.player import by_id


def pick(page: Page, role: str, pet: int) -> None:
    """Click the `role` gallery's card of `pet` ("matron" or "sire"; the player's own sire)."""
    card = by_id(page, f"pick-{role}").and_(page.locator(f'[data-pet-id="{pet}"]')).first
    card.click()
    expect(card.get_by_role("radio")).to_be_checked()


def pick_pair(page: Page, matron: int, sire: int) -> None:
    pick(page, "matron", matron)
    pick(page, "sire", sire)
