"""A screenshot of every page at desktop and phone widths (artifacts/screenshots/), each page
checked to have rendered its main content without a console error."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import ViewportSize

from tests.e2e.browser import DESKTOP, PHONE
from tests.e2e.conftest import OpenPage
from tests.e2e.pages import PAGES, AppPage
from tests.e2e.running_game import RunningGame

WIDTHS: dict[str, ViewportSize] = {"desktop": DESKTOP, "phone": PHONE}


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
    watched.assert_clean()
