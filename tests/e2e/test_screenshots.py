"""A screenshot of every page at desktop and phone widths (artifacts/screenshots/), each page
checked to have rendered its main content without a console error, and to pass the phone and
keyboard checks of accessibility.py: on a phone the top bar takes at most 15 % of the screen
and nothing scrolls sideways; every control is reachable by keyboard; axe-core finds nothing
serious or critical."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import ViewportSize

from tests.e2e.accessibility import (
    MAX_HEADER_SHARE,
    header_share,
    hidden_navigation,
    serious_axe_violations,
    sideways_overflow,
    unreachable_by_keyboard,
)
from tests.e2e.browser import DESKTOP, PHONE
from tests.e2e.conftest import OpenPage
from tests.e2e.pages import PAGES, AppPage
from tests.e2e.running_game import RunningGame

WIDTHS: dict[str, ViewportSize] = {"desktop": DESKTOP, "phone": PHONE}


@pytest.mark.both_languages(
    "layout: words of another length move the phone's top bar, its links and what scrolls "
    "sideways; axe checks the page's language and its controls' names; each language's pictures"
)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_page_renders_and_is_photographed(
    game: RunningGame, open_page: OpenPage, screenshots: Path, page: AppPage, width: str
) -> None:
    watched = open_page(WIDTHS[width])
    watched.page.goto(game.url + page.path(game))
    main = watched.page.locator(page.main).first
    main.wait_for(state="visible")
    assert main.inner_text().strip(), f"{page.name}: {page.main} is empty"
    watched.page.wait_for_load_state("networkidle")  # pictures and late requests, before the shot
    shot = screenshots / f"{page.name}-{width}.png"
    watched.page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 0
    if width == "phone":
        share = header_share(watched.page)
        assert share <= MAX_HEADER_SHARE, f"{page.name}: the top bar takes {share:.0%} of a phone"
        assert sideways_overflow(watched.page) == 0, f"{page.name} scrolls sideways on a phone"
        assert hidden_navigation(watched.page) == [], f"{page.name}: links out of a phone's sight"
    assert unreachable_by_keyboard(watched.page) == [], page.name
    assert serious_axe_violations(watched.page) == [], page.name
    watched.assert_clean(page.allowed_errors)
